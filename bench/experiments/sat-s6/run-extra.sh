# The five own-crop clips whose landmarks this helper made (bench/experiments/edges-own-landmarks.ts into tmp-cache/); phase = before|after
phase=$1; out=tmp-cache/replay-$phase; mkdir -p $out
nice -n 10 node --import tsx bench/experiments/edges-replay.ts --cache tmp-cache --set full --faces astronaut --cameras webcam-640 --only anterocollis,edge-tilt-flexion-40,small-tilt-flexion,range-of-motion-sweep --tag .own-s6 --dump $out/extra-full.jsonl | tail -n +3 > $out/extra.md
nice -n 10 node --import tsx bench/experiments/edges-replay.ts --cache tmp-cache --set matrix --faces beard-glasses --cameras webcam-640 --only edge-tilt-flexion-40 --tag .own-s6 --dump $out/extra-bg.jsonl | tail -n +3 >> $out/extra.md
