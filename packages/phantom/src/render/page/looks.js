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

/** Glasses frames: two rims in front of the eyes, a bridge over the nose, temples back to the ears. */
function buildGlasses(Pcm, pivot, g) {
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

/** Ears: flattened ellipsoids at the sides of the shell, a little behind the face outline. */
function buildEars(Pcm, pivot, skinRgb) {
  const group = new THREE.Group();
  const mat = new THREE.MeshLambertMaterial({ color: lin(skinRgb.map((c) => Math.round(c * 0.92))) });
  const inner = new THREE.MeshLambertMaterial({ color: lin(skinRgb.map((c) => Math.round(c * 0.6))) });
  for (const [idx, side] of [[234, -1], [454, 1]]) {
    const p = Pcm[idx];
    const centre = [p[0] + side * 0.9, p[1] + 1.0, p[2] + 1.4];
    const ear = new THREE.Mesh(new THREE.SphereGeometry(1, 20, 14), mat);
    ear.scale.set(0.55, 3.1, 1.8);
    ear.position.copy(S(centre[0] - pivot[0], centre[1] - pivot[1], centre[2] - pivot[2]));
    ear.rotation.y = side * 0.45; // the ear flares out and back from the head
    ear.rotation.z = side * 0.12;
    group.add(ear);
    const concha = new THREE.Mesh(new THREE.SphereGeometry(1, 12, 10), inner);
    concha.scale.set(0.3, 1.3, 0.8);
    concha.position.copy(S(centre[0] + side * 0.35 - pivot[0], centre[1] + 0.4 - pivot[1], centre[2] - 0.2 - pivot[2]));
    concha.rotation.y = side * 0.45;
    group.add(concha);
  }
  return group;
}

/**
 * Apply a look to a built face. Returns { setExpression(blink, mouthOpen) } which moves the eyelids and the
 * lower lip/jaw vertices of the face mesh (head frame), or null-ops when the look has none.
 */
export function applyLook({ headGroup, faceMesh, Pcm, pivot, look, photoSkinRgb, skinRgb }) {
  patchFaceMaterial(faceMesh.material, faceMesh.geometry, Pcm, look, photoSkinRgb);
  if (look.glasses) headGroup.add(buildGlasses(Pcm, pivot, look.glasses));
  if (look.ears) headGroup.add(buildEars(Pcm, pivot, skinRgb));
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
