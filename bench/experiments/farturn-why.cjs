// Why each core-range frame (after the 2 s rest) of a clip is not measurable, from bench/experiments/edges-diag.ts output
// (issue 13, session 8 "farturn"): re-entry hold (reentry.ts; the mesh read something), the keypoint fallback held, no face,
// the range limit (camera yaw past 44°), or the collapse check (one sure face inside the range, blanked by the keypoints).
//   node bench/experiments/farturn-why.cjs <diag.jsonl> …
const fs = require('fs');
for (const file of process.argv.slice(2)) {
  const L = fs.readFileSync(file, 'utf8').trim().split('\n').map(JSON.parse);
  const core = L.filter((r) => r.core && r.ms >= 2000);
  const nm = core.filter((r) => r.g[0] === 'n');
  const why = {};
  const rows = [];
  for (const r of nm) {
    let k;
    if (r.raw[1] === 'f') k = 'reentry-hold';
    else if (r.raw[1] === 'b') k = 'fallback-held';
    else if (r.ms_ === 'none' || typeof r.ms_ !== 'number') k = 'no-face';
    else if (r.cam && Math.abs(r.cam[0]) > 44) k = 'range-limit(cam>44)';
    else if (r.cam && (Math.abs(r.cam[1]) > 45 || Math.abs(r.cam[2]) > 40)) k = 'range-limit(tilt/flex)';
    else k = 'collapse-check';
    why[k] = (why[k] || 0) + 1;
    const err = r.raw[1] === 'f' ? [Math.abs(r.raw[2] - r.t[0]), Math.abs(r.raw[3] - r.t[1]), Math.abs(r.raw[4] - r.t[2])].map((x) => x.toFixed(1)).join('/') : '';
    rows.push(`${r.i}@${r.ms}ms t${r.t[0]} ${k}${err ? ' err ' + err : ''}${r.cam ? ' cam ' + r.cam[0] : ''} sc ${r.ms_} kp ${r.kp ? r.kp.join('@') : '-'}`);
  }
  console.log(file.replace('.diag.jsonl', ''), `${nm.length}/${core.length} (${(100 * nm.length / core.length).toFixed(1)} %)`, JSON.stringify(why));
  for (const x of rows) console.log('   ', x);
}
