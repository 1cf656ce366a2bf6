/** The clinician view's summary shows what the PDF shows: exam items and measures in words, mood and impact, adherence, cycle words. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { makeDemoRecords, summarizePeriod, type GesteRecord } from '@geste/core';
import { describe, expect, it } from 'vitest';
import { ReportSummary } from './ReportSummary.tsx';

const START = Date.UTC(2025, 0, 1);
const DAY = 86_400_000;

describe('clinician summary (= the PDF)', () => {
  it('shows exams with items and posture words, mood and impact, adherence and cycle words; no stored keys', () => {
    const exam: GesteRecord = {
      type: 'session', schemaVersion: 1, id: 'exam-x', startedAtMs: START + 50 * DAY, endedAtMs: null, kind: 'exam', neutral: 'anatomical',
      items: { rotation: 2, laterocollis: null, totalAssessed: 9, maxOfAssessed: 31 }, measures: { restRotationDeg: -14, romRotationRightDeg: 60, jerksPerMin: 1.5, framesMeasured: 90, framesTotal: 100 }, trick: null, note: '',
    };
    const recs = [...makeDemoRecords({ startMs: START, days: 60, seed: 5 }), exam];
    const s = summarizePeriod(recs, START, START + 60 * DAY);
    const html = renderToStaticMarkup(createElement(ReportSummary, { s, shares: { measures: true, diary: true, treatments: true } })).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(html).toContain('Rotation (turn) 2 of 4');
    expect(html).toContain('Tilt (laterocollis) not measurable');
    expect(html).toContain('14° chin turned to the left');
    expect(html).toMatch(/Jerks: 1\.5 per minute/);
    expect(html).toMatch(/mood \d\.\d \(10 = very good\)/);
    expect(html).toMatch(/Impact on activities/);
    expect(html).toMatch(/Adherence: diary filled on \d+ of 60 days/);
    expect(html).toMatch(/Worst daily pain: (Change seen|Not enough)/);
    // The demo holds clinician-rated TWSTRS severity: it shows labelled with its rater role, with cycle words.
    expect(html).toMatch(/TWSTRS severity \(clinician-rated\) ?: values in the period: \d+; \d+ at the first, \d+ at the last \(points, 0–35\)\. Cycles: (Change seen|Not enough)/);
    for (const k of ['restRotationDeg', 'framesMeasured', 'totalAssessed', 'jerksPerMin']) expect(html).not.toContain(k);
    const hidden = renderToStaticMarkup(createElement(ReportSummary, { s, shares: { measures: false, diary: false, treatments: false } }));
    expect(hidden).toContain('Measures are not shared');
    expect(hidden).not.toContain('Rotation (turn)');
    expect(hidden).not.toContain('TWSTRS');
  });
});
