/**
 * `geste import`: a CSV table or a FHIR R4 Bundle → one Geste backup file per person, a group summary
 * (CSV + SVG) for research, and optionally the cohort sent to a clinic server. All-or-nothing: any
 * problem is listed ("row 14, column `week`: …") and nothing is written.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  createBackup,
  formatImportProblem,
  groupSummaries,
  groupSummariesCsv,
  groupSummariesSvg,
  guessMapping,
  importCsvCohort,
  importFhirBundleText,
  parseCsvTable,
  serializeBackup,
  PRODUCT_CODES,
  RATER_ROLES,
  RATING_SCALES,
  type CohortImport,
  type CsvDelimiter,
  type CsvMapping,
  type DateFormat,
  type ImportResult,
  type ProductCode,
  type RaterRole,
  type RatingScale,
} from '@geste/core';
import { CliError, EXIT_CODE } from './errors.ts';

export const IMPORT_USAGE = `Usage: geste import <table.csv | bundle.json> --out DIR [options]

Reads a CSV table (long: a row per person and visit; wide: a row per person, a column per visit) or
a FHIR R4 Bundle, checks all of it, and writes one Geste backup per person (DIR/<person>.geste.json),
DIR/group-summary.csv and DIR/group-summary.svg (mean and change from baseline per group and visit,
95 % confidence intervals). Nothing is written when any problem is found.

CSV mapping (guessed from the header; every guess can be set):
  --map FILE.json        a whole mapping (as the app's import screen saves it)
  --delimiter D          auto (default), comma, semicolon, tab
  --scale S              ${RATING_SCALES.join(', ')} (default twstrs-total)
  --rater R              clinician or patient (default: the scale's usual rater)
  --rater-name NAME      --scale-version TEXT
  --subject COL --group COL --site COL --visit COL --value COL
  --date COL             absolute dates in COL; --date-format iso|dmy|mdy (default iso)
  --weeks-since | --days-since   the visit column (long) or visit columns (wide) count from an anchor
  --anchor COL|YYYY-MM-DD        the anchor: a column with each person's date, or one date for all
  --product CODE         the toxin given at the anchor: ${PRODUCT_CODES.join(', ')}
  --dose COL             column with the session total in units; --placebo GROUP (repeatable); --blinded
FHIR:
  --skip-unknown         import what Geste understands and list the rest (default: refuse the Bundle)
Output:
  --summary-baseline V   baseline visit label (default: the earliest)
  --server URL --token T also send the cohort to a clinic server (POST /clinician/cohorts)
  --cohort-name NAME     the cohort's name on the server (default: the file name)
  --dry-run              check and print the counts only`;

const DELIMS: Record<string, CsvDelimiter | 'auto'> = { auto: 'auto', comma: ',', semicolon: ';', tab: '\t', ',': ',', ';': ';' };

function oneOf<T extends string>(v: string | undefined, all: readonly T[], flag: string): T | undefined {
  if (v === undefined) return undefined;
  if (!(all as readonly string[]).includes(v)) throw new CliError('usage', `${flag} takes one of ${all.join(', ')}; got "${v}".`);
  return v as T;
}

export async function runImport(args: string[]): Promise<number> {
  const { values: o, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string' }, map: { type: 'string' }, delimiter: { type: 'string' }, scale: { type: 'string' }, rater: { type: 'string' },
      'rater-name': { type: 'string' }, 'scale-version': { type: 'string' }, subject: { type: 'string' }, group: { type: 'string' }, site: { type: 'string' },
      visit: { type: 'string' }, value: { type: 'string' }, date: { type: 'string' }, 'date-format': { type: 'string' },
      'weeks-since': { type: 'boolean', default: false }, 'days-since': { type: 'boolean', default: false }, anchor: { type: 'string' },
      product: { type: 'string' }, dose: { type: 'string' }, placebo: { type: 'string', multiple: true }, blinded: { type: 'boolean', default: false },
      'skip-unknown': { type: 'boolean', default: false }, 'summary-baseline': { type: 'string' }, server: { type: 'string' }, token: { type: 'string' },
      'cohort-name': { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (o.help) { process.stdout.write(`${IMPORT_USAGE}\n`); return EXIT_CODE.ok; }
  if (positionals.length !== 1) throw new CliError('usage', `geste import takes exactly one file; got ${positionals.length}. See geste import --help.`);
  if (o.out === undefined && !o['dry-run']) throw new CliError('usage', 'geste import needs --out DIR (or --dry-run).');
  if ((o.server === undefined) !== (o.token === undefined)) throw new CliError('usage', '--server and --token go together.');
  const file = positionals[0]!;
  const scale = oneOf<RatingScale>(o.scale, RATING_SCALES, '--scale') ?? 'twstrs-total';
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new CliError('input', `Cannot read ${file}: check the path.`);
  }
  let result: ImportResult<CohortImport>;
  const isFhir = /\.json$/i.test(file) || /^\s*\{/.test(text.slice(0, 200));
  if (isFhir) result = importFhirBundleText(text, { skipUnknown: o['skip-unknown'] });
  else {
    const delimiter = o.delimiter === undefined ? 'auto' : DELIMS[o.delimiter];
    if (delimiter === undefined) throw new CliError('usage', `--delimiter takes auto, comma, semicolon or tab; got "${o.delimiter}".`);
    const table = parseCsvTable(text, { delimiter });
    if (!table.ok) result = table;
    else {
      let m: CsvMapping;
      if (o.map !== undefined) {
        try {
          m = JSON.parse(await readFile(o.map, 'utf8')) as CsvMapping;
        } catch {
          throw new CliError('input', `--map ${o.map}: not a readable JSON mapping.`);
        }
      } else m = mappingFromFlags(guessMapping(table.value, scale), o, scale);
      result = importCsvCohort(table.value, m);
    }
  }
  if (!result.ok) {
    process.stderr.write(`geste: ${file}: nothing imported — ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}:\n${result.problems.map((p) => `  ${formatImportProblem(p)}`).join('\n')}\n`);
    return EXIT_CODE.input;
  }
  for (const w of result.warnings) process.stderr.write(`  ${formatImportProblem(w)}\n`);
  const c = result.value.counts;
  process.stderr.write(`${file}: ${c.subjects} people, ${c.ratings} ratings, ${c.treatments} treatments, ${c.missingValues} missing values.\n`);
  if (o['dry-run']) return EXIT_CODE.ok;

  const out = o.out!;
  await mkdir(out, { recursive: true });
  const now = Date.now();
  for (const s of result.value.subjects) await writeFile(join(out, `${s.key.replace(/[^A-Za-z0-9.-]+/g, '_')}.geste.json`), serializeBackup(createBackup(s.records, now)));
  const rater: RaterRole = oneOf<RaterRole>(o.rater, RATER_ROLES, '--rater') ?? (result.value.subjects.flatMap((s) => s.records).find((r) => r.type === 'rating' && r.scale === scale) as { raterRole?: RaterRole } | undefined)?.raterRole ?? 'clinician';
  const rows = groupSummaries(result.value.subjects, { scale, raterRole: rater, ...(o['summary-baseline'] === undefined ? {} : { baselineVisit: o['summary-baseline'] }) });
  if (rows.length > 0) {
    await writeFile(join(out, 'group-summary.csv'), groupSummariesCsv(rows, scale));
    await writeFile(join(out, 'group-summary.svg'), groupSummariesSvg(rows, scale));
  }
  process.stderr.write(`Wrote ${result.value.subjects.length} backups${rows.length > 0 ? ', group-summary.csv and group-summary.svg' : ''} to ${out}.\n`);
  if (o.server !== undefined) {
    const name = o['cohort-name'] ?? file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
    const res = await fetch(`${o.server.replace(/\/$/, '')}/clinician/cohorts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${o.token}` },
      body: JSON.stringify({ name, format: 'records', subjects: result.value.subjects.map((s) => ({ key: s.key, group: s.group, site: s.site, records: s.records })) }),
    }).catch((e: unknown) => { throw new CliError('environment', `Cannot reach the server at ${o.server} (${String(e)}).`); });
    const body = (await res.json().catch(() => ({}))) as { id?: string; error?: { message?: string } };
    if (!res.ok) throw new CliError('input', `The server refused the cohort (${res.status}): ${body.error?.message ?? 'no reason given'}`);
    process.stderr.write(`Sent to ${o.server}: cohort ${body.id ?? '?'} ("${name}").\n`);
  }
  return EXIT_CODE.ok;
}

type Flags = Record<string, string | boolean | string[] | undefined>;
function mappingFromFlags(g: CsvMapping, o: Flags, scale: RatingScale): CsvMapping {
  const s = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  let m: CsvMapping = { ...g, scale };
  const rater = oneOf<RaterRole>(s('rater'), RATER_ROLES, '--rater');
  if (rater !== undefined) m = { ...m, raterRole: rater };
  if (s('rater-name') !== undefined) m = { ...m, raterName: s('rater-name')! };
  if (s('scale-version') !== undefined) m = { ...m, scaleVersion: s('scale-version')! };
  if (s('subject') !== undefined) m = { ...m, subjectColumn: s('subject')! };
  if (s('group') !== undefined) m = { ...m, groupColumn: s('group')! };
  if (s('site') !== undefined) m = { ...m, siteColumn: s('site')! };
  if (s('visit') !== undefined) m = { ...m, visitColumn: s('visit')!, layout: 'long' };
  if (s('value') !== undefined) m = { ...m, valueColumn: s('value')!, layout: 'long' };
  const fmt = oneOf<DateFormat>(s('date-format'), ['iso', 'dmy', 'mdy'], '--date-format') ?? 'iso';
  if (o['weeks-since'] === true && o['days-since'] === true) throw new CliError('usage', 'Choose --weeks-since or --days-since, not both.');
  if (s('date') !== undefined) m = { ...m, dates: { kind: 'absolute', column: s('date')!, format: fmt } };
  else if (o['weeks-since'] === true || o['days-since'] === true || s('anchor') !== undefined) {
    const anchor = s('anchor');
    const isDate = anchor !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(anchor);
    const prev = m.dates.kind === 'relative' ? m.dates : null;
    m = {
      ...m,
      dates: {
        kind: 'relative',
        unit: o['days-since'] === true ? 'days' : o['weeks-since'] === true ? 'weeks' : (prev?.unit ?? 'weeks'),
        anchorColumn: anchor === undefined ? (prev?.anchorColumn ?? null) : isDate ? null : anchor,
        anchorDate: isDate ? anchor : null,
        anchorFormat: fmt,
      },
    };
  }
  const product = oneOf<ProductCode>(s('product'), PRODUCT_CODES, '--product');
  if (product !== undefined || s('dose') !== undefined)
    m = { ...m, treatment: { productCode: product ?? 'unknown', product: '', doseColumn: s('dose') ?? null, placeboGroups: (o['placebo'] as string[] | undefined) ?? [], blinded: o['blinded'] === true } };
  return m;
}
