import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNING, humanConfig, modelVersions, SCENE_CHANGE_SENSITIVITY } from './humanConfig.ts';

type Cfg = Record<string, Record<string, unknown> & { [k: string]: unknown }>;

const host = { backend: 'wasm', modelBasePath: 'geste-disk:/m/', wasmPath: '/w/' } as const;

describe('humanConfig', () => {
  it('turns off every model Geste does not use', () => {
    const c = humanConfig(host) as unknown as Cfg;
    const face = c['face'] as unknown as Record<string, { enabled: boolean }>;
    for (const k of ['emotion', 'description', 'antispoof', 'liveness', 'attention', 'gear']) expect(face[k]!.enabled).toBe(false);
    for (const k of ['gesture', 'object', 'segmentation', 'filter']) expect((c[k] as { enabled: boolean }).enabled).toBe(false);
    expect(face['mesh']!.enabled).toBe(true);
    expect(c['warmup']).toBe('none');
    expect(c['cacheModels']).toBe(false);
  });

  it('never lets wall-clock time decide when a model reruns (determinism)', () => {
    const c = humanConfig(host) as unknown as Cfg;
    const times = [
      ((c['face'] as Cfg)['detector'] as Record<string, number>)['skipTime'],
      (c['body'] as Record<string, number>)['skipTime'],
      (c['hand'] as Record<string, number>)['skipTime'],
    ];
    for (const t of times) expect(t).toBeGreaterThan(1e10);
    expect(c['cacheSensitivity']).toBe(SCENE_CHANGE_SENSITIVITY);
  });

  it('maps the tuning to Human frame counters and model list', () => {
    const t = { ...DEFAULT_TUNING, iris: true, bodyEveryNFrames: 4, handsEveryNFrames: 9, faceDetectorEveryNFrames: 0, hands: false };
    const c = humanConfig(host, t) as unknown as Cfg;
    expect(((c['face'] as Cfg)['detector'] as Record<string, number>)['skipFrames']).toBe(0);
    expect(((c['face'] as Cfg)['iris'] as { enabled: boolean }).enabled).toBe(true);
    expect((c['body'] as Record<string, number>)['skipFrames']).toBe(4);
    expect((c['hand'] as { enabled: boolean }).enabled).toBe(false);
    expect(Object.keys(modelVersions('3.3.6', t)).sort()).toEqual(['body', 'faceDetector', 'faceMesh', 'iris']);
  });
});
