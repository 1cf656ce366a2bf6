/**
 * CSV import of rated scales (and the toxin visit they follow) from what clinics and trials have:
 * long tables (one row per person and visit) or wide ones (one row per person, one column per
 * visit); dates absolute or relative to an anchor ("weeks since injection" + the injection date);
 * arm/group and site columns; comma, semicolon or tab files. Parsing by papaparse; mapping and
 * validation here, pure. All-or-nothing: any error refuses the file with located problems.
 */
// ref: RFC 4180; papaparse 5 (delimiter guessing, quoted fields).
import Papa from 'papaparse';
import { ProblemList, showCell, type ImportProblem, type ImportResult } from './import-problems.ts';
import {
  RATING_SCALE_INFO,
  type BotulinumTreatment,
  type GesteRecord,
  type PatientProfile,
  type RatedScale,
  type RaterRole,
  type RatingScale,
} from './schemas.ts';
import { TOXIN_PRODUCT_INFO, formatUnits, toxinDoseWarnings, type ProductCode } from './toxin.ts';
import { validateRecord } from './validate.ts';
import { formatRecordError } from './errors.ts';

export const CSV_DELIMITERS = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];
const DELIM_WORD: Record<CsvDelimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

export interface CsvTable {
  readonly delimiter: CsvDelimiter;
  readonly header: readonly string[];
  /** Data rows; `rows[i]` is spreadsheet row i + 2. */
  readonly rows: readonly (readonly string[])[];
}

export interface CsvParseOptions {
  /** 'auto' guesses among comma, semicolon and tab. */
  readonly delimiter?: CsvDelimiter | 'auto';
  readonly maxBytes?: number;
  readonly maxRows?: number;
}

/** Splits a CSV text into header and rows; refuses a wrong delimiter, ragged rows, duplicate or empty headers. */
export function parseCsvTable(text: string, opts: CsvParseOptions = {}): ImportResult<CsvTable> {
  const p = new ProblemList();
  const maxBytes = opts.maxBytes ?? 20 * 1024 * 1024;
  if (text.length > maxBytes) return { ok: false, problems: [{ code: 'too-large', severity: 'error', row: null, column: null, message: `a file of at most ${Math.round(maxBytes / 1024 / 1024)} MB; this one is larger. Split it by site or arm.` }] };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { ok: false, problems: [{ code: 'empty-file', severity: 'error', row: null, column: null, message: 'The file is empty: expected a header row and at least one data row.' }] };
  const want = opts.delimiter ?? 'auto';
  const parsed = Papa.parse<string[]>(body, {
    delimiter: want === 'auto' ? '' : want,
    delimitersToGuess: [...CSV_DELIMITERS],
    skipEmptyLines: 'greedy',
  });
  const data = parsed.data;
  const delimiter = (CSV_DELIMITERS as readonly string[]).includes(parsed.meta.delimiter) ? (parsed.meta.delimiter as CsvDelimiter) : ',';
  const header = (data[0] ?? []).map((h) => h.trim());
  if (header.length <= 1) {
    const other = CSV_DELIMITERS.find((d) => d !== delimiter && (header[0] ?? '').includes(d));
    if (other !== undefined)
      return { ok: false, problems: [{ code: 'wrong-delimiter', severity: 'error', row: 1, column: null, message: `The header reads as one column ${showCell(header[0] ?? '', 50)} when split by ${DELIM_WORD[delimiter]}; the file looks separated by ${DELIM_WORD[other]} ("${other === '\t' ? 'tab' : other}"). Choose ${DELIM_WORD[other]} as the separator.` }] };
  }
  if (data.length < 2) return { ok: false, problems: [{ code: 'empty-file', severity: 'error', row: null, column: null, message: 'The file has a header but no data rows.' }] };
  if (opts.maxRows !== undefined && data.length - 1 > opts.maxRows)
    return { ok: false, problems: [{ code: 'too-large', severity: 'error', row: null, column: null, message: `at most ${opts.maxRows} data rows; this file has ${data.length - 1}.` }] };
  const seen = new Map<string, number>();
  header.forEach((h, i) => {
    if (h === '') p.error('missing-column', 1, `#${i + 1}`, `Column ${i + 1} has no name in the header: every column needs a name.`);
    else if (seen.has(h)) p.error('duplicate-column', 1, h, `Two columns are named ${showCell(h)} (columns ${seen.get(h)! + 1} and ${i + 1}): rename one.`);
    else seen.set(h, i);
  });
  const rows = data.slice(1);
  rows.forEach((r, i) => {
    if (r.length !== header.length)
      p.error('ragged-row', i + 2, null, `${r.length} cells, but the header has ${header.length} columns${r.length === 1 && header.length > 1 ? ` (is the separator right? this file is read as ${DELIM_WORD[delimiter]}-separated)` : ''}.`);
  });
  if (p.hasErrors) return { ok: false, problems: p.errors() };
  return { ok: true, value: { delimiter, header, rows: rows.map((r) => r.map((c) => c.trim())) }, warnings: [] };
}

// ---------------------------------------------------------------- mapping
export type DateFormat = 'iso' | 'dmy' | 'mdy';
export interface WideVisitColumn {
  readonly column: string;
  /** Visit label stored on the record ("week 4"). */
  readonly label: string;
  /** Time since the anchor in the mapping's unit (relative dates). */
  readonly offset: number;
}
export type DateMapping =
  | { readonly kind: 'absolute'; readonly column: string; readonly format: DateFormat }
  | {
      readonly kind: 'relative';
      readonly unit: 'days' | 'weeks';
      /** Per-person anchor (e.g. the injection date)… */
      readonly anchorColumn: string | null;
      /** …or one anchor date for everybody (YYYY-MM-DD). */
      readonly anchorDate: string | null;
      readonly anchorFormat: DateFormat;
    };

export interface CsvMapping {
  readonly layout: 'long' | 'wide';
  readonly subjectColumn: string;
  readonly groupColumn: string | null;
  readonly siteColumn: string | null;
  /** Long: the visit column — a label, or the time since the anchor (relative dates). */
  readonly visitColumn: string | null;
  /** Long: the score column. */
  readonly valueColumn: string | null;
  /** Wide: one column per visit. */
  readonly visitColumns: readonly WideVisitColumn[];
  readonly dates: DateMapping;
  readonly scale: RatingScale;
  readonly scaleVersion: string;
  readonly raterRole: RaterRole;
  readonly raterName: string;
  /** The toxin visit at the anchor (relative dates only); null = no treatment imported. */
  readonly treatment: null | {
    readonly productCode: ProductCode;
    /** Product as written on the record (defaults to the product code). */
    readonly product: string;
    /** Column with the session's total units; null = not given. */
    readonly doseColumn: string | null;
    /** Group values meaning placebo (case-insensitive), e.g. ["placebo"]. */
    readonly placeboGroups: readonly string[];
    readonly blinded: boolean;
  };
}

export interface ImportedSubject {
  /** The subject code as in the file. */
  readonly key: string;
  readonly group: string | null;
  readonly site: string | null;
  /** One record set per person: profile, ratings, toxin visit. */
  readonly records: readonly GesteRecord[];
}
export interface CohortImport {
  readonly subjects: readonly ImportedSubject[];
  readonly counts: { readonly subjects: number; readonly ratings: number; readonly treatments: number; readonly missingValues: number };
}

const DAY_MS = 86_400_000;
const MISSING = new Set(['', 'na', 'n/a', 'nan', '.', '-', '—', 'missing', 'null']);

/** "weeks since injection" style column names: `week_4`, `wk4`, `W 12`, `day 14`, `visit3`. */
export function guessWideColumns(header: readonly string[]): { unit: 'days' | 'weeks'; columns: WideVisitColumn[] } | null {
  const re = /^(?:twstrs[_ ]?)?(week|wk|w|day|d)[_ .-]?(\d{1,3})$/i;
  const hits = header.map((h) => ({ h, m: re.exec(h.trim()) })).filter((x): x is { h: string; m: RegExpExecArray } => x.m !== null);
  if (hits.length < 2) return null;
  const unit = /^d/i.test(hits[0]!.m[1]!) ? 'days' : 'weeks';
  return { unit, columns: hits.map(({ h, m }) => ({ column: h, label: `${unit === 'days' ? 'day' : 'week'} ${Number(m[2])}`, offset: Number(m[2]) })) };
}

/** A first mapping from the header words; the person checks and changes it in the mapping step. */
export function guessMapping(table: CsvTable, scale: RatingScale = 'twstrs-total'): CsvMapping {
  const find = (re: RegExp) => table.header.find((h) => re.test(h)) ?? null;
  const wide = guessWideColumns(table.header);
  const weekCol = find(/^(weeks?|wk|visit[_ ]?week|weeks?[_ ]since|time[_ ]?weeks?)/i);
  const dateCol = find(/^(date|visit[_ ]?date)$/i);
  const anchorCol = find(/(injection|anchor|baseline|treatment)[_ ]?date/i);
  const relative = wide !== null || (weekCol !== null && dateCol === null);
  return {
    layout: wide !== null ? 'wide' : 'long',
    subjectColumn: find(/^(subject|patient|participant|person|id|subject[_ ]?id|patient[_ ]?id)$/i) ?? table.header[0] ?? '',
    groupColumn: find(/^(arm|group|treatment[_ ]?group|allocation)$/i),
    siteColumn: find(/^(site|centre|center|clinic)$/i),
    visitColumn: wide !== null ? null : (weekCol ?? find(/^visit$/i)),
    valueColumn: wide !== null ? null : find(/(twstrs|score|total|tsui|value|nrs)/i),
    visitColumns: wide?.columns ?? [],
    dates: relative
      ? { kind: 'relative', unit: wide?.unit ?? (weekCol !== null && /day/i.test(weekCol) ? 'days' : 'weeks'), anchorColumn: anchorCol, anchorDate: null, anchorFormat: 'iso' }
      : { kind: 'absolute', column: dateCol ?? '', format: 'iso' },
    scale,
    scaleVersion: '',
    raterRole: RATING_SCALE_INFO[scale].usualRater,
    raterName: '',
    treatment: null,
  };
}

/** Parses a date cell to noon UTC of that day (a stable day in every time zone near UTC). */
export function parseDateCell(s: string, format: DateFormat): number | null {
  const t = s.trim();
  let y: number, mo: number, d: number;
  let m: RegExpExecArray | null;
  if (format === 'iso') {
    m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(t);
    if (m === null) return null;
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else {
    m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(t);
    if (m === null) return null;
    [d, mo, y] = format === 'dmy' ? [Number(m[1]), Number(m[2]), Number(m[3])] : [Number(m[2]), Number(m[1]), Number(m[3])];
  }
  if (y < 1900 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const ms = Date.UTC(y, mo - 1, d, 12);
  const back = new Date(ms);
  if (back.getUTCDate() !== d || back.getUTCMonth() !== mo - 1) return null; // 31 February
  return ms;
}
const DATE_WORDS: Record<DateFormat, string> = { iso: 'a date like 2024-03-31', dmy: 'a date like 31.03.2024 or 31/03/2024 (day first)', mdy: 'a date like 03/31/2024 (month first)' };

type NumCell = { kind: 'missing' } | { kind: 'number'; value: number } | { kind: 'unit'; value: number; unit: string } | { kind: 'text' };
/** Reads a number; a decimal comma is accepted in semicolon/tab files (where it cannot be a separator). */
function readNumber(raw: string, delimiter: CsvDelimiter): NumCell {
  const s = raw.trim();
  if (MISSING.has(s.toLowerCase())) return { kind: 'missing' };
  const norm = (x: string) => (delimiter !== ',' ? x.replace(/^(-?\d+),(\d+)$/, '$1.$2') : x);
  const plain = norm(s);
  if (/^-?\d+(\.\d+)?$/.test(plain)) return { kind: 'number', value: Number(plain) };
  const u = /^(-?\d+(?:[.,]\d+)?)\s*([A-Za-zµ%]+\.?)$/.exec(s);
  if (u !== null) return { kind: 'unit', value: Number(norm(u[1]!).replace(',', '.')), unit: u[2]! };
  return { kind: 'text' };
}

const slug = (s: string) => s.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 40) || 'x';

/**
 * Turns a parsed table into one record set per person. Every record is validated by the same
 * schemas the app stores with; any error refuses the whole file.
 */
export function importCsvCohort(table: CsvTable, mapping: CsvMapping): ImportResult<CohortImport> {
  const p = new ProblemList();
  const col = new Map(table.header.map((h, i) => [h, i]));
  const need = (name: string | null, what: string): number | null => {
    if (name === null || name === '') {
      p.error('bad-mapping', null, null, `Choose the column that holds ${what}.`);
      return null;
    }
    const i = col.get(name);
    if (i === undefined) p.error('missing-column', 1, name, `The file has no column ${showCell(name)} (for ${what}); its columns are: ${table.header.map((h) => `\`${h}\``).join(', ')}.`);
    return i ?? null;
  };
  const opt = (name: string | null, what: string): number | null => (name === null || name === '' ? null : need(name, what));
  const subjI = need(mapping.subjectColumn, 'the person (subject) code');
  const groupI = opt(mapping.groupColumn, 'the arm or group');
  const siteI = opt(mapping.siteColumn, 'the site');
  const info = RATING_SCALE_INFO[mapping.scale];
  const d = mapping.dates;
  const anchorI = d.kind === 'relative' ? opt(d.anchorColumn, 'the anchor date') : null;
  const dateI = d.kind === 'absolute' ? need(d.column, 'the visit date') : null;
  const doseI = mapping.treatment === null ? null : opt(mapping.treatment.doseColumn, 'the total dose');
  let visitI: number | null = null;
  let valueI: number | null = null;
  if (mapping.layout === 'long') {
    visitI = d.kind === 'relative' ? need(mapping.visitColumn, `the time since the anchor (${d.unit})`) : opt(mapping.visitColumn, 'the visit label');
    valueI = need(mapping.valueColumn, `the ${info.label} score`);
  } else {
    if (mapping.visitColumns.length === 0) p.error('bad-mapping', null, null, 'Choose the columns that hold one visit each (wide table).');
    if (d.kind !== 'relative') p.error('bad-mapping', null, null, 'A wide table needs dates relative to an anchor (each visit column is a time since it).');
    for (const v of mapping.visitColumns) need(v.column, `visit ${v.label}`);
  }
  if (d.kind === 'relative' && anchorI === null && d.anchorColumn === null) {
    if (d.anchorDate === null || parseDateCell(d.anchorDate, 'iso') === null)
      p.error('bad-mapping', null, null, `Relative dates need an anchor: choose the column with each person's anchor date (e.g. the injection date) or enter one date as YYYY-MM-DD${d.anchorDate === null ? '' : ` (got ${showCell(d.anchorDate)})`}.`);
  }
  if (mapping.treatment !== null && d.kind !== 'relative')
    p.error('bad-mapping', null, null, 'The toxin visit is placed at the anchor date: use dates relative to the injection, or import the treatment separately.');
  if (p.hasErrors) return { ok: false, problems: p.errors() };

  interface Person { key: string; group: string | null; site: string | null; anchorMs: number | null; doseUnits: number | null; firstRow: number; visits: Map<string, { row: number; atMs: number; value: number; label: string; offset: number | null }> }
  const people = new Map<string, Person>();
  const cellOf = (r: readonly string[], i: number | null) => (i === null ? '' : (r[i] ?? ''));
  const colName = (i: number | null) => (i === null ? null : table.header[i]!);
  const sameEvery = (person: Person, field: 'group' | 'site', v: string | null, row: number, i: number | null) => {
    if (person[field] !== v) p.error('inconsistent', row, colName(i), `Person ${showCell(person.key)} is in ${field} ${showCell(person[field] ?? '')} on row ${person.firstRow} but ${showCell(v ?? '')} here: one ${field} per person.`);
  };
  let missingValues = 0;

  table.rows.forEach((r, idx) => {
    const row = idx + 2;
    const key = cellOf(r, subjI);
    if (key === '') { p.error('missing-column', row, colName(subjI), 'No person code: every row needs one.'); return; }
    const group = groupI === null ? null : cellOf(r, groupI) || null;
    const site = siteI === null ? null : cellOf(r, siteI) || null;
    let anchorMs: number | null = null;
    if (d.kind === 'relative') {
      if (anchorI !== null) {
        const a = cellOf(r, anchorI);
        anchorMs = parseDateCell(a, d.anchorFormat);
        if (anchorMs === null) { p.error('bad-date', row, colName(anchorI), `${DATE_WORDS[d.anchorFormat]}; got ${showCell(a)}.`); return; }
      } else anchorMs = parseDateCell(d.anchorDate!, 'iso');
    }
    let doseUnits: number | null = null;
    if (doseI !== null) {
      const c = readNumber(cellOf(r, doseI), table.delimiter);
      if (c.kind === 'number' || (c.kind === 'unit' && /^(u|units?|iu)\.?$/i.test(c.unit))) doseUnits = c.value;
      else if (c.kind === 'unit') { p.error('unit-in-cell', row, colName(doseI), `a dose in units (U); got ${showCell(cellOf(r, doseI))} — a unit other than U belongs to another product or column.`); return; }
      else if (c.kind === 'text') { p.error('not-a-number', row, colName(doseI), `a dose in units, like 5000; got ${showCell(cellOf(r, doseI))}.`); return; }
    }
    let person = people.get(key);
    if (person === undefined) {
      person = { key, group, site, anchorMs, doseUnits, firstRow: row, visits: new Map() };
      people.set(key, person);
    } else {
      sameEvery(person, 'group', group, row, groupI);
      sameEvery(person, 'site', site, row, siteI);
      if (person.anchorMs !== anchorMs) p.error('inconsistent', row, colName(anchorI), `Person ${showCell(key)} has a different anchor date than on row ${person.firstRow}: one anchor per person (import each injection cycle as its own file).`);
      if (person.doseUnits !== doseUnits) p.error('inconsistent', row, colName(doseI), `Person ${showCell(key)} has a different dose than on row ${person.firstRow}: one dose per person and anchor.`);
    }
    const addValue = (raw: string, valueCol: string, label: string, atMs: number, offset: number | null, visitCol: string | null) => {
      const c = readNumber(raw, table.delimiter);
      if (c.kind === 'missing') { missingValues++; return; }
      if (c.kind === 'unit') { p.error('unit-in-cell', row, valueCol, `a ${info.label} score without a unit; got ${showCell(raw)} — is this the dose column?`); return; }
      if (c.kind === 'text') { p.error('not-a-number', row, valueCol, `a ${info.label} score from ${info.minTotal} to ${info.maxTotal} (empty or NA when missing); got ${showCell(raw)}.`); return; }
      if (c.value < info.minTotal || c.value > info.maxTotal) {
        const hint = c.value > info.maxTotal && c.value >= 100 ? ' — this looks like a dose: check which column holds the score.' : '.';
        p.error('out-of-range', row, valueCol, `a ${info.label} score from ${info.minTotal} to ${info.maxTotal}; got ${formatUnits(c.value)}${hint}`);
        return;
      }
      const prev = person.visits.get(label);
      if (prev !== undefined) { p.error('duplicate-visit', row, visitCol ?? valueCol, `Person ${showCell(key)} already has visit "${label}" on row ${prev.row}: one value per person and visit.`); return; }
      person.visits.set(label, { row, atMs, value: c.value, label, offset });
    };
    if (mapping.layout === 'long') {
      const raw = cellOf(r, visitI);
      let atMs: number;
      let label: string;
      let offset: number | null = null;
      if (d.kind === 'relative') {
        const c = readNumber(raw, table.delimiter);
        if (c.kind !== 'number') { p.error(c.kind === 'unit' ? 'unit-in-cell' : 'not-a-number', row, colName(visitI), `the number of ${d.unit} since the anchor, like 4; got ${showCell(raw)}.`); return; }
        if (c.value < -520 || c.value > 5200) { p.error('out-of-range', row, colName(visitI), `${d.unit} since the anchor between -520 and 5200; got ${formatUnits(c.value)}.`); return; }
        offset = c.value;
        atMs = anchorMs! + Math.round(c.value * (d.unit === 'weeks' ? 7 : 1) * DAY_MS);
        label = `${d.unit === 'weeks' ? 'week' : 'day'} ${formatUnits(c.value)}`;
      } else {
        const dateRaw = cellOf(r, dateI);
        const t = parseDateCell(dateRaw, d.format);
        if (t === null) { p.error('bad-date', row, colName(dateI), `${DATE_WORDS[d.format]}; got ${showCell(dateRaw)}.`); return; }
        atMs = t;
        label = visitI === null || raw === '' ? dateRaw : raw;
      }
      addValue(cellOf(r, valueI), colName(valueI)!, label, atMs, offset, colName(visitI));
    } else {
      for (const v of mapping.visitColumns) {
        const unit = d.kind === 'relative' ? d.unit : 'weeks';
        addValue(cellOf(r, col.get(v.column)!), v.column, v.label, anchorMs! + Math.round(v.offset * (unit === 'weeks' ? 7 : 1) * DAY_MS), v.offset, null);
      }
    }
  });
  if (p.hasErrors) return { ok: false, problems: p.errors() };

  // Build and validate the records of each person.
  const subjects: ImportedSubject[] = [];
  let ratings = 0;
  let treatments = 0;
  const usedSlugs = new Map<string, string>();
  for (const person of people.values()) {
    const s = slug(person.key);
    const clash = usedSlugs.get(s);
    if (clash !== undefined && clash !== person.key) { p.error('inconsistent', person.firstRow, colName(subjI), `Person codes ${showCell(clash)} and ${showCell(person.key)} are too alike to keep apart (letters, digits, '-' and '.' only): make them differ.`); continue; }
    usedSlugs.set(s, person.key);
    const records: GesteRecord[] = [];
    const profile: PatientProfile = { type: 'patient', schemaVersion: 1, id: 'self', displayName: person.key.slice(0, 120), birthYear: null };
    records.push(profile);
    const tr = mapping.treatment;
    if (tr !== null && person.anchorMs !== null) {
      const isPlacebo = person.group !== null && tr.placeboGroups.some((g) => g.toLowerCase() === person.group!.toLowerCase());
      const total = person.doseUnits !== null && person.doseUnits > 0 && !isPlacebo ? person.doseUnits : null;
      const productName = tr.product.trim() === '' ? (tr.productCode in TOXIN_PRODUCT_INFO || tr.productCode === 'other' ? tr.productCode : 'botulinum toxin (blinded)') : tr.product;
      const t: BotulinumTreatment = {
        type: 'treatment', schemaVersion: 2, id: `inj-${s}`.slice(0, 64), kind: 'botulinum', atMs: person.anchorMs,
        product: productName, productCode: tr.productCode, totalUnits: total, dilutionUnitsPerMl: null, blinded: tr.blinded, placebo: isPlacebo || person.doseUnits === 0,
        injections: [], guidance: 'none', clinician: '', effectStartedAtMs: null, effectWoreOffAtMs: null, note: '',
      };
      for (const w of toxinDoseWarnings(t)) p.warn('implausible-dose', person.firstRow, colName(doseI), w.message);
      records.push(t);
      treatments++;
    }
    const visits = [...person.visits.values()].sort((a, b) => a.atMs - b.atMs);
    for (const v of visits) {
      const r: RatedScale = {
        type: 'rating', schemaVersion: 1, id: `r-${s}-${slug(v.label)}`.slice(0, 64), atMs: v.atMs, scale: mapping.scale, version: mapping.scaleVersion,
        items: {}, total: v.value, raterRole: mapping.raterRole, raterName: mapping.raterName, visitLabel: v.label.slice(0, 60), note: '',
      };
      records.push(r);
      ratings++;
    }
    const ids = new Set<string>();
    for (const rec of records) {
      const k = `${rec.type}/${rec.id}`;
      if (ids.has(k)) p.error('duplicate-visit', person.firstRow, null, `Person ${showCell(person.key)}: two visits give the same record name ${showCell(rec.id)} (labels that differ only in punctuation); make the visit labels differ.`);
      ids.add(k);
      const v = validateRecord(rec);
      if (!v.ok) for (const e of v.errors) p.error('invalid-record', person.firstRow, null, `Person ${showCell(person.key)}: ${formatRecordError(e)}`);
    }
    subjects.push({ key: person.key, group: person.group, site: person.site, records });
  }
  if (p.hasErrors) return { ok: false, problems: p.errors() };
  return { ok: true, value: { subjects, counts: { subjects: subjects.length, ratings, treatments, missingValues } }, warnings: p.warnings() };
}

/** Parse + map in one call (the CLI and server use this; the app shows the steps). */
export function importCsvText(text: string, mapping: CsvMapping | ((t: CsvTable) => CsvMapping), opts: CsvParseOptions = {}): ImportResult<CohortImport> {
  const t = parseCsvTable(text, opts);
  if (!t.ok) return t;
  return importCsvCohort(t.value, typeof mapping === 'function' ? mapping(t.value) : mapping);
}

/**
 * The warning to show before imported records join those already on a device or account: never
 * mixing into an existing person without saying so. null when there is nothing to mix with.
 */
export function mixingWarning(existing: readonly GesteRecord[], incomingName: string): ImportProblem | null {
  const mine = existing.filter((r) => r.type !== 'reminder');
  if (mine.length === 0) return null;
  const profile = existing.find((r): r is PatientProfile => r.type === 'patient');
  const who = profile !== undefined && profile.displayName.trim() !== '' ? `"${profile.displayName}"` : 'the person already here';
  return {
    code: 'existing-person',
    severity: 'warning',
    row: null,
    column: null,
    message: `This device already holds ${mine.length} records of ${who}. Importing ${incomingName} adds to them as the same person. Confirm only if they are the same person; otherwise save a backup and import into an empty profile.`,
  };
}
