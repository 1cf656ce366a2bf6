/**
 * A minimal Node face-mesh runner (Human's WASM build, models read from node_modules, no network) used
 * by the mesh bake and by the phantom's own tests ("does a real detector find the rendered face?").
 * Geste's production detector lives in @geste/vision; this one exists so the phantom can be checked
 * without depending on that package's internals.
 */
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs-core';

const require = createRequire(import.meta.url);

export interface FoundFace {
  /** 468 (+10 iris) points [x, y, z] in image pixels; z in the model's crop pixels. */
  readonly mesh: readonly (readonly number[])[];
  /** Normalized crop box [x, y, w, h]. */
  readonly boxRaw: readonly number[];
  readonly faceScore: number;
  readonly boxScore: number;
}

export interface FaceRunner {
  detect(rgb: Uint8Array, widthPx: number, heightPx: number): Promise<FoundFace[]>;
  readonly version: string;
  readonly faceTriangulation: readonly number[];
  close(): void;
}

let routerInstalled = false;
function installDiskRouter(): void {
  if (routerInstalled) return;
  routerInstalled = true;
  // tfjs's router type says IOHandler, but its registry documents null as "not mine".
  tf.io.registerLoadRouter(((url: string | string[]) => {
    if (typeof url !== 'string' || !url.startsWith('disk:')) return null;
    const p = url.slice(5);
    return {
      load: async () => {
        const json = JSON.parse(await readFile(p, 'utf8'));
        const dir = p.replace(/[^/]*$/, '');
        const bufs: Buffer[] = [];
        for (const g of json.weightsManifest) for (const f of g.paths) bufs.push(await readFile(dir + f));
        const all = Buffer.concat(bufs);
        return {
          modelTopology: json.modelTopology,
          weightSpecs: json.weightsManifest.flatMap((g: { weights: unknown[] }) => g.weights),
          weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
          format: json.format, generatedBy: json.generatedBy, convertedBy: json.convertedBy,
          signature: json.signature, userDefinedMetadata: json.userDefinedMetadata,
        };
      },
    };
  }) as unknown as Parameters<typeof tf.io.registerLoadRouter>[0]);
}

export async function openFaceRunner(opts: { iris?: boolean } = {}): Promise<FaceRunner> {
  installDiskRouter();
  const humanMain = require.resolve('@vladmandic/human');
  const H = require(humanMain.replace(/dist[/][^/]*$/, 'dist/human.node-wasm.js')) as { Human: new (cfg: unknown) => any };
  const modelDir = humanMain.replace(/dist[/][^/]*$/, 'models/');
  const wasmDir = require.resolve('@tensorflow/tfjs-backend-wasm').replace(/[^/]*$/, '');
  const human = new H.Human({
    backend: 'wasm', wasmPath: wasmDir, modelBasePath: 'disk:' + modelDir, wasmPlatformFetch: false,
    debug: false, warmup: 'none', cacheModels: false, cacheSensitivity: 0,
    face: { enabled: true, detector: { rotation: false, maxDetected: 2, skipFrames: 0, minConfidence: 0.2 }, mesh: { enabled: true },
      iris: { enabled: opts.iris ?? false }, emotion: { enabled: false }, description: { enabled: false },
      antispoof: { enabled: false }, liveness: { enabled: false }, attention: { enabled: false } },
    body: { enabled: false }, hand: { enabled: false }, gesture: { enabled: false }, object: { enabled: false },
    segmentation: { enabled: false }, filter: { enabled: false },
  });
  await human.load();
  await human.init?.();
  return {
    version: String(human.version),
    faceTriangulation: Array.from(human.faceTriangulation as number[]),
    async detect(rgb, widthPx, heightPx) {
      const t = tf.tensor3d(rgb, [heightPx, widthPx, 3], 'int32');
      try {
        const r = await human.detect(t);
        return (r.face as FoundFace[]).map((f) => ({ mesh: f.mesh, boxRaw: f.boxRaw, faceScore: f.faceScore, boxScore: f.boxScore }));
      } finally {
        t.dispose();
      }
    },
    close() { /* Human keeps module-level model state; nothing per-runner to free */ },
  };
}
