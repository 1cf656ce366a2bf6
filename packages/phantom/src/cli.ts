/**
 * Phantom generator CLI.
 *   node --import tsx packages/phantom/src/cli.ts generate --set small|full --out <dir> [--formats y4m,mp4] [--fps 30] [--only name,name]
 *     [--face <id>] [--camera <id>]   (faces: src/render/faces.ts; camera set-ups: src/render/camera.ts)
 */
import { parseArgs } from 'node:util';
import { scriptsInSet, type PhantomSet } from './scripts/motion.ts';
import { generateClip, fileSizeBytes, type VideoFormat, type ClipFiles } from './generate.ts';
import { PhantomError } from './errors.ts';

export async function generateSet(set: PhantomSet, outDir: string, opts: { formats?: VideoFormat[]; fps?: number; only?: string[]; log?: (s: string) => void; face?: string; camera?: string } = {}): Promise<ClipFiles[]> {
  const log = opts.log ?? ((s: string) => process.stderr.write(s));
  const scripts = scriptsInSet(set).filter((s) => !opts.only || opts.only.includes(s.name));
  const out: ClipFiles[] = [];
  for (const [k, s] of scripts.entries()) {
    let last = 0;
    const clip = await generateClip(s, {
      outDir, ...(opts.fps ? { fps: opts.fps } : {}), ...(opts.formats ? { formats: opts.formats } : {}),
      ...(opts.face ? { face: opts.face } : {}), ...(opts.camera ? { camera: opts.camera } : {}),
      onProgress: ({ frame, frames }) => {
        if (frame === frames || frame - last >= 60) { last = frame; log(`\r[${k + 1}/${scripts.length}] ${s.name}: frame ${frame}/${frames}   `); }
      },
    });
    const mb = (p?: string) => (fileSizeBytes(p) / 1e6).toFixed(1);
    log(`\r[${k + 1}/${scripts.length}] ${s.name}: ${clip.cached ? 'cached' : `${clip.frames} frames, ${(clip.frames / (clip.renderMs / 1000)).toFixed(1)} frames/s`}` +
      `${clip.y4m ? `, y4m ${mb(clip.y4m)} MB` : ''}${clip.mp4 ? `, mp4 ${mb(clip.mp4)} MB` : ''}\n`);
    out.push(clip);
  }
  return out;
}

async function main(argv: string[]): Promise<void> {
  const [cmd, ...rest] = argv;
  if (cmd !== 'generate') throw new PhantomError('bad-arguments', `expected the command "generate", got "${cmd ?? ''}". Usage: generate --set small|full --out <dir>`);
  const { values } = parseArgs({ args: rest, options: { set: { type: 'string', default: 'small' }, out: { type: 'string' }, formats: { type: 'string' }, fps: { type: 'string' }, only: { type: 'string' }, face: { type: 'string' }, camera: { type: 'string' } } });
  if (values.set !== 'small' && values.set !== 'full' && values.set !== 'matrix') throw new PhantomError('bad-arguments', `--set must be "small", "full" or "matrix", got "${values.set}"`);
  if (!values.out) throw new PhantomError('bad-arguments', '--out <dir> is required');
  const formats = values.formats ? values.formats.split(',') as VideoFormat[] : undefined;
  if (formats && formats.some((f) => f !== 'y4m' && f !== 'mp4')) throw new PhantomError('bad-arguments', `--formats takes y4m and/or mp4, got "${values.formats}"`);
  await generateSet(values.set, values.out, {
    ...(formats ? { formats } : {}), ...(values.fps ? { fps: Number(values.fps) } : {}), ...(values.only ? { only: values.only.split(',') } : {}),
    ...(values.face ? { face: values.face } : {}), ...(values.camera ? { camera: values.camera } : {}),
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`\n${e instanceof PhantomError ? `${e.code}: ${e.message}` : String(e)}\n`);
    process.exit(1);
  });
}
