/**
 * `geste analyze` as a person runs it: the real bin in a child process, real files, real exit codes.
 * The replay cases feed recorded landmarks (generated from the canonical face at known angles) so the
 * whole CLI path — parsing, analysis, scoring, every output file — is checked without the models.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type LandmarkFrame, syntheticFace } from '@geste/core';
import { serializeLandmarks } from '@geste/vision';

const BIN = fileURLToPath(new URL('../bin/geste.js', import.meta.url));
const TOL_ANGLE_DEG = 0.5;

function geste(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 120_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 99) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function rotationAt(tMs: number): number {
  // 2 s straight, then turn to 30° toward the right shoulder and hold.
  return tMs < 2000 ? 0 : Math.min(30, ((tMs - 2000) / 1000) * 30);
}

async function replayFile(dir: string): Promise<string> {
  const frames: LandmarkFrame[] = [];
  for (let i = 0; i < 180; i++) {
    const timestampMs = (i * 1000) / 30;
    frames.push({
      frameIndex: i,
      timestampMs,
      imageWidthPx: 640,
      imageHeightPx: 480,
      faces: [syntheticFace({ angles: { rotationDeg: rotationAt(timestampMs), tiltDeg: 0, flexionDeg: 0 }, noisePx: 0.3, seed: i })],
      bodies: [],
      hands: [],
    });
  }
  const info = { kind: 'replay-test', models: {}, imageWidthPx: 640, imageHeightPx: 480, nominalFps: 30 };
  const path = join(dir, 'turn.landmarks.jsonl');
  await writeFile(path, serializeLandmarks(info, frames));
  return path;
}

describe('geste analyze (child process)', () => {
  it('analyses a landmark recording and writes every output', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'geste-cli-'));
    const input = await replayFile(dir);
    const out = join(dir, 'out');
    const r = await geste(['analyze', input, '--out', out, '--neutral', 'calibrate:0-1.8', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toEqual(JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')));
    expect(summary.neutral.kind).toBe('calibrated');
    expect(summary.frames).toBe(180);
    expect(summary.measurableFrames).toBe(180);
    expect(Math.abs(summary.posture.rotationDeg.maxPositiveDeg - 30)).toBeLessThan(TOL_ANGLE_DEG);
    const rotationItem = summary.severity.items.find((i: { item: string }) => i.item === 'rotation');
    expect(rotationItem.score).toBe(2); // 30° lies in the quarter-to-half band (23–45°)
    expect(summary.severity.items.find((i: { item: string }) => i.item === 'sagittalShift').assessable).toBe(false);
    // The headline numbers (core's summaryMeasures) travel in summary.json as the text report lists them.
    expect(summary.measures.timeInNeutralPct).toBe(summary.timeInNeutral.combined.percentWithin);
    expect(summary.measures.jerksPerMin).toBe(summary.jerks.perMinute);
    const csv = (await readFile(join(out, 'frames.csv'), 'utf8')).trim().split('\n');
    expect(csv).toHaveLength(181);
    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).toContain('does not diagnose');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    expect(html).not.toMatch(/TWSTRS/i);
  });

  it('--timings lists every phase with wall and CPU time on stderr and leaves the outputs as they were', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'geste-cli-'));
    const input = await replayFile(dir);
    const plain = await geste(['analyze', input, '--out', join(dir, 'a'), '--json']);
    const timed = await geste(['analyze', input, '--out', join(dir, 'b'), '--json', '--timings']);
    expect(timed.code).toBe(0);
    expect(timed.stdout).toBe(plain.stdout);
    for (const f of ['frames.csv', 'frames.json', 'summary.json', 'neutral.json', 'report.html']) {
      expect(await readFile(join(dir, 'b', f), 'utf8'), f).toBe(await readFile(join(dir, 'a', f), 'utf8'));
    }
    const lines = timed.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^Timings/);
    const phases = lines.slice(1, -2).map((l) => /^ {2}(.+?) +(\d+\.\d\d) s wall +(\d+\.\d\d) s CPU$/.exec(l)?.[1]);
    expect(phases).toEqual(['start-up (Node, loader, imports)', 'research-mode check', 'first frame (models warm up)', 'frames', 'close video and workers', 'analysis (whole recording)', 'summary', 'frames.csv, frames.json, summary.json, neutral.json', 'report.html']);
    expect(lines.at(-2)).toMatch(/^ {2}total +\d+\.\d\d s wall +\d+\.\d\d s CPU$/);
    expect(lines.at(-1)).toMatch(/^ {2}180 frames: \d+\.\d ms CPU per frame with start-up, \d+\.\d\d× real time \(6\.0 s of video\)$/);
  });

  it('exam-phase markers make the protocol items assessable; a bad phases file exits 3', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'geste-cli-'));
    const input = await replayFile(dir);
    const phases = join(dir, 'phases.json');
    // Two hold attempts: the first held 2 s (the head turns at 2 s), the second starts turned away.
    await writeFile(phases, JSON.stringify([{ kind: 'hold-neutral', startMs: 0, endMs: 5900 }, { kind: 'hold-neutral', startMs: 3500, endMs: 5900 }]));
    const r = await geste(['analyze', input, '--out', join(dir, 'o'), '--phases', phases, '--json']);
    expect(r.code).toBe(0);
    const item = JSON.parse(r.stdout).severity.items.find((i: { item: string }) => i.item === 'timeHoldingNeutral');
    expect(item.assessable).toBe(true);
    expect(item.score).toBe(4); // mean hold ≤ 15 s
    await writeFile(phases, JSON.stringify([{ kind: 'nap', startMs: 0, endMs: 1 }]));
    const bad = await geste(['analyze', input, '--out', join(dir, 'o2'), '--phases', phases]);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/phases file/);
  });

  it('a missing file exits 3 with one line saying so', async () => {
    const r = await geste(['analyze', '/nonexistent/clip.mp4']);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/clip\.mp4/);
  });

  it('a file that is not a video exits 3 and says what it expected', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'geste-cli-'));
    const junk = join(dir, 'notes.mp4');
    await writeFile(junk, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    const r = await geste(['analyze', junk]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/video/i);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('an empty file exits 3', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'geste-cli-'));
    const empty = join(dir, 'empty.mp4');
    await writeFile(empty, '');
    const r = await geste(['analyze', empty]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^geste: /);
  });

  it('a malformed landmark recording exits 3 naming the line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'geste-cli-'));
    const good = await readFile(await replayFile(dir), 'utf8');
    const lines = good.split('\n');
    lines[3] = '{"frameIndex": "three"';
    const bad = join(dir, 'bad.landmarks.jsonl');
    await writeFile(bad, lines.join('\n'));
    const r = await geste(['analyze', bad]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/line 4/);
  });
});
