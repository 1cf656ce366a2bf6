// Cross-check for tilt-range-replay.ts on real photographs (issue 13, session 8 "tiltrange"): for the frames the new tilt
// rule turns from low confidence to measured, the face mesh's fitted angles from the camera against the exact camera-frame
// truth (the 0° holds' median *fitted* angles composed with the image roll), so the anatomical zero (which may switch from
// the canonical face to the person's face geometry mid-clip) does not enter.
//   node --import tsx bench/experiments/tilt-photo-camframe.ts /tmp/tiltrange/photo.json <any>.steps.json
import { readFileSync } from 'node:fs';
import { rollAt, truthAt, type RollStep } from '../realfacesLib.ts';
const d = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
const steps = JSON.parse(readFileSync(process.argv[3]!, 'utf8')) as RollStep[];
const groups = new Map<string, any[]>();
for (const r of d.rows) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
const med = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]!; };
let n = 0, over3 = 0;
const worst = { rot: 0, flex: 0, tilt: 0 };
const per: string[] = [];
for (const [g, rows] of groups) {
  const base = rows.filter((r: any) => { const x = rollAt(steps, r.tS); return x.holdDeg === 0 && x.sinceHoldStartS >= 0.3 && r.cam; });
  const b = { rotationDeg: med(base.map((r: any) => r.cam.rotationDeg)), tiltDeg: med(base.map((r: any) => r.cam.tiltDeg)), flexionDeg: med(base.map((r: any) => r.cam.flexionDeg)) };
  const gw = { rot: 0, flex: 0, tilt: 0 };
  for (const r of rows) {
    if (r.byLimit[0].state === r.byLimit[1].state || !r.cam) continue;
    const t = truthAt(b, rollAt(steps, r.tS).tiltDeg);
    const e = { rot: Math.abs(r.cam.rotationDeg - t.rotationDeg), flex: Math.abs(r.cam.flexionDeg - t.flexionDeg), tilt: Math.abs(r.cam.tiltDeg - t.tiltDeg) };
    n++; if (e.rot > 3 || e.flex > 3) over3++;
    for (const k of ['rot', 'flex', 'tilt'] as const) { worst[k] = Math.max(worst[k], e[k]); gw[k] = Math.max(gw[k], e[k]); }
  }
  per.push(`${g}: ${gw.rot.toFixed(1)}/${gw.tilt.toFixed(1)}/${gw.flex.toFixed(1)}`);
}
console.log(`newly measured frames ${n}: camera-frame fit vs camera-frame truth, worst rotation ${worst.rot.toFixed(1)}, tilt ${worst.tilt.toFixed(1)}, flexion ${worst.flex.toFixed(1)}; frames with rot or flex > 3: ${over3}`);
console.log(per.join('\n'));
