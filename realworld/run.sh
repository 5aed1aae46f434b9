#!/usr/bin/env bash
# usage: run.sh BIN OUTDIR [ID-FILTER-REGEX]
# Runs BIN fix -d, BIN check --format json and an idempotence check on every corpus file
# (sequentially, niced). Per file in OUTDIR/r/<id>.*: fix.diff fix.err fix.rc check.json check.err
# check.rc idem (ok|DIFF|ERR). OUTDIR/results.tsv: id kind fixrc checkrc idem nwarn.
# If BIN supports --context, passes --context ctx/<id> (the copied build-context scripts).
set -u
BIN=$(readlink -f "$1"); OUT=$2; FILTER=${3:-}
C=${CORPUS:-$(cd "$(dirname "$0")" && pwd)}
mkdir -p "$OUT/r"; OUT=$(cd "$OUT" && pwd)
CTXFLAG=0
if "$BIN" fix --help 2>&1 | grep -q -- '--context'; then CTXFLAG=1; fi
[ "${DH_NO_CONTEXT:-0}" = 1 ] && CTXFLAG=0
T="timeout 30 nice -n 10"
printf 'id\tkind\tfixrc\tcheckrc\tidem\tnwarn\n' > "$OUT/results.tsv"
cd "$C/files"
tail -n +2 "$C/index.tsv" | while IFS=$'\t' read -r id repo path kind commit; do
  [ -n "$FILTER" ] && ! [[ $id =~ $FILTER ]] && continue
  o="$OUT/r/$id"; mkdir -p "$(dirname "$o")"
  ctx=(); [ $CTXFLAG = 1 ] && ctx=(--context "$C/ctx/$id")
  $T "$BIN" fix -j 1 "${ctx[@]}" -d "$id" > "$o.fix.diff" 2> "$o.fix.err"; frc=$?; echo $frc > "$o.fix.rc"
  $T "$BIN" check -j 1 "${ctx[@]}" --format json "$id" > "$o.check.json" 2> "$o.check.err"; crc=$?; echo $crc > "$o.check.rc"
  # idempotence: fix once, then fix the result again via stdin
  if $T "$BIN" fix -j 1 -q "${ctx[@]}" "$id" > "$o.a" 2>/dev/null && \
     $T "$BIN" fix -j 1 -q "${ctx[@]}" --filename "$id" - < "$o.a" > "$o.b" 2> "$o.idem.err"; then
    if cmp -s "$o.a" "$o.b"; then idem=ok; rm -f "$o.a" "$o.b" "$o.idem.err"; else idem=DIFF; diff -u "$o.a" "$o.b" > "$o.idem.diff"; fi
  else idem=ERR; fi
  echo $idem > "$o.idem"
  nw=$(grep -c 'warning:' "$o.fix.err"); 
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "$kind" "$frc" "$crc" "$idem" "$nw" >> "$OUT/results.tsv"
done
R="$OUT/results.tsv"
{
echo "binary: $BIN  (context flag: $CTXFLAG)"
echo "files: $(tail -n +2 "$R" | wc -l)   repos: $(tail -n +2 "$R" | cut -f1 | cut -d/ -f1 | sort -u | wc -l)"
echo "fix -d exit codes (0 unchanged, 1 changed, 2 error):"
tail -n +2 "$R" | awk -F'\t' '{a[$2" rc="$3]++; t["all rc="$3]++} END{for(k in t) print "  "k, t[k]; for(k in a) print "  "k, a[k]}' | sort
echo "declined (rc 0 with warnings): $(tail -n +2 "$R" | awk -F'\t' '$3==0 && $6>0' | wc -l)   unchanged without warnings: $(tail -n +2 "$R" | awk -F'\t' '$3==0 && $6==0' | wc -l)"
echo "check exit codes: $(tail -n +2 "$R" | cut -f4 | sort | uniq -c | awk '{printf "rc=%s:%s ", $2, $1}')"
echo "non-idempotent: $(tail -n +2 "$R" | awk -F'\t' '$5=="DIFF"' | wc -l)   idempotence run failed: $(tail -n +2 "$R" | awk -F'\t' '$5=="ERR"' | wc -l)"
tail -n +2 "$R" | awk -F'\t' '$5!="ok"{print $1"\t"$5}' | while IFS=$'\t' read -r id s; do
  echo "  $s $id: $( { grep -m1 '^[-+][^-+]' "$OUT/r/$id.idem.diff" || head -1 "$OUT/r/$id.idem.err" || head -1 "$OUT/r/$id.fix.err"; } 2>/dev/null)"; done
echo "errors (fix rc not 0/1, or check rc 2 or timeout):"
tail -n +2 "$R" | awk -F'\t' '($3!=0 && $3!=1) || $4>=2 {print $1"\t"$3"\t"$4}' | while IFS=$'\t' read -r id f c; do
  echo "  $id fix=$f check=$c: $(grep -m1 -v 'warning:' "$OUT/r/$id.fix.err" || head -1 "$OUT/r/$id.check.err")"; done
} | tee "$OUT/summary.txt"
