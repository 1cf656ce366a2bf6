#!/bin/bash
# usage: bench/experiments/sat-replay-all.sh <phase> [landmarks cache]  (issue 13, session 6 "sat")   (replays every saved-landmarks group; dumps per-frame lines)
phase=$1; out=tmp-cache/replay-$phase; mkdir -p $out; : > $out/table.md
E=${2:-/work/wt-edges/tmp-cache}  # a cache copy with saved landmarks (the edges helper's)
run() { # cache set face camera tag clips...
  local cache=$1 set=$2 face=$3 cam=$4 tag=$5; shift 5; local clips=$(echo "$@" | tr ' ' ',')
  local n=$(echo "$set-$face-$cam$tag" | tr '/.' '__')
  nice -n 10 node --import tsx bench/experiments/edges-replay.ts --cache $cache --set $set --faces $face --cameras $cam --only $clips --tag "$tag" --dump $out/$n.jsonl | tail -n +3 >> $out/table.md
}
for d in $(cd $E && find . -name '*.landmarks.json' -type f | xargs -n1 dirname | sort -u); do
  d=${d#./}
  for tag in "" ".own-s6" ".faceMeshRoi-own"; do
    if [ -z "$tag" ]; then clips=$(cd $E/$d && ls *.landmarks.json | grep -v -e '\.own-s6\.' -e '\.faceMeshRoi-own\.' | sed 's/\.landmarks\.json$//' | tr '\n' ' '); else clips=$(cd $E/$d && ls *$tag.landmarks.json 2>/dev/null | sed "s/$tag\.landmarks\.json$//" | tr '\n' ' '); fi
    [ -z "$clips" ] && continue
    IFS=/ read -r set face cam <<< "$d"
    if [ -z "$face" ]; then face=.; cam=.; fi
    run $E $set $face $cam "$tag" $clips
  done
done
run tmp-cache full astronaut webcam-640 .own-s6 range-of-motion-sweep
