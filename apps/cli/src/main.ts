/**
 * `geste` command line. Words for people on stderr, machine output (--json) on stdout.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type CameraContext, type ExamPhase, type NeutralStrategy, parseExamPhases } from '@geste/core';
import { CliError, EXIT_CODE, toCliError } from './errors.ts';
import { terminalProgress } from './progress.ts';
import { analyzeFile } from './inputs.ts';
import { framesToCsv } from './report/csv.ts';
import { summaryToJson } from './summary.ts';
import { renderHtmlReport } from './report/html.ts';
import { describeSummary } from './report/text.ts';
import { neutralFromJson } from './neutralFile.ts';
import { type PhaseClock, phaseClock } from './timings.ts';

export const USAGE = `Usage: geste analyze <video-or-landmarks.jsonl> [options]

Measures head posture (rotation, tilt, flexion/extension), shifts, shoulder elevation, jerks and tremor
from a video of a person's head and shoulders, and writes:
  frames.csv, frames.json   one row per frame (angles in degrees, shifts in cm, confidence)
  summary.json              the session's measures and objective severity items, with evidence
  report.html               a self-contained report with plots

Options:
  --out DIR            where to write (default: <video>.geste next to the video)
  --neutral WHICH      anatomical (default): against the trunk or the camera for turn and tilt, gravity
                       (with --camera-pitch) for chin up/down; each value says which (docs/anatomical-zero.md)
                       calibrate:START-END  seconds in which the person held their straightest posture;
                       the anatomical values are reported beside, with a warning when they differ > 10°
                       FILE.json            a neutral saved by the Geste app or an earlier analysis
  --camera-pitch DEG   the camera's tilt against gravity: 0 = level, + = looking up (a phone's sensors
                       or a level you trust); without it chin up/down has no reliable zero and is
                       reported as uncertain
  --mirrored           the video is a mirror image (a selfie recording); left and right are swapped back
  --phases FILE.json   exam-phase markers (rest, hold-neutral, rom-sweep, sensory-trick windows in ms),
                       as written by the Geste guided exam; without them the items that need the
                       protocol are reported as not assessable
  --max-side PX        analyse frames scaled to this longest side (default 640)
  --landmarks          also write landmarks.jsonl (a replayable recording of what the models saw)
  --json               print the summary as JSON on stdout (no progress bar)
  --detector-threads N 1 = the models in this thread, 2 = the two-core pipeline (default: 2 when a second
                       core is free and the face path uses Human's crop, else 1); both give the same numbers
  --timings            print where the time went (wall and CPU per phase) on stderr
  -h, --help           show this help
  -v, --version        show the version

Research mode (many videos; see docs/research.md):
  geste analyze <folder|list.txt> [--out RUN_DIR] [--jobs N] [--hash-names]   all videos, resumable:
                       results.csv (a row a video), videos/<id>/ reports, run.log.jsonl
  geste analyze <folder|list.txt> --pg URL [--no-wait]   enqueue on PostgreSQL for workers
  geste worker --pg URL [--jobs N]                       pull and analyse enqueued videos
  geste export --pg URL --run ID --out DIR               write a PostgreSQL run's results.csv
  geste agreement --ratings R.csv --results results.csv [--out agreement.html]
                       Pearson, Spearman, ICC, Bland-Altman per item against clinician ratings

Records (see docs/records.md):
  geste import <table.csv|bundle.json> --out DIR   rated scales and toxin visits from a clinic's
                       table or a FHIR R4 Bundle: a backup per person and a group summary (CSV, SVG);
                       all-or-nothing with located problems (geste import --help)

Exit codes: 0 done; 1 nothing measurable in the video; 2 usage error; 3 input problem; 4 decoder or
models missing; 5 internal error; 6 a research run finished but some videos failed (see results.csv);
130 a research run interrupted (run it again to resume).
Geste measures and reports. It does not diagnose and does not recommend treatment.`;

export function parseNeutral(value: string | undefined): NeutralStrategy | { kind: 'file'; path: string } {
  if (value === undefined || value === 'anatomical') return { kind: 'anatomical' };
  const m = /^calibrate:(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(value);
  if (m) {
    const startMs = Number(m[1]) * 1000;
    const endMs = Number(m[2]) * 1000;
    if (!(endMs > startMs)) throw new CliError('usage', `--neutral ${value}: the window's end must be after its start, e.g. calibrate:0-2.`);
    return { kind: 'calibrate-window', startMs, endMs };
  }
  if (value.endsWith('.json')) return { kind: 'file', path: value };
  throw new CliError('usage', `--neutral takes "anatomical", "calibrate:START-END" (seconds) or a .json file; got "${value}".`);
}

/** `--camera-pitch DEG` and `--mirrored` → what core is told about the camera. */
export function parseCamera(pitch: string | undefined, mirrored = false): CameraContext {
  if (pitch === undefined) return { pitchDeg: null, mirrored };
  const v = Number(pitch);
  if (pitch.trim() === '' || !Number.isFinite(v) || Math.abs(v) > 90) {
    throw new CliError('usage', `--camera-pitch takes the camera's tilt in degrees from -90 to 90 (0 = level, + = looking up); got "${pitch}".`);
  }
  return { pitchDeg: v, mirrored };
}

async function runAnalyze(args: string[], clock: PhaseClock): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      neutral: { type: 'string' },
      phases: { type: 'string' },
      'max-side': { type: 'string' },
      landmarks: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'camera-pitch': { type: 'string' },
      mirrored: { type: 'boolean', default: false },
      timings: { type: 'boolean', default: false },
      'detector-threads': { type: 'string' },
    },
  });
  if (positionals.length !== 1) {
    throw new CliError('usage', `geste analyze takes exactly one video file; got ${positionals.length}. See geste --help.`);
  }
  const input = resolve(positionals[0]!);
  const maxSidePx = values['max-side'] === undefined ? 640 : Number(values['max-side']);
  if (!Number.isInteger(maxSidePx) || maxSidePx < 64 || maxSidePx > 4096) {
    throw new CliError('usage', `--max-side must be a whole number of pixels from 64 to 4096; got "${values['max-side']}".`);
  }
  const threads = values['detector-threads'];
  const workers = threads === undefined ? undefined : Number(threads);
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1 && workers <= 64)) {
    throw new CliError('usage', `--detector-threads must be a whole number from 1 to 64; got "${threads}".`);
  }
  const camera = parseCamera(values['camera-pitch'], values.mirrored);
  let neutral = parseNeutral(values.neutral);
  if (neutral.kind === 'file') neutral = { kind: 'given', neutral: neutralFromJson(await readNeutralFile(neutral.path)) };

  const phases = values.phases === undefined ? [] : await readPhasesFile(values.phases);
  const progress = values.json ? { update() {}, done() {} } : terminalProgress(process.stderr, () => performance.now());
  const analysis = await analyzeFile(input, {
    neutral,
    maxSidePx,
    keepLandmarks: values.landmarks,
    ...(workers !== undefined ? { workers } : {}),
    phases,
    camera,
    onProgress: (p) => progress.update(p.framesDone, p.framesTotal, 'Analysing'),
    onPhase: (name) => clock.mark(name),
  });
  progress.done();

  const outDir = resolve(values.out ?? join(dirname(input), `${basename(input, extname(input))}.geste`));
  await mkdir(outDir, { recursive: true });
  const summaryJson = summaryToJson(analysis.summary);
  await writeFile(join(outDir, 'frames.csv'), framesToCsv(analysis.frames));
  await writeFile(join(outDir, 'frames.json'), JSON.stringify(analysis.frames));
  await writeFile(join(outDir, 'summary.json'), summaryJson + '\n');
  await writeFile(join(outDir, 'neutral.json'), JSON.stringify(analysis.neutral.neutral, null, 2) + '\n');
  clock.mark('frames.csv, frames.json, summary.json, neutral.json');
  await writeFile(join(outDir, 'report.html'), renderHtmlReport(analysis, basename(input)));
  clock.mark('report.html');
  if (analysis.landmarks) {
    const { serializeLandmarks } = await import('@geste/vision');
    await writeFile(join(outDir, 'landmarks.jsonl'), serializeLandmarks(analysis.source, analysis.landmarks));
    clock.mark('landmarks.jsonl');
  }
  if (values.json) {
    process.stdout.write(summaryJson + '\n');
  } else {
    process.stderr.write(describeSummary(analysis.summary) + `\nWrote ${outDir}/ (frames.csv, frames.json, summary.json, report.html)\n`);
  }
  if (values.timings) {
    const last = analysis.frames.at(-1);
    const fps = analysis.source.nominalFps;
    const videoS = last ? (last.timestampMs + (fps && fps > 0 ? 1000 / fps : 0)) / 1000 : null;
    process.stderr.write(clock.describe(analysis.frames.length, videoS));
  }
  return analysis.summary.measurableFrames === 0 ? EXIT_CODE['nothing-measurable'] : EXIT_CODE.ok;
}

async function readNeutralFile(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new CliError('input', `Could not read the neutral file ${path}: ${(e as Error).message}. Expected a neutral.json written by Geste.`);
  }
}

async function readPhasesFile(path: string): Promise<ExamPhase[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new CliError('input', `Could not read the phases file ${path}: ${(e as Error).message}. Expected a JSON array of exam phases.`);
  }
  try {
    return [...parseExamPhases(raw)];
  } catch (e) {
    throw new CliError('input', `The phases file ${path} is not usable: ${(e as Error).message}`);
  }
}

async function version(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Runs the CLI; returns the exit code. Never throws. */
export async function main(argv: string[]): Promise<number> {
  // The first phase runs from the process's start: Node, the TypeScript loader and the imports so far.
  const clock = phaseClock();
  clock.mark('start-up (Node, loader, imports)');
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      process.stdout.write(USAGE + '\n');
      return command === undefined ? EXIT_CODE.usage : EXIT_CODE.ok;
    }
    if (command === '-v' || command === '--version') {
      process.stdout.write(`geste ${await version()}\n`);
      return EXIT_CODE.ok;
    }
    if (command === 'analyze') {
      if (rest.includes('-h') || rest.includes('--help')) {
        process.stdout.write(USAGE + '\n');
        return EXIT_CODE.ok;
      }
      const research = await import('./research/commands.ts');
      if (await research.isResearchAnalyze(rest)) return await research.runResearchAnalyze(rest, parseNeutral);
      clock.mark('research-mode check');
      return await runAnalyze(rest, clock);
    }
    if (command === 'worker') return await (await import('./research/commands.ts')).runWorkerCommand(rest);
    if (command === 'export') return await (await import('./research/commands.ts')).runExport(rest);
    if (command === 'agreement') return await (await import('./research/commands.ts')).runAgreement(rest);
    if (command === 'import') return await (await import('./importCommand.ts')).runImport(rest);
    throw new CliError('usage', `Unknown command "${command}". Try: geste analyze <video>. See geste --help.`);
  } catch (e) {
    const err = e instanceof Error && e.name === 'TypeError' && 'code' in e && String((e as { code: unknown }).code).startsWith('ERR_PARSE_ARGS')
      ? new CliError('usage', `${e.message}. See geste --help.`)
      : toCliError(e);
    process.stderr.write(`geste: ${err.message}\n`);
    return EXIT_CODE[err.code];
  }
}
