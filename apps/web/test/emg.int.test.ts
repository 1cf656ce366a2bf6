/**
 * End-to-end EMG in headless Chromium (the built app):
 * 1. Web Bluetooth emulated through the DevTools protocol (BluetoothEmulation + DeviceAccess): the app's
 *    real Ganglion transport finds, pairs and connects a fake "Ganglion", discovers its service, subscribes,
 *    writes the start command 'b'; a device without the Ganglion service is refused as the wrong device;
 *    a disconnect is shown in words. Chromium 156's BluetoothEmulation has no command to push a
 *    notification value, so the EMG stream itself cannot be emulated there (the app says "no data").
 * 2. A simulated Ganglion (test hook) streams a scripted signal (rest, bursts, 50 Hz hum, dropped packets,
 *    an electrode going flat, a disconnect): envelope, cues on the bursts, loss in words, "check the
 *    electrodes", session saved and marked interrupted, chart.
 * 3. A simulated serial Cyton likewise, stopped and saved by the person; its raw recording downloaded and
 *    replayed through core's replay format.
 * 4. A browser without Web Bluetooth / Web Serial gets words, and Connect stays off.
 * Sample-to-cue latency is printed as a JSON line starting with EMG_LATENCY (BENCHMARKS.md).
 * Run: npx vitest run apps/web/test/emg.int.test.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_EMG_SCRIPT, GANGLION } from '@geste/core';
import { buildApp, servePreview, type Served } from './harness.ts';
import { launchChromium, newDevice, shot } from './pageTools.ts';

let served: Served;
beforeAll(async () => {
  buildApp();
  served = await servePreview();
}, 300_000);
afterAll(async () => {
  await served?.stop();
});

async function launchBt(): Promise<{ browser: Browser; context: BrowserContext; page: Page; close: () => Promise<void> }> {
  // Web Bluetooth is behind the first switch on Linux
  const browser = await launchChromium(['--enable-experimental-web-platform-features', '--disable-background-timer-throttling', '--disable-renderer-backgrounding']);
  const { ctx: context, page } = await newDevice(browser, { viewport: { width: 1280, height: 900 }, acceptDialogs: false });
  return { browser, context, page, close: () => browser.close() };
}

const FE84 = '0000fe84-0000-1000-8000-00805f9b34fb';

interface StoredRecord {
  id: string;
  type: string;
  kind: string;
  endedAtMs: number | null;
  note: string;
  measures: Record<string, number | null>;
}

async function emgRecords(page: Page): Promise<StoredRecord[]> {
  return page.evaluate(
    () =>
      new Promise<StoredRecord[]>((resolve, reject) => {
        const open = indexedDB.open('geste-records');
        open.onerror = () => reject(new Error('cannot open geste-records'));
        open.onsuccess = () => {
          const dbh = open.result;
          const req = dbh.transaction('records', 'readonly').objectStore('records').getAll();
          req.onsuccess = () => {
            resolve((req.result as StoredRecord[]).filter((r) => r.type === 'session' && r.id.startsWith('emg-')));
            dbh.close();
          };
        };
      }),
  );
}

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core WCAG 2.2 AA violations on the page as it is now (same tags as a11y.int.test.ts). */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}

async function text(page: Page, testId: string): Promise<string> {
  return (await page.textContent(`[data-testid=${testId}]`)) ?? '';
}

describe('EMG in headless Chromium', () => {
  it('Web Bluetooth emulated by CDP: pairs and connects a Ganglion, writes "b", refuses the wrong device, shows a disconnect', async () => {
    const l = await launchBt();
    try {
      const { page, context, browser } = l;
      // BluetoothEmulation is a browser-wide domain; DeviceAccess (the chooser) is the page's
      const cdp = await browser.newBrowserCDPSession();
      await page.goto(`${served.url}?nosw#/emg`);
      await cdp.send('BluetoothEmulation.enable' as never, { state: 'powered-on', leSupported: true } as never);
      const real = '0A:0B:0C:0D:0E:01';
      const fake = '0A:0B:0C:0D:0E:02';
      await cdp.send('BluetoothEmulation.simulatePreconnectedPeripheral' as never, { address: real, name: 'Ganglion-1a2b', manufacturerData: [], knownServiceUuids: [FE84] } as never);
      await cdp.send('BluetoothEmulation.simulatePreconnectedPeripheral' as never, { address: fake, name: 'Ganglion-fake', manufacturerData: [], knownServiceUuids: [] } as never);
      const written: string[] = [];
      let pick = fake;
      // the Ganglion's GATT table: service fe84 with its receive (notify) and send (write) characteristics
      const { serviceId } = (await cdp.send('BluetoothEmulation.addService' as never, { address: real, serviceUuid: FE84 } as never)) as { serviceId: string };
      const rx = (await cdp.send('BluetoothEmulation.addCharacteristic' as never, { serviceId, characteristicUuid: GANGLION.receiveUuid, properties: { notify: true } } as never)) as { characteristicId: string };
      // without the client configuration descriptor (0x2902) startNotifications fails with NotSupportedError
      await cdp.send('BluetoothEmulation.addDescriptor' as never, { characteristicId: rx.characteristicId, descriptorUuid: '00002902-0000-1000-8000-00805f9b34fb' } as never);
      await cdp.send('BluetoothEmulation.addCharacteristic' as never, { serviceId, characteristicUuid: GANGLION.sendUuid, properties: { write: true, writeWithoutResponse: true } } as never);
      cdp.on('BluetoothEmulation.gattOperationReceived' as never, (async (ev: { address: string; type: string }) => {
        await cdp.send('BluetoothEmulation.simulateGATTOperationResponse' as never, { address: ev.address, type: ev.type, code: 0 } as never);
      }) as never);
      cdp.on('BluetoothEmulation.characteristicOperationReceived' as never, (async (ev: { characteristicId: string; type: string; data?: string }) => {
        if (ev.type === 'write' && ev.data) written.push(Buffer.from(ev.data, 'base64').toString('latin1'));
        await cdp.send('BluetoothEmulation.simulateCharacteristicOperationResponse' as never, { characteristicId: ev.characteristicId, type: ev.type, code: 0 } as never);
      }) as never);
      cdp.on('BluetoothEmulation.descriptorOperationReceived' as never, (async (ev: { descriptorId: string; type: string }) => {
        await cdp.send('BluetoothEmulation.simulateDescriptorOperationResponse' as never, { descriptorId: ev.descriptorId, type: ev.type, code: 0 } as never);
      }) as never);
      const pcdp = await context.newCDPSession(page);
      await pcdp.send('DeviceAccess.enable');
      const advertise = async (): Promise<void> => {
        for (const [address, name, uuids] of [[real, 'Ganglion-1a2b', [FE84]], [fake, 'Ganglion-fake', []]] as const) {
          await cdp.send('BluetoothEmulation.simulateAdvertisement' as never, { entry: { deviceAddress: address, rssi: -50, scanRecord: { name, uuids } } } as never);
        }
      };
      const answered = new Set<string>();
      pcdp.on('DeviceAccess.deviceRequestPrompted', (ev) => {
        if (ev.devices.length === 0) void advertise(); // the chooser is scanning: the boards advertise
        if (answered.has(ev.id)) return; // answering one prompt twice takes Chromium 156 down
        const d = ev.devices.find((x) => x.id === pick); // the chooser lists devices by address (names come empty)
        // the prompt is announced again as devices are found; cancelling an early empty one crashes Chromium 156
        if (d) {
          answered.add(ev.id);
          void pcdp.send('DeviceAccess.selectPrompt', { id: ev.id, deviceId: d.id }).catch(() => undefined);
        }
      });
      await shot(page, 'emg-01-connect');
      // the wrong device: named like a Ganglion but without its data service
      await page.click('[data-testid=emg-connect]');
      await page.waitForSelector('[data-testid=emg-error]', { timeout: 20_000 });
      expect(await text(page, 'emg-error')).toContain('not an OpenBCI Ganglion');
      // the right one
      pick = real;
      await page.click('[data-testid=emg-connect]');
      await page.waitForSelector('[data-testid=emg-status]', { timeout: 20_000 });
      expect(await text(page, 'emg-status')).toContain('Connected, waiting for data: Ganglion-1a2b');
      await expect.poll(() => written.join(''), { timeout: 10_000 }).toBe('b');
      // no notifications can be pushed through CDP here: the app says no data comes
      await page.waitForSelector('[data-testid=emg-nodata]', { timeout: 15_000 });
      await cdp.send('BluetoothEmulation.simulateGATTDisconnection' as never, { address: real } as never);
      await page.waitForSelector('[data-testid=emg-disconnected]', { timeout: 10_000 });
      expect(await text(page, 'emg-disconnected')).toContain('Disconnected at');
      await shot(page, 'emg-02-ble-emulated-disconnected');
    } finally {
      await l.close();
    }
  });

  it('simulated Ganglion: envelope, cues on the bursts, dropped packets in words, flat electrode, disconnect keeps the session (marked)', async () => {
    const l = await launchBt();
    try {
      const { page } = l;
      const hook = { script: { ...DEMO_EMG_SCRIPT, flat: [[1, 12_500]] }, dropPackets: [150, 151, 152, 700], disconnectAtMs: 17_000 };
      await page.addInitScript((h) => ((window as unknown as { __GESTE_EMG_SIMULATOR__: unknown }).__GESTE_EMG_SIMULATOR__ = h), hook);
      await page.goto(`${served.url}?nosw#/emg`);
      await page.click('[data-testid=emg-device-sim-ganglion]');
      await page.click('[data-testid=emg-connect]');
      await page.waitForSelector('[data-testid=emg-status]');
      await page.click('[data-testid=emg-rest]');
      await page.waitForSelector('[data-testid=emg-step-note]', { timeout: 15_000 });
      expect(await text(page, 'emg-step-note')).toMatch(/Resting level: \d+(\.\d)? µV/);
      // the envelope at rest is small despite 40 µV of 50 Hz hum
      const restEnv = Number(await page.getAttribute('[data-testid=emg-bar]', 'data-envelope-uv'));
      expect(restEnv).toBeLessThan(10);
      await page.selectOption('[data-testid=emg-level]', '2');
      await page.click('[data-testid=emg-start]');
      await page.waitForSelector('[data-testid=emg-cue][data-cue=on]', { timeout: 15_000 });
      console.log('first cue at sample', await page.getAttribute('[data-testid=emg-summary]', 'data-cue-samples'));
      // the bar is drawn on the next animation frame; it shows the burst
      await expect.poll(async () => Number(await page.getAttribute('[data-testid=emg-bar]', 'data-envelope-uv')), { timeout: 5000 }).toBeGreaterThan(3 * restEnv);
      await shot(page, 'emg-03-ganglion-burst-cue');
      await expect.poll(async () => Number(await page.getAttribute('[data-testid=emg-summary]', 'data-cues')), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
      expect(await page.getAttribute('[data-testid=emg-loss]', 'data-lost-packets')).toBe('4');
      expect(await text(page, 'emg-loss')).toMatch(/^4 packets lost \(\d+\.\d % of the signal\); the gaps are skipped, not filled in\./);
      await expect.poll(() => text(page, 'emg-electrode-1'), { timeout: 10_000 }).toContain('check the electrodes: the signal is flat');
      expect(await page.getAttribute('[data-testid=emg-electrode-0]', 'data-status')).toBe('ok');
      const cueSamples = (await page.getAttribute('[data-testid=emg-summary]', 'data-cue-samples'))!.split(',').map(Number);
      const pipeline = (await page.getAttribute('[data-testid=emg-summary]', 'data-latencies-ms'))!.split(',').map(Number);
      await page.waitForSelector('[data-testid=emg-disconnected]', { timeout: 15_000 });
      expect(await text(page, 'emg-disconnected')).toContain('session is marked as interrupted');
      await expect.poll(async () => (await emgRecords(page)).filter((r) => r.endedAtMs !== null).length, { timeout: 10_000 }).toBe(1);
      const [rec] = await emgRecords(page);
      expect(rec!.kind).toBe('biofeedback');
      expect(rec!.measures['emg.interrupted']).toBe(1);
      expect(rec!.measures['emg.cueCount']).toBeGreaterThanOrEqual(2);
      expect(rec!.measures['emg.lostSamples']).toBeGreaterThan(0);
      expect(rec!.note).toContain('interrupted');
      await page.waitForSelector('[data-testid=emg-chart][data-sessions="1"]');
      await shot(page, 'emg-04-ganglion-disconnected-saved');
      // latency: burst onsets are samples 2000 (10 s) and 2800 (14 s) at 200 Hz
      const onsets = DEMO_EMG_SCRIPT.bursts.filter((b) => b.channel === 0).map((b) => (b.startMs * 200) / 1000);
      const algoMs = cueSamples.map((s, i) => ((s - onsets[i]!) * 1000) / 200);
      console.log('EMG_LATENCY ' + JSON.stringify({ device: 'simulated-ganglion', sampleRateHz: 200, burstOnsetToCueSampleMs: algoMs, packetArrivalToCueFrameMs: pipeline }));
      for (const a of algoMs) expect(a).toBeGreaterThanOrEqual(0);
    } finally {
      await l.close();
    }
  });

  it('simulated serial Cyton: cues, loss, stop and save; the placement guide', async () => {
    const l = await launchBt();
    try {
      const { page } = l;
      await page.addInitScript((h) => ((window as unknown as { __GESTE_EMG_SIMULATOR__: unknown }).__GESTE_EMG_SIMULATOR__ = h), { dropPackets: [300, 301, 302] });
      await page.goto(`${served.url}?nosw#/emg`);
      await page.click('[data-testid=emg-device-sim-cyton]');
      await page.click('[data-testid=emg-connect]');
      await page.waitForSelector('[data-testid=emg-status]');
      expect(await text(page, 'emg-status')).toContain('Simulated Cyton, 8 channels at 250 Hz');
      await page.click('[data-testid=emg-rest]');
      await page.waitForSelector('[data-testid=emg-step-note]', { timeout: 15_000 });
      await page.click('[data-testid=emg-start]');
      await expect.poll(async () => Number(await page.getAttribute('[data-testid=emg-summary]', 'data-cues')), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
      expect(await page.getAttribute('[data-testid=emg-loss]', 'data-lost-packets')).toBe('3');
      expect(await page.textContent('[data-testid=emg-asymmetry]')).toMatch(/Left\/right: /);
      const cueSamples = (await page.getAttribute('[data-testid=emg-summary]', 'data-cue-samples'))!.split(',').map(Number);
      const pipeline = (await page.getAttribute('[data-testid=emg-summary]', 'data-latencies-ms'))!.split(',').map(Number);
      await shot(page, 'emg-05-cyton-training');
      expect(await axeViolations(page)).toEqual([]);
      await page.click('[data-testid=emg-stop]');
      await page.waitForSelector('[data-testid=emg-saved]');
      // the raw recording, downloaded now and replayed below through core's replay format
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=emg-download]')]);
      expect(download.suggestedFilename()).toMatch(/^geste-emg-[\d-]+\.jsonl$/);
      const recordingPath = join(mkdtempSync(join(tmpdir(), 'geste-emg-rec-')), download.suggestedFilename());
      await download.saveAs(recordingPath);
      const recs = await emgRecords(page);
      expect(recs).toHaveLength(1);
      expect(recs[0]!.measures['emg.interrupted']).toBe(0);
      expect(recs[0]!.endedAtMs).not.toBeNull();
      const onsets = DEMO_EMG_SCRIPT.bursts.filter((b) => b.channel === 0).map((b) => (b.startMs * 250) / 1000);
      const algoMs = cueSamples.map((s, i) => ((s - onsets[i]!) * 1000) / 250);
      console.log('EMG_LATENCY ' + JSON.stringify({ device: 'simulated-cyton', sampleRateHz: 250, burstOnsetToCueSampleMs: algoMs, packetArrivalToCueFrameMs: pipeline }));
      await page.click('[data-testid=emg-tab-guide]');
      await page.waitForSelector('[data-testid=emg-svg-scm]');
      for (const m of ['scm', 'splenius', 'trapezius']) expect(await page.isVisible(`[data-testid=emg-svg-${m}]`)).toBe(true);
      const guide = await text(page, 'emg-guide');
      expect(guide).toContain('alcohol');
      expect(guide).not.toMatch(/\b(dose|injection|treat your|should take)\b/i);
      await shot(page, 'emg-06-placement-guide');
      expect(await axeViolations(page)).toEqual([]);
      // replay the downloaded recording: same loss count, the envelope moves, no board needed
      await page.click('[data-testid=emg-tab-train]');
      await page.click('[data-testid=emg-disconnect]');
      await page.click('[data-testid=emg-device-replay]');
      await page.setInputFiles('[data-testid=emg-replay-file]', recordingPath);
      await page.click('[data-testid=emg-connect]');
      await page.waitForSelector('[data-testid=emg-status]');
      // "Connected, waiting for data" comes first, until the simulated board's first packets arrive.
      await expect.poll(() => text(page, 'emg-status'), { timeout: 20_000 }).toContain('Connected: Recording geste-emg-');
      await expect.poll(async () => page.getAttribute('[data-testid=emg-loss]', 'data-lost-packets'), { timeout: 20_000 }).toBe('3');
      await expect.poll(async () => Number(await page.getAttribute('[data-testid=emg-bar]', 'data-envelope-uv')), { timeout: 10_000 }).toBeGreaterThan(0);
      rmSync(dirname(recordingPath), { recursive: true, force: true });
    } finally {
      await l.close();
    }
  });

  it('a browser without Web Bluetooth or Web Serial: plain words, Connect stays off', async () => {
    const l = await launchBt();
    try {
      const { page } = l;
      await page.addInitScript(() => {
        delete (Navigator.prototype as unknown as { bluetooth?: unknown }).bluetooth;
        delete (Navigator.prototype as unknown as { serial?: unknown }).serial;
      });
      await page.goto(`${served.url}?nosw#/emg`);
      expect(await text(page, 'emg-unsupported')).toContain('This browser cannot use Bluetooth');
      expect(await page.isDisabled('[data-testid=emg-connect]')).toBe(true);
      await page.check('input[name=emg-device] >> nth=1');
      expect(await text(page, 'emg-unsupported')).toContain('cannot use USB serial');
      await shot(page, 'emg-07-unsupported');
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await l.close();
    }
  });
});
