#!/usr/bin/env bash
# usage: checkouts.sh BIN OUTDIR
# Runs fix as a user would, inside each repository: every corpus Dockerfile is fixed in a
# checkout of its repository at the indexed commit (CO/OWNER+NAME, cloned from the fetched
# snapshot in MIRROR/OWNER+NAME/repo), with fix's own defaults: the build context is the
# Dockerfile's directory and its parents up to the repository root, and the compose files
# there are read. Records fix -d's exit code, its warnings and a fix-twice idempotence check.
# OUTDIR/results.tsv: id kind fixrc idem nwarn; OUTDIR/diff and OUTDIR/warn per file.
set -u
BIN=$(readlink -f "$1"); OUT=$2
C=${CORPUS:-$(cd "$(dirname "$0")" && pwd)}
CO=${CO:-/work/scratch/co}; MIRROR=${MIRROR:-/work/.mirror}
mkdir -p "$OUT/diff" "$OUT/warn" "$CO"; OUT=$(cd "$OUT" && pwd)
# One checkout per repository. Snapshots may lack large blobs: git checks out the rest.
tail -n +2 "$C/index.tsv" | cut -f2,5 | sort -u | while IFS=$'\t' read -r repo commit; do
  d="$CO/${repo/\//+}"
  [ -d "$d" ] || git clone -q --no-checkout "$MIRROR/${repo/\//+}/repo" "$d"
  (cd "$d" && git checkout -q -f "$commit" 2>/dev/null)
done
printf 'id\tkind\tfixrc\tidem\tnwarn\n' > "$OUT/results.tsv"
tail -n +2 "$C/index.tsv" | while IFS=$'\t' read -r id repo path kind commit; do
  d="$CO/${repo/\//+}"; f=$(echo "$id" | tr '/' '#')
  if [ ! -f "$d/$path" ]; then printf '%s\t%s\tmissing\t-\t0\n' "$id" "$kind" >> "$OUT/results.tsv"; continue; fi
  (cd "$d" && timeout 30 "$BIN" fix -d "$path" > "$OUT/diff/$f" 2> "$OUT/warn/$f"); rc=$?
  idem=-
  if [ $rc = 1 ]; then
    (cd "$d" && "$BIN" fix "$path" 2>/dev/null) > "$OUT/once"
    (cd "$d" && "$BIN" fix --filename "$path" < "$OUT/once" 2>/dev/null) > "$OUT/twice"
    if cmp -s "$OUT/once" "$OUT/twice"; then idem=ok; else idem=DIFF; fi
  fi
  printf '%s\t%s\t%s\t%s\t%s\n' "$id" "$kind" "$rc" "$idem" "$(grep -c 'warning:' "$OUT/warn/$f")" >> "$OUT/results.tsv"
done
rm -f "$OUT/once" "$OUT/twice"
awk -F'\t' 'NR>1 { rc[$3]++; if ($4 == "DIFF") nd++; if ($3 == 0 && $5 > 0) dec++ }
  END { for (k in rc) printf "fix exit %s: %d\n", k, rc[k]; printf "declined (exit 0 with warnings): %d; not idempotent: %d\n", dec, nd + 0 }' "$OUT/results.tsv"
