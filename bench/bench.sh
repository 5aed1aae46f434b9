#!/usr/bin/env bash
# Benchmarks for dockerharden, printed in one run (see bench/README.md):
#   (a) go test benchmarks of rewrite.Fix vs a bare buildkit parse, in process;
#   (b) whole-process time of `dockerharden fix FILE` vs bench/parse on the
#       same file (typical file and 1000 lines), and their ratio; with DFC
#       and/or DOCKERFMT set, also vs those peer tools on the same files;
#   (c) files/second over a generated tree of 10,000 Dockerfiles.
#
#   bash bench/bench.sh            # from the repository root; about 2-3 minutes
#
# Knobs (environment): RUNS (per-file timed runs of each command in (b),
# default 200), ROUNDS (rounds (b) splits them into, commands interleaved,
# default 5), WARMUP (warm-up runs per command per round, default 10),
# DFC and DOCKERFMT (paths to peer binaries built from source, see
# bench/README.md; unset: the peer is skipped; nothing is downloaded),
# TREE_N (files in the tree, default 10000), TREE_RUNS (timed runs per tree
# command after one checked run, default 1),
# BENCHTIME (go test -benchtime, default 1s), BENCH (go test -bench regexp
# for (a), default ".").
# Exits non-zero only if something fails to build or run.
set -euo pipefail

# peer_path VALUE: VALUE made absolute (the script changes directory below);
# a bare name is looked up in PATH; empty stays empty.
peer_path() {
	case $1 in
	"") ;;
	/*) printf '%s' "$1" ;;
	*/*) printf '%s' "$PWD/$1" ;;
	*) command -v -- "$1" || printf '%s' "$1" ;;
	esac
}
DFC=$(peer_path "${DFC:-}")
DOCKERFMT=$(peer_path "${DOCKERFMT:-}")

cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS=${RUNS:-200}
ROUNDS=${ROUNDS:-5}
WARMUP=${WARMUP:-10}
TREE_N=${TREE_N:-10000}
TREE_RUNS=${TREE_RUNS:-1}
BENCHTIME=${BENCHTIME:-1s}
BENCH=${BENCH:-.}

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

# Peers (optional): each must be an executable file, and must print its output
# for both bench files with exit 0; one that is unset or not executable is
# skipped with a note. PEERS lists the ones kept, PEER_NOTE the skipped ones.
PEERS='' PEER_NOTE=''
check_peer() { # VAR NAME VERSION-ARGS...
	local var=$1 name=$2 path=${!1} f rc
	shift 2
	if [ -z "$path" ]; then
		PEER_NOTE+="  (peer $name skipped: $var is unset; see bench/README.md to build it)"$'\n'
		printf -v "$var" '%s' ""
		return
	fi
	if [ ! -f "$path" ] || [ ! -x "$path" ]; then
		PEER_NOTE+="  (peer $name skipped: $var=$path is not an executable file)"$'\n'
		printf -v "$var" '%s' ""
		return
	fi
	case $path in *[[:space:]]*) die "$var=$path: a path with blanks is not supported" ;; esac
	for f in small lines-1000; do
		rc=0
		"$path" "$TMP/$f.Dockerfile" >"$TMP/peer.out" 2>"$TMP/peer.err" || rc=$?
		if [ "$rc" != 0 ] || [ ! -s "$TMP/peer.out" ]; then
			head -5 "$TMP/peer.err" >&2
			die "$name $f.Dockerfile: exit $rc, $(wc -l <"$TMP/peer.out") lines on stdout (want exit 0 and output)"
		fi
	done
	PEERS+=" $name"
	echo "peer $name: $path ($("$path" "$@" 2>&1 | head -1))"
}
check_peer DFC dfc --version
check_peer DOCKERFMT dockerfmt version
[ -z "$PEER_NOTE" ] || printf '%s' "$PEER_NOTE"

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
		SD='' MED=$MEAN MIN=$MEAN
	fi
}

ms() { awk -v s="$1" 'BEGIN {printf "%.2f", s*1000}'; }

case $ROUNDS in '' | *[!0-9]* | 0*) die "ROUNDS=$ROUNDS: want a positive integer" ;; esac
ROUND_RUNS=$(((RUNS + ROUNDS - 1) / ROUNDS))
[ "$ROUND_RUNS" -ge 2 ] || ROUND_RUNS=2

# --- (a) in-process ----------------------------------------------------------
section "(a) in process: go test -run '^\$' -bench '$BENCH' -benchmem -benchtime $BENCHTIME ./rewrite"
go test -run '^$' -bench "$BENCH" -benchmem -benchtime "$BENCHTIME" ./rewrite | tee "$TMP/gotest.out" ||
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
# Each file gets ROUNDS rounds; a round times every command once with the same
# hyperfine settings (WARMUP warm-up runs, then RUNS/ROUNDS timed runs), in an
# order rotated by one each round, so that load drift during the section hits
# every command alike. Per-round results go to $TMP/b.tsv; the rows aggregate
# them and the ratio lines take the median of the per-round ratios.
section "(b) whole process: dockerharden fix FILE vs bench/parse FILE${PEERS:+ and$PEERS} ($ROUNDS round(s) x $ROUND_RUNS runs each, $WARMUP warmup per round, interleaved)"
row() { # LABEL COMMAND-NAME
	printf '  %-11s %-26s %8s %16s %8s %8s\n' "$1" "$2" "$(ms "$MED")" "$(ms "$MEAN")${SD:+ ± $(ms "$SD")}" "$(ms "$MIN")" "$(ms "$(awk -v u="$USR" -v s="$SYS" 'BEGIN {print u + s}')")"
}
printf '  %-11s %-26s %8s %16s %8s %8s\n' "file" "command" "median" "mean ± sd" "min" "cpu" "" "" "(ms)" "(ms)" "(ms)" "(u+s ms)"
measure 20 "$RUNS" "$DH" --version
row "-" "dockerharden --version"
: >"$TMP/b.tsv"
for f in small lines-1000; do
	file=$TMP/$f.Dockerfile
	names=(fix parse)
	cmds=("$DH fix $file" "$PARSE $file")
	[ -n "$DFC" ] && names+=(dfc) cmds+=("$DFC $file")
	[ -n "$DOCKERFMT" ] && names+=(dockerfmt) cmds+=("$DOCKERFMT $file")
	n=${#names[@]}
	for ((r = 0; r < ROUNDS; r++)); do
		for ((k = 0; k < n; k++)); do
			i=$(((r + k) % n))
			# word splitting of the command is intended: paths come from mktemp
			# and from DFC/DOCKERFMT, which must not contain blanks (checked above).
			# shellcheck disable=SC2086
			measure "$WARMUP" "$ROUND_RUNS" ${cmds[i]}
			printf '%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$f" "$r" "${names[i]}" "$MEAN" "${SD:-0}" "$MED" "$MIN" "$USR" "$SYS" >>"$TMP/b.tsv"
		done
	done
	awk -F'\t' -v file="$f" -v runs="$ROUND_RUNS" -v order="${names[*]}" -v hassd="$HYPERFINE" '
		function median(a, m,   i, j, t, b) { # a[1..m], sorted copy
			for (i = 1; i <= m; i++) b[i] = a[i]
			for (i = 2; i <= m; i++) { t = b[i]; for (j = i - 1; j >= 1 && b[j] > t; j--) b[j + 1] = b[j]; b[j + 1] = t }
			return (m % 2) ? b[(m + 1) / 2] : (b[m / 2] + b[m / 2 + 1]) / 2
		}
		function ms(s) { return sprintf("%.2f", s * 1000) }
		$1 == file {
			c = $3; r = $2 + 1; if (r > R) R = r
			mean[c, r] = $4; sd[c, r] = $5; med[c, r] = $6; mn[c, r] = $7; cpu[c, r] = $8 + $9
		}
		END {
			nc = split(order, cmd, " ")
			label["fix"] = "dockerharden fix FILE"; label["parse"] = "parse FILE (bare)"
			label["dfc"] = "dfc FILE (peer)"; label["dockerfmt"] = "dockerfmt FILE (peer)"
			for (k = 1; k <= nc; k++) {
				c = cmd[k]; sm = 0; ss = 0; sc = 0; lo = ""
				for (r = 1; r <= R; r++) {
					m[r] = med[c, r]; sm += mean[c, r]; sc += cpu[c, r]
					ss += sd[c, r] ^ 2 * (runs - 1) + mean[c, r] ^ 2 * runs
					if (lo == "" || mn[c, r] < lo) lo = mn[c, r]
				}
				MED[c] = median(m, R); MEAN[c] = sm / R; MIN[c] = lo; CPU[c] = sc / R
				v = (ss - MEAN[c] ^ 2 * runs * R) / (runs * R - 1); SDV = (v > 0) ? sqrt(v) : 0
				printf "  %-11s %-26s %8s %16s %8s %8s\n", (k == 1 ? file : ""), label[c], ms(MED[c]),
					ms(MEAN[c]) (hassd == "" ? "" : " ± " ms(SDV)), ms(MIN[c]), ms(CPU[c])
			}
			for (k = 2; k <= nc; k++) {
				# The goals: at or below every peer on both files, within
				# 1.5x of the bare parse on the small one (a long file is
				# mostly the rules work, which a bare parse does not do).
				c = cmd[k]; goal = (c == "parse") ? 1.5 : 1.0
				for (r = 1; r <= R; r++) { q[r] = med["fix", r] / med[c, r]; p[r] = cpu["fix", r] / cpu[c, r] }
				x = median(q, R)
				verdict = (c == "parse" && file != "small") ? "no goal" : sprintf("goal <= %.2fx (median): %s", goal, (x <= goal ? "met" : "NOT met"))
				printf "  %-11s fix/%s: median %.2fx (%+.2f ms), mean %.2fx, min %.2fx, cpu %.2fx; %s\n",
					file, c, x, (MED["fix"] - MED[c]) * 1000, MEAN["fix"] / MEAN[c], MIN["fix"] / MIN[c],
					median(p, R), verdict
			}
		}' "$TMP/b.tsv"
done
if [ "$ROUNDS" -gt 1 ]; then
	echo "  (median: median of the $ROUNDS round medians; mean ± sd: over all runs; min: lowest run; cpu: mean user+system;"
	echo "   ratio lines: median over rounds of the per-round ratio for median and cpu, ratio of the aggregates for mean and min)"
fi
[ -z "$PEER_NOTE" ] || printf '%s' "$PEER_NOTE"

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
