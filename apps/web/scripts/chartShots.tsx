/**
 * Renders the app's charts (the same React components, server-side) for three cases and screenshots
 * them with headless Chromium into docs/screenshots/: the generated demo year (pain 0–10 and the
 * camera's objective items 0–35), a trial-like TWSTRS patient (0–85) with a real dip, and a
 * placebo-like TWSTRS patient whose 5-point wobble gives "not enough change".
 * Run: node --import tsx apps/web/scripts/chartShots.tsx  (needs /usr/bin/chromium)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { makeDemoRecords, MS_PER_WEEK, TWSTRS_TOTAL_SCALE, type TimedValue } from '@geste/core';
import { otherMarks, ScaleCharts, scaleSeriesOf } from '../src/records/ChartsScreen.tsx';
import { chartSeries } from '../src/records/data.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const OUT = join(ROOT, 'docs', 'screenshots');
const css = readFileSync(join(import.meta.dirname, '..', 'src', 'records', 'records.css'), 'utf8');
const T0 = Date.UTC(2025, 0, 6);
const W = MS_PER_WEEK;

function shot(name: string, body: string, heightPx: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'geste-charts-'));
  const html = join(dir, 'c.html');
  writeFileSync(html, `<!doctype html><meta charset="utf-8"><style>body{font-family:DejaVu Sans,sans-serif;margin:16px;width:780px}${css}</style><section class="rec">${body}</section>`);
  execFileSync('/usr/bin/chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', `--window-size=820,${heightPx}`, `--screenshot=${join(OUT, name)}`, `file://${html}`], { stdio: 'ignore' });
  console.log(`wrote docs/screenshots/${name}`);
}
const injections = (weeks: number[]) => weeks.map((w) => ({ atMs: T0 + w * W, effectStartedAtMs: null, effectWoreOffAtMs: null }));

// 1. The generated year.
const demo = makeDemoRecords({ startMs: Date.UTC(2025, 0, 1), days: 270, seed: 3 });
const demoInj = chartSeries(demo).injections.map((b) => ({ atMs: b.atMs, effectStartedAtMs: b.effectStartedAtMs, effectWoreOffAtMs: b.effectWoreOffAtMs }));
shot('charts-demo.png', renderToStaticMarkup(<ScaleCharts series={scaleSeriesOf(demo)} injections={demoInj} marks={otherMarks(demo)} />), 2000);

// 2 and 3. Trial-like TWSTRS totals at weeks 0, 2, 4, 8, 12, 16 after one injection (plugged in as a series with a declared range).
const visits = (vals: number[]): TimedValue[] => [0, 2, 4, 8, 12, 16].map((w, i) => ({ atMs: T0 + w * W, value: vals[i]! }));
shot('charts-twstrs-dip.png', renderToStaticMarkup(<ScaleCharts series={[{ scale: TWSTRS_TOTAL_SCALE, values: visits([47, 44, 35, 34, 41, 46]) }]} injections={injections([0])} />), 1000);
shot('charts-twstrs-placebo.png', renderToStaticMarkup(<ScaleCharts series={[{ scale: TWSTRS_TOTAL_SCALE, values: visits([45, 42, 40, 41, 44, 43]) }]} injections={injections([0])} />), 1000);
