#!/usr/bin/env bash
# mkbatches.sh BIN N BATCHES : sample N corpus ids (stratified) and lay out review batches
set -eu
BIN=$1; N=$2; B=$3
C=${CORPUS:-/work/scratch/corpus}; R=${REVIEW:-/work/scratch/review}
rm -rf "$R"; mkdir -p "$R"
bash "$(dirname "$0")/sample.sh" "$N" "${RESULTS:-/work/scratch/out-new}" 7 3 2>/dev/null | awk -F'\t' 'NF>=2 && $1 !~ /^id$/ {print $1}' > "$R/ids.txt"
i=0
while read -r id; do
  b=$(( i % B + 1 )); n=$(printf '%03d' $((i+1)))
  d="$R/batch$b"; mkdir -p "$d"
  repo=$(awk -F'\t' -v id="$id" '$1==id {print $2" "$3" ("$4")"}' $C/index.tsv)
  printf '%s\n# repo/path: %s\n# build context (files next to the Dockerfile): %s/ctx/%s/\n' "$C/files/$id" "$repo" "$C" "$id" > "$d/$n.src"
  ( cd $C/files && "$BIN" fix -d --context "$C/ctx/$id" "$id" > "$d/$n.diff" 2> "$d/$n.warn" ) || true
  i=$((i+1))
done < "$R/ids.txt"
echo "$i items in $B batches under $R"
