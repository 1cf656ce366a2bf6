/**
 * Research mode, pure parts: agreement statistics against hand-computed values, the CSV row format,
 * CSV reading (papaparse via core), agreement from CSV text, job ids, the progress line.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { averageRanks, blandAltman, icc, pearson, spearman } from '../src/research/agreement.ts';
import { computeAgreement, renderAgreementHtml } from '../src/research/agreementReport.ts';
import { RESULT_COLUMNS, csvToRecords, failedRow, readCsvRecords, rowsToCsv } from '../src/research/row.ts';
import { jobIdFor, redactUrl, runIdFor } from '../src/research/queue.ts';
import { formatVideoProgress } from '../src/research/progress.ts';
import { phasesPathFor } from '../src/research/inputs.ts';


describe('agreement statistics', () => {
  it('ICC(1,1), (2,1), (3,1) match Shrout & Fleiss 1979, Table 2 (6 targets × 4 judges)', () => {
    // ref: Shrout & Fleiss 1979, Table 2 data; their Table 4 reports .17, .29, .71.
    const table = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]];
    const r = icc(table);
    // Mean squares hand-computed (their Table 3): BMS 11.24, JMS 32.49, EMS 1.02, WMS 6.26.
    expect(r.bms).toBeCloseTo(11.2417, 3);
    expect(r.jms).toBeCloseTo(32.4861, 3);
    expect(r.ems).toBeCloseTo(1.0194, 3);
    expect(r.wms).toBeCloseTo(6.2639, 3);
    expect(r.icc11!).toBeCloseTo(0.1657, 3);
    expect(r.icc21!).toBeCloseTo(0.2898, 3);
    expect(r.icc31!).toBeCloseTo(0.7148, 3);
  });

  it('ICC(2,1) penalises a constant offset, ICC(3,1) does not', () => {
    const x = [1, 3, 4, 7, 9, 12];
    const r = icc(x.map((v) => [v, v + 5]));
    expect(r.icc31!).toBeCloseTo(1, 9);
    expect(r.icc21!).toBeLessThan(0.8);
    expect(icc(x.map((v) => [v, v])).icc21!).toBeCloseTo(1, 9);
  });

  it('refuses a ragged table and returns null for too few targets', () => {
    expect(() => icc([[1, 2], [3]])).toThrow(/full n × k table/);
    expect(icc([[1, 2]]).icc21).toBeNull();
  });

  it('Pearson and Spearman (with ties) match hand-computed values', () => {
    const x = [1, 2, 3, 4, 5];
    const y = [2, 4, 5, 4, 5];
    expect(pearson(x, y)!).toBeCloseTo(6 / Math.sqrt(60), 9); // 0.7746
    expect(averageRanks(y)).toEqual([1, 2.5, 4.5, 2.5, 4.5]);
    expect(spearman(x, y)!).toBeCloseTo(7 / Math.sqrt(90), 9); // 0.7379
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(pearson([1, 2], [1, 2])).toBeNull();
  });

  it('Bland–Altman bias and limits match hand-computed values', () => {
    const ba = blandAltman([10, 12, 14], [9, 12, 12]); // differences 1, 0, 2: mean 1, SD 1
    expect(ba.meanDiff).toBeCloseTo(1, 12);
    expect(ba.sdDiff).toBeCloseTo(1, 12);
    expect(ba.lowerLoA).toBeCloseTo(-0.96, 12);
    expect(ba.upperLoA).toBeCloseTo(2.96, 12);
  });

  it('properties: r is symmetric and in [−1, 1]; Spearman is 1 for any increasing transform', () => {
    const pairs = fc.array(fc.tuple(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.double({ min: -1e3, max: 1e3, noNaN: true })), { minLength: 3, maxLength: 40 });
    fc.assert(fc.property(pairs, (ps) => {
      const x = ps.map((p) => p[0]), y = ps.map((p) => p[1]);
      const r = pearson(x, y);
      if (r === null) return;
      expect(Math.abs(r - pearson(y, x)!)).toBeLessThan(1e-9);
      expect(r).toBeGreaterThanOrEqual(-1);
      expect(r).toBeLessThanOrEqual(1);
    }));
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 3, maxLength: 30 }), (x) => {
      expect(spearman(x, x.map((v) => v ** 3 + 7))!).toBeCloseTo(1, 9);
    }));
  });
});

describe('results CSV', () => {
  it('has one fixed header with every severity item and is ordered by video whatever the finishing order', () => {
    for (const item of ['rotation', 'laterocollis', 'anteroRetrocollis', 'timeHoldingNeutral']) expect(RESULT_COLUMNS).toContain(`severity.${item}`);
    expect(RESULT_COLUMNS).toContain('meanConfidence');
    expect(RESULT_COLUMNS).toContain('measurableFrames');
    expect(new Set(RESULT_COLUMNS).size).toBe(RESULT_COLUMNS.length);
    const a = failedRow('b.mp4', '2', 'input: x');
    const b = { ...failedRow('a, "quoted".mp4', '1', 'input: y'), durationS: 1 / 3 };
    const csv = rowsToCsv([a, b]);
    expect(rowsToCsv([b, a])).toBe(csv);
    const recs = csvToRecords(csv);
    expect(recs.map((r) => r.video)).toEqual(['a, "quoted".mp4', 'b.mp4']);
    expect(recs[0]!.durationS).toBe('0.333333');
    expect(Object.keys(recs[0]!)).toEqual([...RESULT_COLUMNS]);
  });

  it('reads quotes, doubled quotes, CRLF, a BOM and a missing final newline (papaparse)', () => {
    const r = readCsvRecords('\uFEFFa,b\r\n"x, y","say ""hi"""\r\n1,\n2,3', 'The test CSV');
    expect(r.delimiter).toBe(',');
    expect(r.records).toEqual([{ a: 'x, y', b: 'say "hi"' }, { a: '1', b: '' }, { a: '2', b: '3' }]);
  });

  it('reads semicolon and tab files, quoted separators kept inside their field', () => {
    const semi = readCsvRecords('video;severity.rotation;note\n"a;b.mp4";1,5;"x; y"\np2.mp4;2;\n', 'The test CSV');
    expect(semi.delimiter).toBe(';');
    expect(semi.records).toEqual([{ video: 'a;b.mp4', 'severity.rotation': '1,5', note: 'x; y' }, { video: 'p2.mp4', 'severity.rotation': '2', note: '' }]);
    expect(readCsvRecords('video\tscore\np1.mp4\t3\n', 'The test CSV').records).toEqual([{ video: 'p1.mp4', score: '3' }]);
  });

  it('refuses a ragged row or an empty file, naming the file and the row', () => {
    expect(() => readCsvRecords('video,score\np1.mp4,1\np2.mp4,2,7\n', 'The ratings CSV')).toThrow(/^The ratings CSV cannot be read: row 3: 3 cells, but the header has 2 columns/);
    expect(() => readCsvRecords('', 'The ratings CSV')).toThrow(/The ratings CSV cannot be read: .*empty/);
  });
});

describe('agreement from CSV files', () => {
  const results = rowsToCsv([
    { video: 'p1.mp4', videoId: 'a1', status: 'ok', 'severity.rotation': 1, 'rotationDeg.medianDeg': 10 },
    { video: 'p2.mp4', videoId: 'a2', status: 'ok', 'severity.rotation': 2, 'rotationDeg.medianDeg': 30 },
    { video: 'p3.mp4', videoId: 'a3', status: 'ok', 'severity.rotation': 3, 'rotationDeg.medianDeg': 50 },
    { video: 'p4.mp4', videoId: 'a4', status: 'ok', 'severity.rotation': 4, 'rotationDeg.medianDeg': 70 },
    { video: 'p5.mp4', videoId: 'a5', status: 'failed', error: 'input: x' },
  ]);

  it('pairs same-named columns and --map pairs, averages several raters, reports unmatched videos', () => {
    const ratings = 'video,rater,severity.rotation,rotationEstimate\np1.mp4,A,1,12\np2.mp4,A,2,28\np3.mp4,A,3,55\np3.mp4,B,4,55\na4,A,4,66\nzz.mp4,A,1,1\np5.mp4,A,1,1\n';
    const r = computeAgreement({ ratingsCsv: ratings, resultsCsv: results, map: { rotationEstimate: 'rotationDeg.medianDeg' } });
    expect(r.unmatchedVideos).toEqual(['p5.mp4', 'zz.mp4']);
    expect(r.videosMatched).toBe(4);
    const rot = r.items.find((i) => i.item === 'severity.rotation')!;
    expect(rot.n).toBe(4);
    expect(rot.pairs.find((p) => p[0] === 3)![1]).toBe(3.5); // raters A and B averaged
    const deg = r.items.find((i) => i.item === 'rotationEstimate ↔ rotationDeg.medianDeg')!;
    // Geste − clinician: −2, 2, −5, 4 → bias −0.25
    expect(deg.blandAltman.meanDiff).toBeCloseTo(-0.25, 12);
    const html = renderAgreementHtml(r, 'ratings.csv');
    expect(html.match(/<svg/g)).toHaveLength(4);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });

  it('reads a semicolon ratings file with decimal commas (European spreadsheets) as the same numbers', () => {
    const comma = 'video,rater,severity.rotation\np1.mp4,A,1.5\np2.mp4,A,2\np3.mp4,A,3.25\np4.mp4,A,NA\n';
    const semi = '\uFEFFvideo;rater;severity.rotation\r\np1.mp4;A;1,5\r\np2.mp4;A;2\r\np3.mp4;A;3,25\r\np4.mp4;A;\r\n';
    const a = computeAgreement({ ratingsCsv: comma, resultsCsv: results });
    const b = computeAgreement({ ratingsCsv: semi, resultsCsv: results });
    const pairs = (r: typeof a) => r.items.find((i) => i.item === 'severity.rotation')!.pairs;
    expect(pairs(a)).toEqual([[1, 1.5], [2, 2], [3, 3.25]]);
    expect(pairs(b)).toEqual(pairs(a));
  });

  it('refuses a rating cell that is not a number, with its row and column, instead of skipping it', () => {
    const bad = 'video,severity.rotation\np1.mp4,1\np2.mp4,two\np3.mp4,"3,5"\n';
    expect(() => computeAgreement({ ratingsCsv: bad, resultsCsv: results })).toThrow(
      /2 cells that are not a rating: row 3, column `severity.rotation`: expected a number .*got "two"; row 4, column `severity.rotation`: .*got "3,5" \(this file is comma-separated/,
    );
  });

  it('says what is wrong with a ratings file', () => {
    expect(() => computeAgreement({ ratingsCsv: 'name,score\nx,1\n', resultsCsv: results })).toThrow(/needs a "video" column/);
    expect(() => computeAgreement({ ratingsCsv: 'video,foo\np1.mp4,1\n', resultsCsv: results })).toThrow(/No rating column matches/);
  });
});

describe('ids, names and words', () => {
  it('job ids are deterministic UUIDs per (run, video)', () => {
    const id = jobIdFor('run1', 'abc');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(jobIdFor('run1', 'abc')).toBe(id);
    expect(jobIdFor('run2', 'abc')).not.toBe(id);
    expect(runIdFor(['b', 'a'], { x: 1 })).toBe(runIdFor(['a', 'b'], { x: 1 }));
  });

  it('never prints a database password', () => {
    expect(redactUrl('postgresql://geste:s3cret@db.example:5432/x')).toBe('postgresql://geste:***@db.example:5432/x');
  });

  it('progress shows videos done, rate per minute and time left', () => {
    expect(formatVideoProgress(5, 20, 1, 60, 100)).toMatch(/5\/20 videos \(1 failed\), 5\.0 videos\/min, 3 min left$/);
    expect(formatVideoProgress(0, 20, 0, 0, 100)).toMatch(/… left$/);
  });

  it('finds a video’s phases file next to it', () => {
    expect(phasesPathFor('/d/exam1.mp4')).toBe('/d/exam1.phases.json');
    expect(phasesPathFor('/d/exam1.landmarks.jsonl')).toBe('/d/exam1.phases.json');
  });
});
