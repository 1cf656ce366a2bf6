/** Rated scales are chart series in the app (Charts screen and clinician view): one over-time and one cycle chart per (scale, rater role). */
import { writeFileSync } from 'node:fs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { guessMapping, importCsvText, makeTrialRows, parseCsvTable, trialLongCsv, type RatedScale } from '@geste/core';
import { describe, expect, it } from 'vitest';
import { ScaleCharts, scaleSeriesOf } from './ChartsScreen.tsx';

function trialSubject(key: string) {
  const csv = trialLongCsv(makeTrialRows({ seed: 14, patients: 109 }));
  const t = parseCsvTable(csv);
  if (!t.ok) throw new Error('fixture');
  const r = importCsvText(csv, { ...guessMapping(t.value, 'twstrs-total'), raterName: 'Trial rater', treatment: { productCode: 'rimabotulinumtoxinB', product: '', doseColumn: 'dose_U', placeboGroups: ['placebo'], blinded: true } });
  if (!r.ok) throw new Error('import');
  return r.value.subjects.find((s) => s.key === key)!.records;
}

describe('rated scales in the app charts', () => {
  it('an imported TWSTRS series gets its own over-time and cycle chart, labelled clinician-rated; a patient-rated entry gets a separate one', () => {
    const recs = trialSubject('S096');
    const first = recs.find((r): r is RatedScale => r.type === 'rating')!;
    const series = scaleSeriesOf([...recs, { ...first, id: 'self', raterRole: 'patient', total: 50 }]).filter((s) => s.values.length > 0);
    expect(series.map((s) => s.scale.label)).toEqual(['TWSTRS total (clinician-rated)', 'TWSTRS total (patient-rated)']);
    const inj = recs.flatMap((r) => (r.type === 'treatment' && r.kind === 'botulinum' ? [{ atMs: r.atMs, effectStartedAtMs: null, effectWoreOffAtMs: null }] : []));
    const html = renderToStaticMarkup(createElement(ScaleCharts, { series: series.slice(0, 1), injections: inj }));
    expect(html).toContain('data-testid="chart-time-rating-twstrs-total-clinician"');
    expect(html).toContain('data-testid="chart-cycles-rating-twstrs-total-clinician"');
    expect(html).toMatch(/TWSTRS total \(clinician-rated\) by weeks since each injection/);
    if (process.env['GESTE_CHART_HTML'] !== undefined) writeFileSync(process.env['GESTE_CHART_HTML'], `<!doctype html><meta charset="utf-8"><body style="width:760px;font-family:sans-serif">${html}</body>`);
    expect(html).toMatch(/Change seen in 1 of 1 cycle: onset week \d+, peak week \d+, wear-off week \d+/);
  });
});
