// Phantom scene, run inside headless Chromium (plain ES module, served from disk by renderer.ts).
// Units: centimetres. three.js world frame: x right, y up, z toward the viewer; the camera sits at the
// origin looking down -z. Geste's camera frame (x right, y down, z away) maps to it by S = diag(1,-1,-1).
// Everything the page draws is decided by the arguments it receives: no clock, no Math.random.
import * as THREE from 'three';
import { shapeFace, applyLook, earDebug } from './looks.js';

/** Geste camera-frame vector -> three.js vector. */
const S = (x, y, z) => new THREE.Vector3(x, -y, -z);

// MediaPipe FaceMesh face-oval silhouette, in order around the face (mediapipe face_mesh_connections,
// FACEMESH_FACE_OVAL), starting at the top of the forehead and going toward the image right.
const FACE_OVAL = [10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377,
  152, 148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109];
const CHIN = 152;

let renderer, scene, camera, headGroup, torsoGroup, handGroup, faceMesh, headPivotWorld;
let lookFx = null; // face look (issue 13): expressions
let width = 640, height = 480;
const srgb = (rgb) => new THREE.Color().setRGB(rgb[0] / 255, rgb[1] / 255, rgb[2] / 255, THREE.SRGBColorSpace);

function loadTexture(url) {
  return new Promise((resolve, reject) => new THREE.TextureLoader().load(url, resolve, undefined, reject));
}

/** Face-mesh points (photo pixels) -> head-fixed Geste coordinates (cm), origin between the eyes at the
 *  depth of the nose tip. */
function headPointsCm(mesh) {
  const P = mesh.pointsPx;
  const k = mesh.cmPerPx, kz = mesh.zCmPerPx;
  const x0 = (P[234][0] + P[454][0]) / 2;
  const y0 = (P[33][1] + P[263][1]) / 2;
  const z0 = P[1][2];
  return P.slice(0, 468).map(([x, y, z]) => [(x - x0) * k, (y - y0) * k, (z - z0) * kz]);
}

/** Skull + hair shell: lofted from the face oval back to the back of the head over an ellipsoid, so it
 *  meets the textured face without a seam. Vertex colours: hair above the jaw line, skin below. */
function buildShell(Pcm, hairRgb, skinRgb, pivot) {
  const chinY = Pcm[CHIN][1];
  const C = [0, chinY - 11.0, 9.5];          // ellipsoid centre (Geste head frame, cm)
  const A = [8.0, 12.0, 10.5];               // semi-axes: half-width, half-height, half-length
  const rings = 20;
  const ring = FACE_OVAL.map((i) => Pcm[i]);
  const norm = (v) => { const l = Math.hypot(v[0], v[1], v[2]); return [v[0] / l, v[1] / l, v[2] / l]; };
  const slerp = (a, b, t) => {
    const d = Math.max(-1, Math.min(1, a[0] * b[0] + a[1] * b[1] + a[2] * b[2]));
    const th = Math.acos(d);
    if (th < 1e-6) return a;
    const s0 = Math.sin((1 - t) * th) / Math.sin(th), s1 = Math.sin(t * th) / Math.sin(th);
    return [a[0] * s0 + b[0] * s1, a[1] * s0 + b[1] * s1, a[2] * s0 + b[2] * s1];
  };
  const back = [0, 0, 1];
  const pos = [], col = [];
  // Under the jaw the skin is in the jaw's shadow: a darker tone marks the jaw line against the neck.
  const hair = srgb(hairRgb), skin = srgb(skinRgb.map((c) => Math.round(c * 0.78)));
  const jawHairLineY = Pcm[234][1] + 2.0; // hair down to just below the ear level (a bob)
  for (let j = 0; j <= rings; j++) {
    const s = j / rings;
    for (const p of ring) {
      const d0 = norm([(p[0] - C[0]) / A[0], (p[1] - C[1]) / A[1], (p[2] - C[2]) / A[2]]);
      const d = norm(slerp(d0, back, s));
      const e = [C[0] + d[0] * A[0], C[1] + d[1] * A[1], C[2] + d[2] * A[2]];
      const w = Math.min(1, s / 0.12);
      const q = [p[0] + (e[0] - p[0]) * w, p[1] + (e[1] - p[1]) * w, p[2] + (e[2] - p[2]) * w];
      const v = S(q[0] - pivot[0], q[1] - pivot[1], q[2] - pivot[2]);
      pos.push(v.x, v.y, v.z);
      // Below the jaw line the shell is the underside of the jaw / the neck: skin.
      const c = q[1] > jawHairLineY && s < 0.7 ? skin : hair;
      col.push(c.r, c.g, c.b);
    }
  }
  const n = ring.length;
  const idx = [];
  for (let j = 0; j < rings; j++) {
    for (let i = 0; i < n; i++) {
      const a = j * n + i, b = j * n + ((i + 1) % n), c = (j + 1) * n + i, d = (j + 1) * n + ((i + 1) % n);
      idx.push(a, c, b, b, c, d);
    }
  }
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.Float32BufferAttribute(pos, 3));
  g.setAttribute('color', new THREE.Float32BufferAttribute(col, 3));
  g.setIndex(idx);
  g.computeVertexNormals();
  return new THREE.Mesh(g, new THREE.MeshLambertMaterial({ vertexColors: true, side: THREE.DoubleSide }));
}

function buildFace(mesh, texture, Pcm, pivot) {
  const pos = [], uv = [];
  // The photo's face-mesh rim runs along the face outline, where bilinear texture lookups pick up the
  // background behind the head. Compress the texture coordinates of the outer rim toward the face
  // centre (up to 12 % at the outline) so the rim samples skin and hair, not the wall.
  const P = mesh.pointsPx;
  const cx = P.slice(0, 468).reduce((a, p) => a + p[0], 0) / 468, cy = P.slice(0, 468).reduce((a, p) => a + p[1], 0) / 468;
  const rx = Math.max(...P.slice(0, 468).map((p) => Math.abs(p[0] - cx))), ry = Math.max(...P.slice(0, 468).map((p) => Math.abs(p[1] - cy)));
  for (let i = 0; i < Pcm.length; i++) {
    const v = S(Pcm[i][0] - pivot[0], Pcm[i][1] - pivot[1], Pcm[i][2] - pivot[2]);
    pos.push(v.x, v.y, v.z);
    const d = Math.hypot((P[i][0] - cx) / rx, (P[i][1] - cy) / ry);
    const u = Math.max(0, Math.min(1, (d - 0.6) / 0.4));
    const k = 1 - 0.12 * u * u * (3 - 2 * u);
    uv.push((cx + (P[i][0] - cx) * k) / mesh.widthPx, 1 - (cy + (P[i][1] - cy) * k) / mesh.heightPx);
  }
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.Float32BufferAttribute(pos, 3));
  g.setAttribute('uv', new THREE.Float32BufferAttribute(uv, 2));
  g.setIndex(mesh.triangles);
  g.computeVertexNormals();
  texture.colorSpace = THREE.SRGBColorSpace;
  texture.anisotropy = 4;
  const m = new THREE.Mesh(g, new THREE.MeshLambertMaterial({ map: texture, side: THREE.DoubleSide }));
  return m;
}

function skinMaterial(rgb) { return new THREE.MeshLambertMaterial({ color: srgb(rgb) }); }

function buildTorso(o, pivotWorldG) {
  const group = new THREE.Group();
  const shirt = new THREE.MeshLambertMaterial({ color: srgb(o.shirtRgb) });
  const skin = skinMaterial(o.skinRgb);
  // Sternal notch: below the neck pivot; the torso group rotates about it (shoulder elevation).
  const notchG = [pivotWorldG[0], pivotWorldG[1] + 12.5, pivotWorldG[2]];
  group.position.copy(S(...notchG));
  // Neck: a skin cylinder from inside the head down into the torso (not part of the rotating group,
  // added separately below).
  // Shoulders: a horizontal capsule, 40 cm across the outside of the deltoids.
  const shoulders = new THREE.Mesh(new THREE.CapsuleGeometry(6.5, 27, 8, 24), shirt);
  shoulders.rotation.z = Math.PI / 2;
  shoulders.scale.set(1, 1, 0.85);
  shoulders.position.set(0, -3.5, 0);
  group.add(shoulders);
  // Chest: a flattened cylinder below the shoulders.
  const chest = new THREE.Mesh(new THREE.CylinderGeometry(18, 16, 45, 32), shirt);
  chest.scale.set(1, 1, 0.55);
  chest.position.set(0, -26, 0);
  group.add(chest);
  // Upper arms hanging down from the shoulder ends.
  for (const side of [-1, 1]) {
    const arm = new THREE.Mesh(new THREE.CapsuleGeometry(5.2, 26, 8, 16), shirt);
    arm.position.set(side * 19.5, -20, 0);
    arm.rotation.z = side * 0.08;
    group.add(arm);
  }
  // Collar: a darker ring at the base of the neck.
  const collar = new THREE.Mesh(new THREE.TorusGeometry(6.4, 1.1, 10, 28),
    new THREE.MeshLambertMaterial({ color: srgb(o.shirtRgb.map((c) => Math.round(c * 0.7))) }));
  collar.rotation.x = Math.PI / 2;
  collar.position.set(0, 1.0, 0);
  group.add(collar);
  const neck = new THREE.Mesh(new THREE.CylinderGeometry(5.6, 6.2, 14, 24), skin);
  neck.position.copy(S(pivotWorldG[0], pivotWorldG[1] + 6, pivotWorldG[2] - 0.5));
  return { group, neck };
}

function buildHand(skinRgb) {
  const g = new THREE.Group();
  const skin = skinMaterial(skinRgb);
  // Local frame: fingers point along +y, palm faces +z (toward the viewer at rest).
  const palm = new THREE.Mesh(new THREE.BoxGeometry(8.2, 9.0, 2.6), skin);
  palm.position.set(0, 0, 0);
  g.add(palm);
  const fingers = [[-3.0, 6.6], [-1.0, 7.4], [1.0, 7.2], [3.0, 6.2]];
  fingers.forEach(([x, len]) => {
    const f = new THREE.Mesh(new THREE.CapsuleGeometry(0.85, len - 1.7, 4, 10), skin);
    f.position.set(x, 4.5 + len / 2, 0.2);
    g.add(f);
  });
  const thumb = new THREE.Mesh(new THREE.CapsuleGeometry(1.0, 4.5, 4, 10), skin);
  thumb.position.set(5.2, 1.0, 0.8);
  thumb.rotation.z = -0.7;
  g.add(thumb);
  // Forearm (sleeve) going down and away from the wrist.
  const forearm = new THREE.Mesh(new THREE.CylinderGeometry(3.0, 3.6, 26, 16), skin);
  forearm.position.set(0, -17, 0);
  g.add(forearm);
  return g;
}

function buildBackground(o) {
  const c = document.createElement('canvas');
  c.width = 512; c.height = 384;
  const ctx = c.getContext('2d');
  const grad = ctx.createLinearGradient(0, 0, 0, c.height);
  grad.addColorStop(0, `rgb(${o.bgTopRgb.join(',')})`);
  grad.addColorStop(1, `rgb(${o.bgBottomRgb.join(',')})`);
  ctx.fillStyle = grad;
  ctx.fillRect(0, 0, c.width, c.height);
  for (const r of o.bgRects) { // furniture, frames, doors: flat shapes with seeded colours
    ctx.fillStyle = `rgb(${r.rgb.join(',')})`;
    ctx.fillRect(r.x * c.width, r.y * c.height, r.w * c.width, r.h * c.height);
  }
  const tex = new THREE.CanvasTexture(c);
  tex.colorSpace = THREE.SRGBColorSpace;
  const plane = new THREE.Mesh(new THREE.PlaneGeometry(640, 480), new THREE.MeshBasicMaterial({ map: tex }));
  plane.position.set(0, 0, -200);
  return plane;
}

async function init(o) {
  width = o.widthPx; height = o.heightPx;
  const canvas = document.getElementById('c');
  canvas.width = width; canvas.height = height;
  renderer = new THREE.WebGLRenderer({ canvas, antialias: false, preserveDrawingBuffer: true });
  renderer.setPixelRatio(1);
  renderer.setSize(width, height, false);
  scene = new THREE.Scene();
  camera = new THREE.PerspectiveCamera(o.verticalFovDeg, width / height, 1, 1000);
  camera.position.set(0, 0, 0);
  camera.lookAt(0, 0, -1);
  // Camera pitch against the horizontal (> 0 looking up): three.js +x rotation turns -z toward +y.
  camera.rotation.x = (o.cameraPitchDeg ?? 0) * Math.PI / 180;

  const mesh = o.mesh;
  const Pcm = o.look ? shapeFace(headPointsCm(mesh), o.look) : headPointsCm(mesh);
  const pivot = o.neckPivotHeadCm; // neck pivot in the head frame
  headPivotWorld = o.neckPivotWorldCm; // where the pivot sits in the Geste camera frame
  headGroup = new THREE.Group();
  headGroup.matrixAutoUpdate = false;
  const tex = await loadTexture(o.textureUrl);
  faceMesh = buildFace(mesh, tex, Pcm, pivot);
  headGroup.add(faceMesh);
  headGroup.add(buildShell(Pcm, mesh.hairRgb, mesh.skinRgb, pivot));
  if (o.look) lookFx = applyLook({ headGroup, faceMesh, Pcm, pivot, look: o.look, photoSkinRgb: o.photoSkinRgb, skinRgb: mesh.skinRgb, restN: o.restN });
  scene.add(headGroup);

  const torso = buildTorso({ shirtRgb: o.shirtRgb, skinRgb: mesh.skinRgb }, headPivotWorld);
  torsoGroup = torso.group;
  // The trunk (torso and neck) turns and leans about the neck pivot: yaw > 0 = its front toward the
  // patient's right (image left, three.js -x: rotation about +y by -yaw); roll > 0 = leaning toward the
  // patient's right (top to image left: rotation about +z by +roll). Order Ry·Rz, as the head's angles.
  const trunkGroup = new THREE.Group();
  trunkGroup.position.copy(S(...headPivotWorld));
  trunkGroup.rotation.order = 'YXZ';
  trunkGroup.rotation.y = -(o.torsoYawDeg ?? 0) * Math.PI / 180;
  trunkGroup.rotation.z = (o.torsoRollDeg ?? 0) * Math.PI / 180;
  torsoGroup.position.sub(trunkGroup.position);
  torso.neck.position.sub(trunkGroup.position);
  trunkGroup.add(torsoGroup);
  trunkGroup.add(torso.neck);
  scene.add(trunkGroup);
  handGroup = buildHand(mesh.skinRgb);
  handGroup.visible = false;
  scene.add(handGroup);
  scene.add(buildBackground(o));

  scene.add(new THREE.AmbientLight(srgb(o.lightRgb), o.ambientIntensity));
  const key = new THREE.DirectionalLight(srgb(o.lightRgb), o.keyIntensity);
  key.position.copy(S(...o.keyFromCamera)); // direction the light comes from (Geste frame)
  key.target.position.set(0, 0, -60);
  scene.add(key, key.target);
  return { ok: true };
}

/** Pose the scene for one frame. `R` = Geste head rotation (row-major 3×3, head → camera frame). */
function pose(f) {
  const R = f.R;
  // three.js rotation = S·R·S with S = diag(1,-1,-1).
  const s = [1, -1, -1];
  const m = new THREE.Matrix4();
  const e = [];
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) e.push(s[r] * R[r * 3 + c] * s[c]);
  const p = S(headPivotWorld[0] - f.lateralShiftCm, headPivotWorld[1], headPivotWorld[2]);
  m.set(e[0], e[1], e[2], p.x, e[3], e[4], e[5], p.y, e[6], e[7], e[8], p.z, 0, 0, 0, 1);
  headGroup.matrix.copy(m);
  if (lookFx) lookFx.setExpression(f.blink ?? 0, f.mouthOpen ?? 0);
  headGroup.matrixWorldNeedsUpdate = true;
  // Patient's right shoulder (image left, -x) higher: clockwise as seen by the camera.
  torsoGroup.rotation.z = -f.shoulderElevationDeg * Math.PI / 180;

  handGroup.visible = f.handPhase > 0;
  if (f.handPhase > 0) {
    headGroup.updateMatrixWorld(true);
    const chinLocal = faceMesh.geometry.getAttribute('position');
    const chin = new THREE.Vector3().fromBufferAttribute(chinLocal, CHIN).applyMatrix4(headGroup.matrixWorld);
    // Touching pose: fingertips under and in front of the chin, hand coming from the patient's right
    // (image left), fingers pointing up and toward the image right.
    const touchPos = chin.clone().add(new THREE.Vector3(-4.5, -9.5, 3.0));
    const startPos = new THREE.Vector3(-32, -70, -40);
    const t = f.handPhase;
    const ease = t * t * (3 - 2 * t);
    handGroup.position.lerpVectors(startPos, touchPos, ease);
    handGroup.rotation.set(-0.35 * ease, 0, -0.55 - 0.25 * (1 - ease));
  }
}

function handOverFace() {
  if (!handGroup.visible) return false;
  scene.updateMatrixWorld(true);
  const box = (obj) => {
    const b = new THREE.Box3().setFromObject(obj);
    const pts = [];
    for (const x of [b.min.x, b.max.x]) for (const y of [b.min.y, b.max.y]) for (const z of [b.min.z, b.max.z]) {
      pts.push(new THREE.Vector3(x, y, z).project(camera));
    }
    return {
      x0: Math.min(...pts.map((q) => q.x)), x1: Math.max(...pts.map((q) => q.x)),
      y0: Math.min(...pts.map((q) => q.y)), y1: Math.max(...pts.map((q) => q.y)),
    };
  };
  // The hand without the forearm: palm, four fingers and the thumb (the first six children).
  const face = box(faceMesh);
  let over = 0;
  for (const child of handGroup.children.slice(0, 6)) {
    const h = box(child);
    const ix = Math.max(0, Math.min(face.x1, h.x1) - Math.max(face.x0, h.x0));
    const iy = Math.max(0, Math.min(face.y1, h.y1) - Math.max(face.y0, h.y0));
    over += ix * iy;
  }
  const faceArea = (face.x1 - face.x0) * (face.y1 - face.y0);
  return over / faceArea > 0.03;
}

function toBase64(bytes) {
  let s = '';
  const CH = 0x8000;
  for (let i = 0; i < bytes.length; i += CH) s += String.fromCharCode.apply(null, bytes.subarray(i, i + CH));
  return btoa(s);
}

/** Render one frame; returns RGB24 rows top-to-bottom as base64, and whether the hand covers the face. */
function render(f) {
  pose(f);
  renderer.render(scene, camera);
  const gl = renderer.getContext();
  const rgba = new Uint8Array(width * height * 4);
  gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, rgba);
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const src = (height - 1 - y) * width * 4, dst = y * width * 3;
    for (let x = 0; x < width; x++) {
      rgb[dst + x * 3] = rgba[src + x * 4];
      rgb[dst + x * 3 + 1] = rgba[src + x * 4 + 1];
      rgb[dst + x * 3 + 2] = rgba[src + x * 4 + 2];
    }
  }
  return { rgbBase64: toBase64(rgb), handOverFace: handOverFace() };
}

window.phantom = { init, render, earDebug: () => earDebug.frames };
window.phantomReady = true;
