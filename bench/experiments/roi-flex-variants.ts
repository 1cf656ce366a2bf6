/**
 * Crop variants for bench/experiments/roi-gain.ts (ROI_VARIANTS=<this file>): why flexion reads more when tracked
 * than from a fresh detector crop on hopper and olive-narrow (issue 15, session 7, docs/face-roi.md "Crop centre").
 * Every variant keeps the pose-steady side (weights from the track's first mesh) and changes one thing.
 */
import { EYE_CORNER_LEFT, EYE_CORNER_RIGHT, roiFromMesh, steadySideWeights, type MeshRoi } from '../../packages/vision/src/mesh/roi.ts';

type State = Record<string, unknown>;
const MOUTH_RIGHT = 61, MOUTH_LEFT = 291;

function steady(m: number[][], st: State, scale = 1.5): MeshRoi | null {
  st['weights'] ??= steadySideWeights(m);
  return roiFromMesh(m, { extentWeights: st['weights'] as [number, number], scale });
}

/** Eye-line axes: the eye midpoint and mouth midpoint in crop axes (u along the eyes, v down the face). */
function anchors(m: number[][], angleRad: number): { eu: number; ev: number; mu: number; mv: number } {
  const c = Math.cos(angleRad), s = Math.sin(angleRad);
  const uv = (p: number[]) => [c * p[0]! + s * p[1]!, -s * p[0]! + c * p[1]!] as const;
  const e1 = uv(m[EYE_CORNER_RIGHT]!), e2 = uv(m[EYE_CORNER_LEFT]!), m1 = uv(m[MOUTH_RIGHT]!), m2 = uv(m[MOUTH_LEFT]!);
  return { eu: (e1[0] + e2[0]) / 2, ev: (e1[1] + e2[1]) / 2, mu: (m1[0] + m2[0]) / 2, mv: (m1[1] + m2[1]) / 2 };
}

function withCentreUv(r: MeshRoi, u: number, v: number): MeshRoi {
  const c = Math.cos(r.angleRad), s = Math.sin(r.angleRad);
  return { ...r, centerXPx: c * u - s * v, centerYPx: s * u + c * v };
}
function centreUv(r: MeshRoi): [number, number] {
  const c = Math.cos(r.angleRad), s = Math.sin(r.angleRad);
  return [c * r.centerXPx + s * r.centerYPx, -s * r.centerXPx + c * r.centerYPx];
}

/**
 * Centre on the eye–mouth midpoint plus the offset (share of the side) it had on the track's first mesh; `w` mixes
 * it with the box centre (1 = anchor only).
 */
function eyeMouth(w: number, scale = 1.5) {
  return (m: number[][], _p: MeshRoi, st: State): MeshRoi | null => {
    const r = steady(m, st, scale);
    if (!r) return null;
    const a = anchors(m, r.angleRad);
    const [bu, bv] = centreUv(r);
    const au = (a.eu + a.mu) / 2, av = (a.ev + a.mv) / 2;
    st['off'] ??= [(bu - au) / r.sizePx, (bv - av) / r.sizePx];
    const [ou, ov] = st['off'] as [number, number];
    const u = au + ou * r.sizePx, v = av + ov * r.sizePx;
    return withCentreUv(r, w * u + (1 - w) * bu, w * v + (1 - w) * bv);
  };
}

/** Box centre moved along the face by k × the change of the eye-to-mouth distance (share of side) since the first mesh. */
function pitchShift(k: number) {
  return (m: number[][], _p: MeshRoi, st: State): MeshRoi | null => {
    const r = steady(m, st);
    if (!r) return null;
    const a = anchors(m, r.angleRad);
    const d = (a.mv - a.ev) / r.sizePx;
    st['d0'] ??= d;
    const [bu, bv] = centreUv(r);
    return withCentreUv(r, bu, bv + k * (d - (st['d0'] as number)) * r.sizePx);
  };
}

export const variants: Record<string, (m: number[][], p: MeshRoi, st: State) => MeshRoi | null> = {
  s104: (m, _p, st) => steady(m, st, 1.5 * 1.04),
  s096: (m, _p, st) => steady(m, st, 1.5 * 0.96),
  em: eyeMouth(1),
  em50: eyeMouth(0.5),
  pk1: pitchShift(1),
  pk2: pitchShift(2),
  pkm1: pitchShift(-1),
};

/** ROI_OFF="du,dv,k": the steady crop moved by (du, dv) × side along the eye line / down the face, side × k. */
const off = (process.env['ROI_OFF'] ?? '0,0,1').split(',').map(Number) as [number, number, number];
variants['off'] = (m, _p, st) => {
  const r = steady(m, st, 1.5 * off[2]);
  if (!r) return null;
  const [bu, bv] = centreUv(r);
  return withCentreUv(r, bu + off[0] * r.sizePx, bv + off[1] * r.sizePx);
};

/** The track's first steady crop, never moved (the phantom's head pivots but stays in it): no mesh → crop feedback. */
variants['frozen'] = (m, _p, st) => (st['first'] ??= steady(m, st)) as MeshRoi | null;
/** The steady crop smoothed over frames (exponential, weight `a` on the newest): weaker mesh → crop feedback. */
function ema(a: number) {
  return (m: number[][], p: MeshRoi, st: State): MeshRoi | null => {
    const r = steady(m, st);
    if (!r) return null;
    const q = (st['ema'] as MeshRoi | undefined) ?? r;
    const n = { centerXPx: q.centerXPx + a * (r.centerXPx - q.centerXPx), centerYPx: q.centerYPx + a * (r.centerYPx - q.centerYPx), sizePx: q.sizePx + a * (r.sizePx - q.sizePx), angleRad: q.angleRad + a * (r.angleRad - q.angleRad) };
    st['ema'] = n;
    return n;
  };
}
variants['ema30'] = ema(0.3);
variants['ema10'] = ema(0.1);

/**
 * The side grows when the outline's weighted height falls below its weighted width (a forward bend): side =
 * steady × (1 + κ·max(0, W/H − 1)). κ = 0 is the shipped steady side; κ ≈ −1 is close to MediaPipe's.
 */
function bendGrow(kappa: number) {
  return (m: number[][], _p: MeshRoi, st: State): MeshRoi | null => {
    st['weights'] ??= steadySideWeights(m);
    const [ww, wh] = st['weights'] as [number, number];
    const r = roiFromMesh(m, { extentWeights: [ww, wh] });
    const w = roiFromMesh(m, { extentWeights: [ww, 0] }), h = roiFromMesh(m, { extentWeights: [0, wh] });
    if (!r || !w || !h || !(h.sizePx > 0)) return null;
    return { ...r, sizePx: r.sizePx * (1 + kappa * Math.max(0, w.sizePx / h.sizePx - 1)) };
  };
}
variants['k1'] = bendGrow(1);
variants['k15'] = bendGrow(1.5);
variants['k2'] = bendGrow(2);
variants['k3'] = bendGrow(3);

/** The steady crop with the detector crop's frame-to-frame scatter (deterministic): side ±`sideShare`, angle, position. */
function dither(sideShare: number, angleRad: number, posPx: number) {
  let seed = 12345;
  const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648 * 2 - 1; };
  return (m: number[][], _p: MeshRoi, st: State): MeshRoi | null => {
    const r = steady(m, st);
    if (!r) return null;
    return { centerXPx: r.centerXPx + posPx * rnd(), centerYPx: r.centerYPx + posPx * rnd(), sizePx: r.sizePx * (1 + sideShare * rnd()), angleRad: r.angleRad + angleRad * rnd() };
  };
}
variants['dither'] = dither(0.035, 0.022, 1.7);
variants['dithside'] = dither(0.035, 0, 0);
variants['dithangle'] = dither(0, 0.022, 0);

/** Side × (W/H)^κ, both ways (grows on a forward bend, shrinks when the height grows; also shrinks on a turn). */
function ratioPow(kappa: number) {
  return (m: number[][], _p: MeshRoi, st: State): MeshRoi | null => {
    st['weights'] ??= steadySideWeights(m);
    const [ww, wh] = st['weights'] as [number, number];
    const r = roiFromMesh(m, { extentWeights: [ww, wh] });
    const w = roiFromMesh(m, { extentWeights: [ww, 0] }), h = roiFromMesh(m, { extentWeights: [0, wh] });
    if (!r || !w || !h || !(h.sizePx > 0)) return null;
    return { ...r, sizePx: r.sizePx * (w.sizePx / h.sizePx) ** kappa };
  };
}
variants['pow2'] = ratioPow(2);
variants['pow4'] = ratioPow(4);

/** The steady crop turned by a constant angle (the detector's eye keypoints are not the mesh's eye corners). */
variants['roll+'] = (m, _p, st) => { const r = steady(m, st); return r && { ...r, angleRad: r.angleRad + 0.02 }; };
variants['roll-'] = (m, _p, st) => { const r = steady(m, st); return r && { ...r, angleRad: r.angleRad - 0.02 }; };

/**
 * Every frame: Human's detector crop, the mesh in it, then the steady crop made from that mesh on the same frame
 * (what FaceMeshTracker.seed does), and the reading from that second crop. roi-gain.ts calls a variant once to seed
 * (after the detector-crop mesh) and once after the reading; returning null there makes the next frame seed again.
 */
variants['reseed'] = (m, _p, st) => {
  st['after'] = !st['after'];
  return st['after'] ? steady(m, st) : null;
};
