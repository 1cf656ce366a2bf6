/**
 * Self-contained HTML report (inline CSS and SVG, no script, nothing fetched): readable offline, printable,
 * safe to e-mail. Every number says what it is, in clinical words and units.
 */
import { AXES, type FrameMeasure } from '@geste/core';
import type { RecordingAnalysis } from '../analyze.ts';
import { linePlotSvg } from './svgPlot.ts';
import { lensGlareWords } from './glareWords.ts';
import { overtoneNote } from './text.ts';
import { AXIS_WORDS, ITEM_WORDS, METHOD_WORDS, NEUTRAL_WORDS, NOT_ASSESSABLE_WORDS, evidenceText, neutralAxesNote, reasonLines } from './words.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const num = (v: number | null | undefined, digits = 1, unit = '') =>
  v === null || v === undefined || !Number.isFinite(v) ? '<span class="nm">not measured</span>' : `${v.toFixed(digits)}${unit}`;
/** A sustained range of motion one way: negative means that side of neutral was never reached (core rangeOfMotion.ts). */
const romDeg = (v: number | null) => (v !== null && Number.isFinite(v) && v < 0 ? '<span class="nm">not reached</span>' : num(v, 1, '°'));

const LINE_STYLE = {
  rotationDeg: { color: '#1b4f9c', dash: '' },
  tiltDeg: { color: '#b3461b', dash: '8 4' },
  flexionDeg: { color: '#2e7d32', dash: '2 3' },
} as const;

function notMeasurableRanges(frames: readonly FrameMeasure[]): [number, number][] {
  const out: [number, number][] = [];
  let start: number | null = null;
  for (const f of frames) {
    const t = f.timestampMs / 1000;
    if (f.state === 'not-measurable' && f.rotationDeg === null) {
      if (start === null) start = t;
    } else if (start !== null) {
      out.push([start, t]);
      start = null;
    }
  }
  if (start !== null && frames.length) out.push([start, frames[frames.length - 1]!.timestampMs / 1000]);
  return out;
}

/** At most ~3000 points per line in the page. */
function decimate<T>(xs: readonly T[], max = 3000): T[] {
  if (xs.length <= max) return [...xs];
  const step = xs.length / max;
  return Array.from({ length: max }, (_, i) => xs[Math.floor(i * step)]!);
}

export function renderHtmlReport(a: RecordingAnalysis, title: string): string {
  const s = a.summary;
  const counted = neutralAxesNote(s.timeInNeutral.perAxis);
  const tinWhich = counted ? `${counted.counted} (${counted.left} could not be counted)` : 'all three angles';
  const frames = decimate(a.frames);
  const anglePlot = linePlotSvg(
    AXES.map((axis) => ({
      label: AXIS_WORDS[axis].name.split(' ')[0]!,
      ...LINE_STYLE[axis],
      points: frames.map((f) => [f.timestampMs / 1000, f[axis]] as const),
    })),
    {
      title: 'Head angles over time (relative to neutral)',
      xLabel: 'time (s)',
      yLabel: 'degrees',
      band: { label: '±10° of neutral', from: -10, to: 10 },
      shade: { label: 'not measurable', ranges: notMeasurableRanges(frames) },
    },
  );
  const bodyPlot = linePlotSvg(
    [
      { label: 'lateral shift (cm)', color: '#6a1b9a', dash: '', points: frames.map((f) => [f.timestampMs / 1000, f.lateralShiftCm] as const) },
      { label: 'shoulder elevation (deg)', color: '#8d6e00', dash: '6 3', points: frames.map((f) => [f.timestampMs / 1000, f.shoulderElevationDeg] as const) },
    ],
    { title: 'Lateral shift and shoulder elevation', xLabel: 'time (s)', yLabel: 'cm / degrees', heightPx: 220 },
  );
  const spectrumLines = AXES.flatMap((axis) => {
    const r = s.tremor.axes[axis];
    if (!r.measurable) return [];
    const pts = Array.from(r.psd.freqsHz, (f, i) => [f, Math.log10(Math.max(1e-6, r.psd.psd[i]!))] as const).filter(([f]) => f > 0 && f <= 8);
    return [{ label: AXIS_WORDS[axis].name.split(' ')[0]!, ...LINE_STYLE[axis], points: pts }];
  });
  const spectrumPlot = spectrumLines.length
    ? linePlotSvg(spectrumLines, { title: 'Movement spectrum (tremor analysis)', xLabel: 'frequency (Hz)', yLabel: 'log10 power (deg²/Hz)', heightPx: 240 })
    : '<p class="nm">Tremor spectrum not measurable: too little continuous measured data (needs about 8 s without gaps).</p>';

  const pct = (n: number) => (s.frames ? ((100 * n) / s.frames).toFixed(1) : '0');
  // The same lines as the text report (words.ts reasonLines): beyond-range per movement, then why confidence was lower.
  const why = reasonLines(s);
  const reasonRows = why.reasons.map((l) => `<li>${esc(l)}</li>`).join('');
  const doubtRows = why.doubts.map((l) => `<li>${esc(l)}</li>`).join('');
  const methodRows = Object.entries(s.methods)
    .map(([m, n]) => `<li>${esc(METHOD_WORDS[m as keyof typeof METHOD_WORDS] ?? m)}: ${n} frames</li>`)
    .join('');

  const postureRows = AXES.map((axis) => {
    const p = s.posture[axis];
    const rom = s.rangeOfMotion[axis];
    const w = AXIS_WORDS[axis];
    const zone = s.timeInNeutral.perAxis[axis];
    return `<tr><th scope="row">${esc(w.name)}</th><td>${num(p.medianDeg, 1, '°')}</td><td>${num(p.maxPositiveDeg, 1, '°')} <small>(${esc(w.positive)})</small></td><td>${num(p.maxNegativeDeg, 1, '°')} <small>(${esc(w.negative)})</small></td><td>${romDeg(rom.positiveDeg)} / ${romDeg(rom.negativeDeg)}</td><td>${num(zone.percentWithin, 0, ' %')}</td></tr>`;
  }).join('');

  const tremorRows = AXES.map((axis) => {
    const r = s.tremor.axes[axis];
    if (!r.measurable) return `<tr><th scope="row">${esc(AXIS_WORDS[axis].name)}</th><td colspan="3" class="nm">not measurable (${esc(r.reason)}: longest continuous stretch ${r.needed.longestContinuousS.toFixed(1)} s, needs ${r.needed.minContinuousS} s)</td></tr>`;
    return `<tr><th scope="row">${esc(AXIS_WORDS[axis].name)}</th>${r.bands
      .map((b) => `<td>${b.peakFreqHz.toFixed(2)} Hz, ${b.rmsDeg.toFixed(2)}° RMS, ${b.peakToPeakDeg.toFixed(1)}° p-p, regularity ${b.regularity.toFixed(2)}</td>`)
      .join('')}</tr>`;
  }).join('');

  const items = s.severity.items
    .map(
      (it) =>
        `<tr><th scope="row">${esc(ITEM_WORDS[it.item])}${it.weight === 2 ? ' <small>(counts twice)</small>' : ''}</th><td>${it.assessable && it.score !== null ? `${it.score} / ${it.maxScore}` : '<span class="nm">not assessable</span>'}</td><td>${it.assessable ? esc(evidenceText(it.evidence.values)) : esc(NOT_ASSESSABLE_WORDS[it.reason ?? 'too-little-measurable-data'])}</td></tr>`,
    )
    .join('');
  const t = s.severity.total;

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Geste report — ${esc(title)}</title>
<style>
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111;max-width:1000px;margin:24px auto;padding:0 16px}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:2px solid #222}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #999;padding:6px 8px;text-align:left;vertical-align:top}
thead th{background:#eee}.safety{border:2px solid #333;background:#fffbe6;padding:10px 14px;font-weight:600}
.nm{color:#555;font-style:italic}small{color:#333}.kv{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}
@media print{body{margin:0}}
</style></head><body>
<h1>Geste measurement report</h1>
<p>Recording: <strong>${esc(title)}</strong> · ${s.durationS.toFixed(1)} s · ${s.frames} frames · analysed at ${a.source.imageWidthPx}×${a.source.imageHeightPx} px with ${esc(a.source.kind)}</p>
<p class="safety">${esc(s.safety)}</p>
${s.notes.length ? `<ul class="notes">${s.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : ''}

<h2>What could be measured</h2>
<div class="kv"><span>Neutral used</span><span>${esc(NEUTRAL_WORDS[s.neutral.kind])}${s.neutral.fellBackToAnatomical ? ` — the requested calibration could not be used (${esc(s.neutral.calibrationProblem ?? '')})` : ''}</span>
<span>Measured frames</span><span>${s.measurableFrames} of ${s.frames} (${pct(s.measurableFrames)} %), of which ${s.lowConfidenceFrames} with lower confidence</span>
<span>Not measurable</span><span>${s.notMeasurableFrames} frames (${pct(s.notMeasurableFrames)} %)</span></div>
${s.neutral.lensGlare ? `<p class="${s.neutral.lensGlare.outcome === 'kept' ? 'safety' : ''}" data-glare="${s.neutral.lensGlare.outcome}">${esc(lensGlareWords(s.neutral.lensGlare))}</p>` : ''}
${reasonRows ? `<p>Reasons noted:</p><ul>${reasonRows}</ul>` : ''}
${doubtRows ? `<p>Why confidence was lower:</p><ul>${doubtRows}</ul>` : ''}
<p>How angles were measured:</p><ul>${methodRows}</ul>

<h2>Head posture</h2>
${anglePlot}
<table><thead><tr><th>Axis</th><th>Median</th><th>Furthest +</th><th>Furthest −</th><th>Range of motion (+ / −, sustained)</th><th>Time within 10° of neutral</th></tr></thead><tbody>${postureRows}</tbody></table>
${s.anatomical ? `<p>What each angle was measured against:</p><ul>${AXES.map((ax) => {
  const r = s.anatomical!.perAxis[ax];
  const med = r.medianDeg === null ? 'not measured' : `${r.uncertain ? 'about ' : ''}${r.medianDeg.toFixed(1)}°${r.uncertain ? ` (uncertain, ±${Math.round(r.uncertaintyDeg ?? 0)}°)` : ''}`;
  return `<li>${esc(AXIS_WORDS[ax].name)}: ${esc(r.words)}; median against the anatomical zero ${esc(med)}</li>`;
}).join('')}</ul>${s.anatomical.neutralVersusAnatomical ? `<p class="${s.anatomical.neutralVersusAnatomical.differsByMoreThan10Deg ? 'safety' : ''}">${esc(s.anatomical.neutralVersusAnatomical.sentence)}</p>` : ''}` : ''}
<p>Time with ${esc(tinWhich)} within 10° of neutral: <strong>${num(s.timeInNeutral.combined.percentWithin, 0, ' %')}</strong>; longest continuous hold ${num(s.timeInNeutral.longestHoldS, 1, ' s')}.</p>

<h2>Shifts and shoulders</h2>
${bodyPlot}
<p>Lateral shift median ${num(s.lateralShiftCm.medianCm, 1, ' cm')} (positive = toward the person's right). Shoulder elevation median ${num(s.shoulderElevationDeg.medianDeg, 1, '°')} (positive = right shoulder higher). Sagittal shift cannot be seen from a frontal camera.</p>

<h2>Jerks and tremor</h2>
<p>Jerks (brief fast deviations): <strong>${s.jerks.count}</strong>${s.jerks.perMinute !== null ? ` (${s.jerks.perMinute.toFixed(1)} per minute)` : ''}${s.jerks.peakVelocityDegPerS !== null ? `, fastest ${s.jerks.peakVelocityDegPerS.toFixed(0)} °/s` : ''}.</p>
${spectrumPlot}
<table><thead><tr><th>Axis</th><th>0–1.5 Hz (drift)</th><th>1.5–4.5 Hz</th><th>4.5–8 Hz</th></tr></thead><tbody>${tremorRows}</tbody></table>
<p>Head tremor (the strongest 1–8 Hz peak that stands over the measurement's jitter, is no overtone of a slower movement and does not follow the mouth): ${s.tremor.headline ? `${esc(AXIS_WORDS[s.tremor.headline.axis].name)}, ${s.tremor.headline.peak.freqHz.toFixed(1)} Hz, ${s.tremor.headline.peak.rmsDeg.toFixed(2)}° RMS` : `<span class="nm">none found</span>${esc(overtoneNote(s))}`}.</p>

<h2>Objective severity items</h2>
<p>Computed from this recording in the bands of published clinical motor-severity scales; not a clinician's rating. Sum of the assessed items: <strong>${t.score} of ${t.maxOfAssessed}</strong> from ${t.itemsAssessed} of ${t.itemsTotal} items${t.complete ? '' : ` — <strong>partial</strong>: ${t.notAssessed.length} item(s) cannot be assessed from this recording, so this is not a total out of ${t.maxScore}`}.</p>
<table><thead><tr><th>Item</th><th>Score</th><th>Evidence</th></tr></thead><tbody>${items}</tbody></table>
<p><small>Generated by Geste on this device. Video and landmarks never left it.</small></p>
</body></html>
`;
}
