import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbDiary, arbSession, arbTreatment } from './arbitraries.ts';
import { csvCell, diaryCsv, recordsToCsv, sessionsCsv, treatmentsCsv } from './csv.ts';
import { makeDemoRecords } from './sample.ts';

/** A small RFC 4180 reader, to check that what we write reads back. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (q) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') q = false;
      else cell += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
    else cell += c;
  }
  return rows;
}

describe('CSV', () => {
  it('quotes commas, quotes and newlines; guards formula-like text', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
  });
  it('diary rows read back with one column per header and the note intact', () => {
    fc.assert(fc.property(fc.array(arbDiary, { maxLength: 10 }), (entries) => {
      const rows = readCsv(diaryCsv(entries));
      expect(rows).toHaveLength(entries.length + 1);
      for (const r of rows) expect(r).toHaveLength(rows[0]!.length);
      const sorted = [...entries].sort((a, b) => a.atMs - b.atMs);
      rows.slice(1).forEach((r, i) => {
        const note = r[r.length - 1]!;
        expect(/^[=+\-@\t\r]/.test(sorted[i]!.note) ? note.slice(1) : note).toBe(sorted[i]!.note);
        expect(r[3]).toBe(sorted[i]!.pain.neck === null ? '' : String(sorted[i]!.pain.neck));
      });
    }), { numRuns: 100 });
  });
  it('treatment and session tables are rectangular', () => {
    fc.assert(fc.property(fc.array(arbTreatment, { maxLength: 8 }), fc.array(arbSession, { maxLength: 8 }), (ts, ss) => {
      for (const text of [treatmentsCsv(ts), sessionsCsv(ss)]) {
        const rows = readCsv(text);
        for (const r of rows) expect(r).toHaveLength(rows[0]!.length);
      }
    }), { numRuns: 100 });
  });
  it('the demo year gives the expected tables', () => {
    const recs = makeDemoRecords({ startMs: Date.UTC(2025, 0, 1), days: 30 });
    const csv = recordsToCsv(recs);
    const d = readCsv(csv.diary);
    expect(d[0]!.slice(0, 4)).toEqual(['id', 'time', 'period', 'pain_neck_0to10']);
    expect(d.length - 1).toBe(recs.filter((r) => r.type === 'diary').length);
    const t = readCsv(csv.treatments);
    expect(t.filter((r) => r[1] === 'botulinum')).toHaveLength(3); // one visit, three muscles
    expect(t.find((r) => r[1] === 'botulinum')).toEqual(expect.arrayContaining(['sternocleidomastoid', 'left', '40', 'U']));
    const s = readCsv(csv.sessions);
    expect(s[0]).toContain('restRotationDeg');
    expect(s[0]).toContain('item_rotation');
  });
});
