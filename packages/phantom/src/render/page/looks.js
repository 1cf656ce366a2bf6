// Face looks (issue 13), applied by scene.js to the photo-textured face: mesh shape, skin tone, beard,
// eyebrows (fragment-shader recolouring), 3-D glasses frames and ears (geometry in the head group), eye blinks
// and mouth opening (per-frame vertex moves). Head frame: Geste axes in cm (x image right, y down, z away from
// the camera), origin between the eyes at the nose-tip depth. Everything is decided by the arguments: no clock,
// no Math.random.
import * as THREE from 'three';

const S = (x, y, z) => new THREE.Vector3(x, -y, -z);
const smooth = (a, b, x) => { const t = Math.max(0, Math.min(1, (x - a) / (b - a))); return t * t * (3 - 2 * t); };
const lin = (rgb) => new THREE.Color().setRGB(rgb[0] / 255, rgb[1] / 255, rgb[2] / 255, THREE.SRGBColorSpace);

// MediaPipe FaceMesh indices (mediapipe face_mesh_connections: FACEMESH_LIPS, eyes, eyebrows).
const LIPS = [61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291, 185, 40, 39, 37, 0, 267, 269, 270, 409,
  78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308, 191, 80, 81, 82, 13, 312, 311, 310, 415];
const LID_PAIRS = [ // [upper, lower] along each eye, corner to corner
  [246, 7], [161, 163], [160, 144], [159, 145], [158, 153], [157, 154], [173, 155],
  [466, 249], [388, 390], [387, 373], [386, 374], [385, 380], [384, 381], [398, 382],
];
const LID_SECOND_ROW = [[247, 246], [30, 161], [29, 160], [27, 159], [28, 158], [56, 157], [190, 173],
  [467, 466], [260, 388], [259, 387], [257, 386], [258, 385], [286, 384], [414, 398]];
const BROWS = [70, 63, 105, 66, 107, 55, 65, 52, 53, 46, 300, 293, 334, 296, 336, 285, 295, 282, 283, 276];
const BROW_RING = [156, 124, 35, 111, 143, 225, 224, 223, 222, 221, 189, 383, 353, 265, 340, 372, 445, 444, 443, 442, 441, 413];

/** Mesh shape: width, jaw, forehead, nose. Returns new points (head frame, cm). */
export function shapeFace(Pcm, look) {
  const w = look.widthScale ?? 1, jaw = look.jawScale ?? 1, fh = look.foreheadScale ?? 1;
  const nd = look.noseDepthScale ?? 1, nw = look.noseWidthScale ?? 1;
  const yEyes = 0, yMouth = (Pcm[61][1] + Pcm[291][1]) / 2;
  const yNose = Pcm[1][1] * 0.6; // between the eyes and the nose tip
  const zCheek = (Pcm[50][2] + Pcm[280][2]) / 2;
  return Pcm.map(([x, y, z]) => {
    const jw = smooth(yEyes + 1, yMouth + 1.5, y) * (y > 0 ? 1 : 0);
    let X = x * w * (1 + (jaw - 1) * jw);
    let Y = y < 0 ? y * fh : y;
    // The nose: an elongated Gaussian about the nose ridge.
    const g = Math.exp(-(x * x) / (2 * 1.3 * 1.3) - ((y - yNose) ** 2) / (2 * 2.6 * 2.6));
    X = X * (1 + (nw - 1) * g);
    const Z = z < zCheek ? zCheek + (z - zCheek) * (1 + (nd - 1) * g) : z;
    return [X, Y, Z];
  });
}

/** Per-vertex beard weight from the head-frame position: moustache, chin, jaw, sideburns; lips excluded. */
function beardWeights(Pcm) {
  const ySub = Pcm[2][1], ySide = (Pcm[234][1] + Pcm[454][1]) / 2, xSide = (Math.abs(Pcm[234][0]) + Math.abs(Pcm[454][0])) / 2;
  const lips = new Set(LIPS);
  return Pcm.map(([x, y], i) => {
    if (lips.has(i)) return 0;
    const u = Math.min(1, Math.abs(x) / xSide);
    const yLine = ySub + 0.3 + (ySide + 0.8 - (ySub + 0.3)) * Math.pow(u, 1.4);
    return smooth(yLine - 0.2, yLine + 0.7, y);
  });
}

function browWeights(n) {
  const wts = new Array(n).fill(0);
  for (const i of BROWS) wts[i] = 1;
  for (const i of BROW_RING) wts[i] = 0.35;
  return wts;
}

/** Recolours the face's texture in the fragment shader: skin tone, beard, eyebrows. */
function patchFaceMaterial(material, geometry, Pcm, look, photoSkinRgb) {
  geometry.setAttribute('aBeard', new THREE.Float32BufferAttribute(look.beard ? beardWeights(Pcm) : new Array(Pcm.length).fill(0), 1));
  geometry.setAttribute('aBrow', new THREE.Float32BufferAttribute(look.brows ? browWeights(Pcm.length) : new Array(Pcm.length).fill(0), 1));
  const from = lin(photoSkinRgb), to = lin(look.skinRgb ?? photoSkinRgb);
  const tone = new THREE.Vector3(to.r / from.r, to.g / from.g, to.b / from.b);
  const beard = look.beard ? lin(look.beard.rgb) : new THREE.Color(0, 0, 0);
  const brow = look.brows ? lin(look.brows.rgb) : new THREE.Color(0, 0, 0);
  material.onBeforeCompile = (shader) => {
    shader.uniforms.uTone = { value: tone };
      shader.uniforms.uBeard = { value: new THREE.Vector3(beard.r, beard.g, beard.b) };
    shader.uniforms.uBeardDensity = { value: look.beard?.density ?? 0 };
    shader.uniforms.uBrow = { value: new THREE.Vector3(brow.r, brow.g, brow.b) };
    shader.uniforms.uBrowStrength = { value: look.brows?.strength ?? 0 };
    shader.vertexShader = shader.vertexShader
      .replace('#include <common>', '#include <common>\nattribute float aBeard;\nattribute float aBrow;\nvarying float vBeard;\nvarying float vBrow;\nvarying vec2 vUvL;')
      .replace('#include <uv_vertex>', '#include <uv_vertex>\nvBeard = aBeard;\nvBrow = aBrow;\nvUvL = uv;');
    shader.fragmentShader = shader.fragmentShader
      .replace('#include <common>', `#include <common>
uniform vec3 uTone; uniform vec3 uBeard; uniform float uBeardDensity; uniform vec3 uBrow; uniform float uBrowStrength;
varying float vBeard; varying float vBrow; varying vec2 vUvL;
float hash12(vec2 p) { vec3 p3 = fract(vec3(p.xyx) * .1031); p3 += dot(p3, p3.yzx + 33.33); return fract((p3.x + p3.y) * p3.z); }`)
      .replace('#include <map_fragment>', `#include <map_fragment>
{
  vec3 c = diffuseColor.rgb;
  // Skin tone: scale every pixel toward the target tone except bright, grey ones (eye whites, teeth, glare).
  float mx = max(c.r, max(c.g, c.b)), mn = min(c.r, min(c.g, c.b));
  float sat = (mx - mn) / (mx + 1e-4);
  float w = 1.0 - smoothstep(0.35, 0.6, mx) * (1.0 - smoothstep(0.1, 0.25, sat));
  c *= mix(vec3(1.0), uTone, w);
  // Hair strands: a noise on a fine texture grid, stretched downward.
  vec2 g = floor(vec2(vUvL.x * 900.0, vUvL.y * 500.0));
  float n = hash12(g);
  float b = clamp(vBeard * uBeardDensity * (0.55 + 0.6 * n), 0.0, 1.0);
  c = mix(c, uBeard * (0.55 + 0.9 * n), b);
  float br = clamp(smoothstep(0.2, 0.8, vBrow) * uBrowStrength * (0.6 + 0.5 * n), 0.0, 1.0);
  c = mix(c, uBrow * (0.6 + 0.8 * n), br);
  diffuseColor.rgb = c;
}`);
  };
  material.customProgramCacheKey = () => 'geste-look';
  material.needsUpdate = true;
}

function tube(points, radius, material, closed) {
  const curve = new THREE.CatmullRomCurve3(points, closed, 'centripetal');
  return new THREE.Mesh(new THREE.TubeGeometry(curve, closed ? 48 : 16, radius, 8, closed), material);
}

// Lens glare (faces.ts lensGlare): each lens is a curved glass surface filling its rim; its fragment shader
// mirrors the view ray about the lens's own (interpolated) normal and looks the mirrored ray up in the room's
// lights (windows/lamps: angular rectangles, fixed in the room, with a window's cross bars). The highlight is
// therefore specular: it slides across the lens and comes and goes as the head turns and nods against the
// lights, and it is large when the lens's curvature spreads the mirrored rays over a large light. Clear glass
// elsewhere (a faint tint and a Fresnel rise at grazing angles).
const MAX_GLARE_LIGHTS = 3;
function lensMaterial(glare) {
  const lights = glare.lights.slice(0, MAX_GLARE_LIGHTS);
  const rad = Math.PI / 180;
  const box = lights.map((l) => new THREE.Vector4(l.azDeg * rad, l.elDeg * rad, l.halfWidthDeg * rad, l.halfHeightDeg * rad));
  const strength = lights.map((l) => l.strength);
  const bars = lights.map((l) => (l.bars ? 1 : 0));
  while (box.length < MAX_GLARE_LIGHTS) { box.push(new THREE.Vector4(0, 0, 0, 0)); strength.push(0); bars.push(0); }
  return new THREE.ShaderMaterial({
    transparent: true, depthWrite: false, side: THREE.DoubleSide,
    uniforms: { uBox: { value: box }, uStrength: { value: strength }, uBars: { value: bars }, uSoft: { value: (glare.edgeSoftDeg ?? 2) * rad } },
    vertexShader: `
varying vec3 vPos; varying vec3 vNormal;
void main() {
  vec4 w = modelMatrix * vec4(position, 1.0);
  vPos = w.xyz;
  vNormal = normalize(mat3(modelMatrix) * normal);
  gl_Position = projectionMatrix * viewMatrix * w;
}`,
    fragmentShader: `
uniform vec4 uBox[${MAX_GLARE_LIGHTS}]; uniform float uStrength[${MAX_GLARE_LIGHTS}]; uniform float uBars[${MAX_GLARE_LIGHTS}]; uniform float uSoft;
varying vec3 vPos; varying vec3 vNormal;
void main() {
  vec3 v = normalize(cameraPosition - vPos);      // toward the camera (world = three.js room frame)
  vec3 n = normalize(vNormal);
  if (dot(n, v) < 0.0) n = -n;
  vec3 r = reflect(-v, n);                         // the ray the camera sees mirrored in the lens
  // Room direction of the mirrored ray: azimuth (+ = image right) and elevation (+ = up), seen from the head
  // looking toward the camera (three.js +z).
  float az = atan(r.x, max(r.z, 1e-3));
  float el = atan(r.y, max(r.z, 1e-3));
  float I = 0.0;
  for (int k = 0; k < ${MAX_GLARE_LIGHTS}; k++) {
    vec4 b = uBox[k];
    if (uStrength[k] <= 0.0 || r.z <= 0.0) continue;
    float dx = abs(az - b.x), dy = abs(el - b.y);
    float m = (1.0 - smoothstep(b.z - uSoft, b.z + uSoft, dx)) * (1.0 - smoothstep(b.w - uSoft, b.w + uSoft, dy));
    // A window's cross bars (dark lines through its centre), and a brighter middle.
    float barW = 0.06 * min(b.z, b.w);
    float bar = uBars[k] * (1.0 - smoothstep(barW, barW * 1.8, dx)) + uBars[k] * (1.0 - smoothstep(barW, barW * 1.8, dy));
    m *= 1.0 - 0.85 * clamp(bar, 0.0, 1.0);
    m *= 0.75 + 0.25 * (1.0 - dx / max(b.z, 1e-3)) * (1.0 - dy / max(b.w, 1e-3));
    I += uStrength[k] * m;
  }
  float fres = 0.04 + 0.96 * pow(1.0 - max(dot(n, v), 0.0), 5.0);
  float a = clamp(fres * 0.6 + I, 0.0, 1.0);
  vec3 c = mix(vec3(0.75, 0.8, 0.85), vec3(1.0), clamp(I, 0.0, 1.0));
  gl_FragColor = vec4(c, a);
  #include <colorspace_fragment>
}`,
  });
}

/**
 * One lens: the rim's rounded rectangle filled in rings, on the rim's own wrap plus a spherical front
 * (radius glare.lensCurveCm).
 */
function buildLens(cx, cy, zRim, hw, hh, side, at, glare) {
  const R = glare.lensCurveCm, RINGS = 8, SEG = 48;
  // A sphere's cap: the rim is flat, so the lens meets it at its mean edge radius (± 0.15 cm at R = 12: inside the rim's tube).
  const sagEdge = (hw * hw + hh * hh + Math.min(hw, hh) ** 2) / 2;
  const pos = [], idx = [];
  const point = (k, j) => {
    const f = k / RINGS, a = (j / SEG) * 2 * Math.PI;
    const c = Math.cos(a), s = Math.sin(a);
    const xe = hw * Math.sign(c) * Math.abs(c) ** 0.5, ye = hh * Math.sign(s) * Math.abs(s) ** 0.5;
    const x = f * xe, y = f * ye;
    const outward = Math.max(0, side * x) / hw;
    const z = zRim + 0.5 * outward * outward + (x * x + y * y - sagEdge) / (2 * R);
    return at([cx + x, cy + y, z]);
  };
  const centre = point(0, 0);
  pos.push(centre.x, centre.y, centre.z);
  for (let k = 1; k <= RINGS; k++) for (let j = 0; j < SEG; j++) { const p = point(k, j); pos.push(p.x, p.y, p.z); }
  const id = (k, j) => (k === 0 ? 0 : 1 + (k - 1) * SEG + (j % SEG));
  for (let j = 0; j < SEG; j++) idx.push(0, id(1, j), id(1, j + 1));
  for (let k = 1; k < RINGS; k++) for (let j = 0; j < SEG; j++) idx.push(id(k, j), id(k + 1, j), id(k + 1, j + 1), id(k, j), id(k + 1, j + 1), id(k, j + 1));
  const geo = new THREE.BufferGeometry();
  geo.setAttribute('position', new THREE.Float32BufferAttribute(pos, 3));
  geo.setIndex(idx);
  geo.computeVertexNormals();
  const lens = new THREE.Mesh(geo, lensMaterial(glare));
  lens.renderOrder = 1;
  return lens;
}

/** Glasses frames: two rims in front of the eyes, a bridge over the nose, temples back to the ears. */
function buildGlasses(Pcm, pivot, g, glare) {
  const mat = new THREE.MeshLambertMaterial({ color: lin(g.rgb) });
  const group = new THREE.Group();
  const at = (p) => S(p[0] - pivot[0], p[1] - pivot[1], p[2] - pivot[2]);
  const eyeR = [(Pcm[33][0] + Pcm[133][0]) / 2, (Pcm[159][1] + Pcm[145][1]) / 2, (Pcm[33][2] + Pcm[133][2]) / 2];
  const eyeL = [(Pcm[263][0] + Pcm[362][0]) / 2, (Pcm[386][1] + Pcm[374][1]) / 2, (Pcm[263][2] + Pcm[362][2]) / 2];
  const zRim = Math.min(Pcm[168][2], Pcm[105][2], Pcm[334][2]) - 0.6;
  const hw = g.lensWidthCm / 2, hh = g.lensHeightCm / 2;
  const rims = [];
  for (const [e, side] of [[eyeR, -1], [eyeL, 1]]) {
    const pts = [];
    const cx = e[0] + side * 0.15, cy = e[1] + 0.25;
    for (let k = 0; k < 24; k++) {
      const a = (k / 24) * 2 * Math.PI;
      // A rounded rectangle (superellipse, exponent 4).
      const c = Math.cos(a), s = Math.sin(a);
      const x = hw * Math.sign(c) * Math.abs(c) ** 0.5, y = hh * Math.sign(s) * Math.abs(s) ** 0.5;
      const outward = Math.max(0, side * x) / hw; // frames wrap back a little toward the temples
      pts.push(at([cx + x, cy + y, zRim + 0.5 * outward * outward]));
    }
    group.add(tube(pts, g.rimCm, mat, true));
    rims.push({ cx, cy, side });
    if (glare) group.add(buildLens(cx, cy, zRim, hw, hh, side, at, glare));
  }
  const inner = (r) => [r.cx - r.side * hw, r.cy - 0.3, zRim + 0.05];
  const outer = (r) => [r.cx + r.side * hw, r.cy - 0.4, zRim + 0.5];
  const bridgeMid = [(rims[0].cx + rims[1].cx) / 2, Pcm[168][1] + 0.1, Pcm[168][2] - 0.35];
  group.add(tube([at(inner(rims[0])), at(bridgeMid), at(inner(rims[1]))], g.rimCm * 0.9, mat, false));
  for (const r of rims) {
    const ear = r.side < 0 ? Pcm[234] : Pcm[454];
    const o = outer(r);
    const hinge = [o[0] + r.side * 0.3, o[1], o[2] + 0.6];
    const back = [ear[0] + r.side * 0.9, ear[1] - 0.8, ear[2] + 1.5];
    const mid = [(hinge[0] + back[0]) / 2 + r.side * 0.6, (hinge[1] + back[1]) / 2 - 0.2, (hinge[2] + back[2]) / 2];
    group.add(tube([at(o), at(hinge), at(mid), at(back)], g.rimCm * 0.9, mat, false));
  }
  return group;
}

// Ears (look v2, docs/phantom.md "Ears"): placed on the phantom's own Frankfurt plane. The phantom's anatomical
// zero is the canonical face level (renderer.ts restOrientation), so its Frankfurt horizontal (porion–orbitale)
// is level in the canonical frame: the tragion (≈ soft-tissue porion) sits at orbitale height, which is
// EAR_PUPIL_ABOVE_PORION_CM below the pupil, EAR_TRAGION_BEHIND_PUPIL_CM behind it, on the head's surface.
// Auricle size and angles are adult anthropometric norms (Farkas 1994; sources in docs/phantom.md).
const EAR_PUPIL_ABOVE_PORION_CM = 1.0;   // pupil ≈ canthus; the orbitomeatal line is ≈ 7° steeper than Frankfurt over ≈ 8 cm
const EAR_TRAGION_BEHIND_PUPIL_CM = 8.0; // sagittal depth cornea → tragion
const EAR_INCLINATION_DEG = 15;          // long axis tilted back from vertical
const EAR_FLARE_DEG = 35;                // cephalo-auricular angle: the helix stands ≈ 1.8 cm off the head at the back
// Outline in the ear's own plane (cm; a = back from the tragion, b = up), before inclination: length
// (superaurale–subaurale) 6.0 cm, width (preaurale–postaurale) 3.3 cm, tragion ≈ 3.2 cm above the lobule's bottom.
const EAR_OUTLINE = [[0.25, 0.9], [0.05, 1.8], [0.35, 2.55], [1.0, 2.85], [1.8, 2.8], [2.5, 2.35], [2.95, 1.5], [3.0, 0.5],
  [2.75, -0.6], [2.3, -1.6], [1.95, -2.35], [1.55, -2.95], [1.0, -3.15], [0.55, -2.95], [0.3, -2.3], [0.2, -1.4],
  [-0.1, -1.05], [-0.3, -0.4], [-0.2, 0.2], [0.05, 0.45]];
const EAR_HELIX = [[0.35, 0.75], [0.2, 1.7], [0.45, 2.35], [1.0, 2.6], [1.8, 2.55], [2.35, 2.15], [2.7, 1.4], [2.75, 0.5],
  [2.5, -0.55], [2.1, -1.45], [1.8, -2.0]];
const EAR_ANTIHELIX = [[0.9, 1.95], [1.6, 1.8], [2.05, 1.1], [2.1, 0.1], [1.8, -0.8], [1.3, -1.35]];

/** Ear positions in the canonical head frame and the ear plane's axes, per side (exported for the ear check). */
export function earFrames(Pcm, restN, surfaceX) {
  const N = restN; // canonical → photo (Pcm) frame, row-major
  const toC = (p) => [N[0] * p[0] + N[3] * p[1] + N[6] * p[2], N[1] * p[0] + N[4] * p[1] + N[7] * p[2], N[2] * p[0] + N[5] * p[1] + N[8] * p[2]];
  const toP = (c) => [N[0] * c[0] + N[1] * c[1] + N[2] * c[2], N[3] * c[0] + N[4] * c[1] + N[5] * c[2], N[6] * c[0] + N[7] * c[1] + N[8] * c[2]];
  const mean = (ids) => [0, 1, 2].map((k) => ids.reduce((a, i) => a + Pcm[i][k], 0) / ids.length);
  const out = [];
  for (const [ids, side] of [[[33, 133, 159, 145], -1], [[263, 362, 386, 374], 1]]) {
    const e = mean(ids);
    e[2] = (Pcm[ids[2]][2] + Pcm[ids[3]][2]) / 2; // the lids' centre lies on the cornea
    const pupilC = toC(e);
    const tragionC = [pupilC[0] + side * 7.0, pupilC[1] + EAR_PUPIL_ABOVE_PORION_CM, pupilC[2] + EAR_TRAGION_BEHIND_PUPIL_CM];
    if (surfaceX) tragionC[0] = surfaceX(toP, tragionC, side);
    const f = EAR_FLARE_DEG * Math.PI / 180;
    const back = [side * Math.sin(f), 0, Math.cos(f)];   // along the ear plane, backward and out
    const up = [0, -1, 0];
    const normal = [side * Math.cos(f), 0, -Math.sin(f)]; // out of the ear's front face
    out.push({ side, pupilC, tragionC, toP, back, up, normal });
  }
  return out;
}

/** The last built ears' pupil and tragion positions (canonical head frame, cm), for scripts/ear-check.ts. */
export const earDebug = { frames: [] };

/** Ear outline point (a back, b up) in the ear plane after inclination. */
function inclined([a, b]) {
  const t = EAR_INCLINATION_DEG * Math.PI / 180;
  return [a * Math.cos(t) + b * Math.sin(t), b * Math.cos(t) - a * Math.sin(t)];
}

/** Ears: auricle plate with helix and antihelix rims, concha, canal and tragus, on the phantom's Frankfurt plane. */
function buildEars(Pcm, pivot, skinRgb, restN, headGroup) {
  const group = new THREE.Group();
  const tone = (k) => new THREE.MeshLambertMaterial({ color: lin(skinRgb.map((c) => Math.min(255, Math.round(c * k)))), side: THREE.DoubleSide });
  const body = tone(0.95), rim = tone(1.08), concha = tone(0.55), canal = tone(0.22);
  headGroup.updateMatrixWorld(true);
  const shells = headGroup.children.filter((c) => c.isMesh);
  const ray = new THREE.Raycaster();
  // The tragion sits on the head's surface: cast from outside toward the head along the canonical lateral axis.
  const surfaceX = (toP, c, side) => {
    const o = toP([side * 20, c[1], c[2]]), d = toP([-side, 0, 0]);
    ray.set(S(o[0] - pivot[0], o[1] - pivot[1], o[2] - pivot[2]), S(d[0], d[1], d[2]).normalize());
    const hit = ray.intersectObjects(shells, false)[0];
    if (!hit) return c[0];
    const q = [hit.point.x + pivot[0], -hit.point.y + pivot[1], -hit.point.z + pivot[2]];
    const N = restN;
    const qc0 = N[0] * q[0] + N[3] * q[1] + N[6] * q[2];
    return qc0 - side * 0.2; // a little into the shell: no gap at the ear's root
  };
  const frames = earFrames(Pcm, restN, surfaceX);
  earDebug.frames = frames.map(({ side, pupilC, tragionC }) => ({ side, pupilC, tragionC }));
  for (const fr of frames) {
    // Ear-local (a back, b up, w out) → Geste head frame → three.js, as one matrix.
    const col = (v) => { const p = fr.toP(v); return S(p[0], p[1], p[2]); };
    const t = fr.toP(fr.tragionC);
    const pos = S(t[0] - pivot[0], t[1] - pivot[1], t[2] - pivot[2]);
    const m = new THREE.Matrix4().makeBasis(col(fr.back), col(fr.up), col(fr.normal)).setPosition(pos);
    const ear = new THREE.Group();
    ear.matrixAutoUpdate = false;
    ear.matrix.copy(m);
    const shape = new THREE.Shape(EAR_OUTLINE.map((p) => new THREE.Vector2(...inclined(p))));
    const plate = new THREE.Mesh(new THREE.ExtrudeGeometry(shape, { depth: 0.3, bevelEnabled: true, bevelThickness: 0.15, bevelSize: 0.15, bevelSegments: 2, curveSegments: 8 }), body);
    ear.add(plate);
    const tube3 = (pts, w, r, mat) => tube(pts.map((p) => { const [a, b] = inclined(p); return new THREE.Vector3(a, b, w); }), r, mat, false);
    ear.add(tube3(EAR_HELIX, 0.5, 0.3, rim));
    ear.add(tube3(EAR_ANTIHELIX, 0.45, 0.18, body));
    const disc = (c, rx, ry, w, mat) => {
      const d = new THREE.Mesh(new THREE.CircleGeometry(1, 20), mat);
      const [a, b] = inclined(c);
      d.position.set(a, b, w); d.scale.set(rx, ry, 1);
      return d;
    };
    ear.add(disc([1.05, -0.35], 0.75, 1.05, 0.47, concha));
    ear.add(disc([0.45, -0.35], 0.28, 0.32, 0.48, canal));
    const tragus = new THREE.Mesh(new THREE.SphereGeometry(1, 12, 10), body);
    const [ta, tb] = inclined([0.0, -0.45]);
    tragus.position.set(ta, tb, 0.45); tragus.scale.set(0.3, 0.5, 0.3);
    ear.add(tragus);
    group.add(ear);
  }
  return group;
}

/**
 * Apply a look to a built face. Returns { setExpression(blink, mouthOpen) } which moves the eyelids and the
 * lower lip/jaw vertices of the face mesh (head frame), or null-ops when the look has none.
 */
export function applyLook({ headGroup, faceMesh, Pcm, pivot, look, photoSkinRgb, skinRgb, restN }) {
  patchFaceMaterial(faceMesh.material, faceMesh.geometry, Pcm, look, photoSkinRgb);
  if (look.glasses) headGroup.add(buildGlasses(Pcm, pivot, look.glasses, look.lensGlare));
  if (look.ears) headGroup.add(buildEars(Pcm, pivot, skinRgb, restN, headGroup));
  const pos = faceMesh.geometry.getAttribute('position');
  const base = Pcm.map((p) => p.slice());
  const yUpperLip = Pcm[13][1], yLowerLip = Math.max(Pcm[14][1], yUpperLip + 0.15);
  const xCorner = (Math.abs(Pcm[61][0] - Pcm[13][0]) + Math.abs(Pcm[291][0] - Pcm[13][0])) / 2;
  const xMid = Pcm[13][0];
  const write = (i, p) => { const v = S(p[0] - pivot[0], p[1] - pivot[1], p[2] - pivot[2]); pos.setXYZ(i, v.x, v.y, v.z); };
  let last = '';
  return {
    setExpression(blink, mouthOpen) {
      const key = `${blink.toFixed(3)},${mouthOpen.toFixed(3)}`;
      if (key === last) return;
      last = key;
      const P = base.map((p) => p.slice());
      if (blink > 0) {
        for (const [u, l] of LID_PAIRS) P[u][1] = base[u][1] + (base[l][1] - 0.05 - base[u][1]) * blink;
        for (const [u2, u] of LID_SECOND_ROW) P[u2][1] = base[u2][1] + (P[u][1] - base[u][1]) * 0.45;
      }
      if (mouthOpen > 0) {
        const drop = 0.9 * mouthOpen;
        for (let i = 0; i < P.length; i++) {
          const [x, y] = base[i];
          if (y <= yUpperLip) continue;
          const fy = smooth(yUpperLip, yLowerLip, y);
          const fx = 1 - smooth(0.8 * xCorner, 2.4 * xCorner, Math.abs(x - xMid));
          P[i][1] = y + drop * fy * fx;
        }
      }
      for (let i = 0; i < P.length; i++) write(i, P[i]);
      pos.needsUpdate = true;
      faceMesh.geometry.computeVertexNormals();
    },
  };
}
