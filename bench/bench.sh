#!/usr/bin/env bash
# Benchmarks for dockerharden, printed in one run (see bench/README.md):
#   (a) go test benchmarks of rewrite.Fix vs a bare buildkit parse, in process;
#   (b) whole-process time of `dockerharden fix FILE` vs bench/parse on the
#       same file (typical file and 1000 lines), and their ratio;
#   (c) files/second over a generated tree of 10,000 Dockerfiles.
#
#   bash bench/bench.sh            # from the repository root; about 2-3 minutes
#
# Knobs (environment): RUNS (per-file runs, default 200), TREE_N (files in the
# tree, default 10000), TREE_RUNS (timed runs per tree command after one
# checked run, default 1),
# BENCHTIME (go test -benchtime, default 1s).
# Exits non-zero only if something fails to build or run.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS=${RUNS:-200}
TREE_N=${TREE_N:-10000}
TREE_RUNS=${TREE_RUNS:-1}
BENCHTIME=${BENCHTIME:-1s}

TMP=$(mktemp -d "${TMPDIR:-/tmp}/dhbench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
SECONDS=0

die() { echo "bench.sh: $*" >&2; exit 1; }
section() { printf '\n== %s\n' "$*"; }

# --- machine -----------------------------------------------------------------
section "machine"
echo "date:     $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "nproc:    $(nproc)"
echo "cpu:      $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "memory:   $(awk '/^MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
echo "kernel:   $(uname -sr)"
echo "go:       $(go version)"
echo "commit:   $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- 2>/dev/null || echo ' (+ uncommitted changes)')"
echo "loadavg:  $(cut -d' ' -f1-3 /proc/loadavg) (at start; a busy machine inflates wall-clock times)"

# --- build -------------------------------------------------------------------
section "build"
go build -o "$TMP/dockerharden" ./cmd/dockerharden || die "go build ./cmd/dockerharden failed"
go build -o "$TMP/parse" ./bench/parse || die "go build ./bench/parse failed"
go build -o "$TMP/gentree" ./bench/gentree || die "go build ./bench/gentree failed"
DH=$TMP/dockerharden
PARSE=$TMP/parse
echo "built dockerharden ($(du -k "$DH" | cut -f1) KiB), parse ($(du -k "$PARSE" | cut -f1) KiB), gentree into $TMP"

cp bench/testdata/small.Dockerfile "$TMP/small.Dockerfile"
cp bench/testdata/lines-1000.Dockerfile "$TMP/lines-1000.Dockerfile"
for f in small lines-1000; do
	"$PARSE" "$TMP/$f.Dockerfile" || die "parse $f.Dockerfile failed"
	rc=0
	"$DH" fix -l "$TMP/$f.Dockerfile" >/dev/null || rc=$?
	[ "$rc" = 1 ] || die "dockerharden fix -l $f.Dockerfile: exit $rc, want 1 (the file gets hardened)"
done

# --- timing helper -------------------------------------------------------------
HYPERFINE=
if command -v hyperfine >/dev/null 2>&1; then
	HYPERFINE=hyperfine
elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "installing hyperfine (apt-get install -y hyperfine) ..."
	if DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >"$TMP/apt.log" 2>&1 ||
		{ apt-get update -qq >>"$TMP/apt.log" 2>&1 &&
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >>"$TMP/apt.log" 2>&1; }; then
		HYPERFINE=hyperfine
	else
		echo "could not install hyperfine; falling back to a bash time loop"
	fi
fi
if [ -n "$HYPERFINE" ]; then
	echo "timer: $(hyperfine --version)"
else
	echo "timer: bash time over a loop (no hyperfine)"
fi

# measure WARMUP RUNS CMD... : sets MEAN SD MED MIN USR SYS, in seconds (without
# hyperfine only the mean is known: SD is "", MED and MIN are the mean).
# Exit codes are ignored here: callers check them beforehand.
measure() {
	local warmup=$1 runs=$2
	shift 2
	if [ -n "$HYPERFINE" ]; then
		hyperfine -N -i --style none --output=null --warmup "$warmup" --runs "$runs" \
			--export-csv "$TMP/m.csv" "$*" >/dev/null 2>"$TMP/m.err" ||
			{ cat "$TMP/m.err" >&2; die "hyperfine failed on: $*"; }
		# command,mean,stddev,median,user,system,min,max
		read -r MEAN SD MED USR SYS MIN < <(awk -F, 'NR==2 {print $(NF-6), $(NF-5), $(NF-4), $(NF-3), $(NF-2), $(NF-1)}' "$TMP/m.csv")
	else
		local i t
		for ((i = 0; i < warmup; i++)); do "$@" >/dev/null 2>&1 || true; done
		t=$( { TIMEFORMAT='%R %U %S'; time (for ((i = 0; i < runs; i++)); do "$@" >/dev/null 2>&1 || true; done); } 2>&1)
		read -r MEAN USR SYS < <(echo "$t" | awk -v n="$runs" '{printf "%.9f %.9f %.9f\n", $1/n, $2/n, $3/n}')
		SD= MED=$MEAN MIN=$MEAN
	fi
}

ms() { awk -v s="$1" 'BEGIN {printf "%.2f", s*1000}'; }

# --- (a) in-process ----------------------------------------------------------
section "(a) in process: go test -run '^\$' -bench . -benchmem -benchtime $BENCHTIME ./rewrite"
go test -run '^$' -bench . -benchmem -benchtime "$BENCHTIME" ./rewrite | tee "$TMP/gotest.out" ||
	die "go test -bench failed"
small_lines=$(wc -l <bench/testdata/small.Dockerfile)
echo
echo "per line and Fix/Parse (Fix includes its verification pass: re-parse and re-run of the output):"
awk -v small="$small_lines" '
	/^Benchmark(Fix|Parse)\// {
		split($1, a, "/"); kind = substr(a[1], 10); size = a[2]; sub(/-[0-9]+$/, "", size)
		ns[kind, size] = $3; seen[size] = 1
		if (!(size in order)) { order[size] = ++n; names[n] = size }
	}
	END {
		printf "  %-14s %12s %12s %14s %14s %9s\n", "input", "lines", "Fix ns/op", "Fix ns/line", "Parse ns/line", "Fix/Parse"
		for (i = 1; i <= n; i++) {
			s = names[i]; l = (s == "small") ? small : substr(s, 7) + 0
			printf "  %-14s %12d %12.0f %14.0f %14.0f %8.2fx\n", s, l, ns["Fix", s], ns["Fix", s]/l, ns["Parse", s]/l, ns["Fix", s]/ns["Parse", s]
		}
	}' "$TMP/gotest.out"

# --- (b) whole process ---------------------------------------------------------
section "(b) whole process: dockerharden fix FILE vs bench/parse FILE ($RUNS runs each, 20 warmup)"
row() { # LABEL COMMAND-NAME
	printf '  %-11s %-26s %8s %16s %8s %8s\n' "$1" "$2" "$(ms "$MED")" "$(ms "$MEAN")${SD:+ ± $(ms "$SD")}" "$(ms "$MIN")" "$(ms "$(awk -v u="$USR" -v s="$SYS" 'BEGIN {print u + s}')")"
}
printf '  %-11s %-26s %8s %16s %8s %8s\n' "file" "command" "median" "mean ± sd" "min" "cpu" "" "" "(ms)" "(ms)" "(ms)" "(u+s ms)"
measure 20 "$RUNS" "$DH" --version
row "-" "dockerharden --version"
for f in small lines-1000; do
	file=$TMP/$f.Dockerfile
	measure 20 "$RUNS" "$DH" fix "$file"
	row "$f" "dockerharden fix FILE"
	fmed=$MED fmean=$MEAN fmin=$MIN fcpu=$(awk -v u="$USR" -v s="$SYS" 'BEGIN {print u + s}')
	measure 20 "$RUNS" "$PARSE" "$file"
	row "" "parse FILE (bare)"
	awk -v fmed="$fmed" -v fmean="$fmean" -v fmin="$fmin" -v fcpu="$fcpu" \
		-v pmed="$MED" -v pmean="$MEAN" -v pmin="$MIN" -v pcpu="$USR $SYS" -v n="$f" 'BEGIN {
		split(pcpu, c, " "); pc = c[1] + c[2]; r = fmed / pmed
		printf "  %-11s fix/parse: median %.2fx (+%.2f ms), mean %.2fx, min %.2fx, cpu %.2fx; goal <= 1.50x (median): %s\n",
			n, r, (fmed - pmed) * 1000, fmean / pmean, fmin / pmin, fcpu / pc, (r <= 1.5 ? "met" : "NOT met")
	}'
done

# --- (c) tree throughput -----------------------------------------------------------
section "(c) throughput over a generated tree: gentree -n $TREE_N -seed 1"
"$TMP/gentree" -n "$TREE_N" -seed 1 "$TMP/tree" || die "gentree failed"
TREE=$TMP/tree
nfiles=$(find "$TREE" -type f | wc -l)

# tree_run LABEL CMD... : one checked run (must exit 0 or 1), then timed runs.
tree_run() {
	local label=$1 rc=0
	shift
	"$@" >"$TMP/tree.out" 2>"$TMP/tree.err" || rc=$?
	if [ "$rc" != 0 ] && [ "$rc" != 1 ]; then
		grep -v ': warning: ' "$TMP/tree.err" | head -5 >&2
		die "$label: exit $rc (want 0 or 1)"
	fi
	local errors warnings
	errors=$(grep -c -v ': warning: ' "$TMP/tree.err" || true)
	warnings=$(grep -c ': warning: ' "$TMP/tree.err" || true)
	measure 0 "$TREE_RUNS" "$@"
	awk -v l="$label" -v n="$nfiles" -v m="$MEAN" -v sd="$([ "$TREE_RUNS" -gt 1 ] && echo "$SD")" -v u="$USR" -v s="$SYS" -v rc="$rc" \
		-v out="$(wc -l <"$TMP/tree.out")" -v w="$warnings" -v e="$errors" 'BEGIN {
		printf "  %-26s %9.0f %13s %7.2f %11.0f %5d %9d %9d %7d\n",
			l, n / m, sprintf("%.2f", m) (sd == "" ? "" : sprintf(" ± %.2f", sd)), u + s, n / (u + s), rc, out, w, e
	}'
}

echo "  $nfiles files, $(du -sk "$TREE" | cut -f1) KiB on disk; $TREE_RUNS timed run(s) per command after one checked run"
printf '  %-26s %9s %13s %7s %11s %5s %9s %9s %7s\n' "command" "files/s" "wall s" "cpu s" "files/cpu-s" "exit" "stdout" "warnings" "errors"
tree_run "fix -l -j 1" "$DH" fix -l -j 1 "$TREE"
tree_run "fix -l -j 2" "$DH" fix -l -j 2 "$TREE"
if "$DH" check --help >/dev/null 2>&1; then
	tree_run "check --format json -j 1" "$DH" check --format json -j 1 "$TREE"
	tree_run "check --format json -j 2" "$DH" check --format json -j 2 "$TREE"
else
	echo "  (dockerharden check --help fails: check not available, skipped)"
fi

section "done in ${SECONDS}s; loadavg now $(cut -d' ' -f1-3 /proc/loadavg)"
