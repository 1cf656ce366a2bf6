import { buildApp, launch, servePreview } from './harness.ts';
import { startCamera, waitAttr } from './pageTools.ts';
const clip = process.argv[2]!;
buildApp();
const served = await servePreview();
const l = await launch({ fakeVideo: clip });
const page = l.page;
await page.goto(`${served.url}?nosw#/setup`);
await startCamera(page);
await waitAttr(page, '[data-testid=check-face]', 'data-ok', { oneOf: ['true'] });
const rows: string[] = [];
for (let i = 0; i < 60; i++) {
  const m = await page.evaluate(() => { const d = (window as any).gesteDebug; const x = d.latest; return x ? `${d.framesMeasured} ${x.timestampMs?.toFixed?.(0)} ${x.state} rot=${x.rotationDeg?.toFixed?.(1)} tilt=${x.tiltDeg?.toFixed?.(1)} flex=${x.flexionDeg?.toFixed?.(1)} conf=${x.confidence?.toFixed?.(2)} ${JSON.stringify(x.reasons ?? x.notMeasurableReasons ?? '')}` : 'none'; });
  rows.push(m);
  await page.waitForTimeout(150);
}
console.log(rows.join('\n'));
await l.close();
await served.stop();
