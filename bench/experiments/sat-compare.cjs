// Compares tmp-cache/replay-before/ and replay-after/ dumps of bench/experiments/sat-replay-all.sh, frame by frame (issue 13, session 6 "sat").
const fs=require('fs');
const B='tmp-cache/replay-before/', A='tmp-cache/replay-after/';
let nFrames=0, changed=0, coreChanged=0, coreFlexNull=[0,0], coreLow=[0,0], coreNm=[0,0];
const band={off10:[0,0], n:0, flexGiven:[0,0], within5:[0,0]};
const det=[];
for (const f of fs.readdirSync(B).filter(x=>x.endsWith('.jsonl'))) {
  const b=fs.readFileSync(B+f,'utf8').trim().split('\n').filter(Boolean).map(JSON.parse);
  const a=fs.readFileSync(A+f,'utf8').trim().split('\n').filter(Boolean).map(JSON.parse);
  for (let k=0;k<b.length;k++){ const x=b[k], y=a[k]; nFrames++;
    const ch = x.st!==y.st || x.mF!==y.mF;
    if (ch) { changed++; det.push(`${f} ${x.i} t=${x.tF.toFixed(1)} core=${x.core} before ${x.st} ${x.mF?.toFixed(1)} after ${y.st} ${y.mF?.toFixed(1)}`); }
    [x,y].forEach((m,j)=>{
      const given = m.st!=='not-measurable' && m.mF!==null;
      if (x.core){ if (m.st==='not-measurable') coreNm[j]++; else { if (m.st==='low-confidence') coreLow[j]++; if (m.mF===null) coreFlexNull[j]++; } }
      if (Math.abs(x.tF)>=30 && Math.abs(x.tF)<45) { if (j===0) band.n++; if (given){ band.flexGiven[j]++; if (Math.abs(m.mF-x.tF)>10) band.off10[j]++; if (Math.abs(m.mF-x.tF)<=5) band.within5[j]++; } }
    });
    if (ch && x.core) coreChanged++;
  }
}
console.log({nFrames, changed, coreChanged, coreNm, coreLow, coreFlexNull, band});
console.log(det.join('\n'));
