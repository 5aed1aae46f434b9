package rewrite

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dockerharden/dockerharden/dockerfile"
)

// Large inputs: a 100,000-line Dockerfile and a ~10 MiB one are hardened
// (and diffed) correctly, with memory bounded by a small multiple of the
// input. Times and memory are logged, never asserted. Skipped with -short.

// largeDockerfile returns a valid Dockerfile of exactly lines lines whose
// final stage needs hardening: a builder stage, then a debian stage with
// RUN, COPY (each gets --chown), ENV, LABEL, comments and continuation
// lines, all distinct. pad lengthens every RUN line by that many bytes.
func largeDockerfile(lines, pad int) []byte {
	var b bytes.Buffer
	b.Grow(lines * (40 + pad))
	n := 0
	line := func(format string, a ...any) {
		fmt.Fprintf(&b, format, a...)
		b.WriteByte('\n')
		n++
	}
	filler := strings.Repeat("x", pad)
	line("# syntax=docker/dockerfile:1")
	line("FROM golang:1.26 AS build")
	line("WORKDIR /src")
	line("COPY . .")
	line("RUN go build -o /out/server ./cmd/server")
	line("")
	line("FROM debian:bookworm-slim")
	line("RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*")
	line("WORKDIR /srv")
	const trailer = 3
	for i := 0; n < lines-trailer; i++ {
		switch left := lines - trailer - n; {
		case i%8 == 0 && left >= 3:
			line("RUN set -eux; \\")
			line("    echo step %d %s > /tmp/step-%d; \\", i, filler, i)
			line("    test -s /tmp/step-%d", i)
		case i%8 == 1:
			line("# step %d copies its own file", i)
		case i%8 == 2, i%8 == 5:
			line("COPY assets/file-%d.txt /srv/assets/file-%d.txt", i, i)
		case i%8 == 3:
			line("ENV STEP_%d=value-%d", i, i)
		case i%8 == 4:
			line("LABEL org.example.step-%d=\"%d %s\"", i, i, filler)
		case i%8 == 6:
			line("")
		default:
			line("RUN echo %d %s >> /tmp/log", i, filler)
		}
	}
	line("COPY --from=build /out/server /usr/local/bin/server")
	line("EXPOSE 8080")
	line(`CMD ["server"]`)
	return b.Bytes()
}

// sizedDockerfile is largeDockerfile with lines lines and at least size
// bytes (a little more).
func sizedDockerfile(lines, size int) []byte {
	s0 := len(largeDockerfile(lines, 0))
	perPad := len(largeDockerfile(lines, 1)) - s0 // lines that carry the padding
	return largeDockerfile(lines, max(0, (size-s0+perPad-1)/perPad))
}

// measureLarge runs fn and reports its wall time, the bytes it allocated, and
// the peak of live heap above what was live before it started (sampled
// every millisecond without stopping the world).
func measureLarge(fn func()) (elapsed time.Duration, allocated, peak uint64) {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	base := read()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var max uint64
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			if v := read(); v > max {
				max = v
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	start := time.Now()
	fn()
	elapsed = time.Since(start)
	if v := read(); v > max {
		max = v
	}
	close(stop)
	wg.Wait()
	runtime.ReadMemStats(&after)
	if max > base {
		peak = max - base
	}
	return elapsed, after.TotalAlloc - before.TotalAlloc, peak
}

const largeMiB = 1 << 20

// memoryFactor bounds the peak live heap of Fix as a multiple of the input.
const memoryFactor = 40

func TestLargeInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs: skipped with -short")
	}
	t.Run("100k-lines", func(t *testing.T) {
		src := largeDockerfile(100_000, 0)
		res := fixLarge(t, src, 100_000)
		checkLargeDiff(t, src, res.Output)
	})
	t.Run("10MiB", func(t *testing.T) {
		src := sizedDockerfile(50_000, 10*largeMiB)
		fixLarge(t, src, 50_000)
	})
	t.Run("over-dockerfile.MaxSize", func(t *testing.T) {
		// An input over dockerfile.MaxSize is a clear error, before any parsing.
		src := sizedDockerfile(50_000, dockerfile.MaxSize+1)
		if len(src) <= dockerfile.MaxSize {
			t.Fatalf("generated %d bytes, want over %d", len(src), dockerfile.MaxSize)
		}
		var err error
		elapsed, alloc, _ := measureLarge(func() { _, err = Fix("Dockerfile", src, DefaultOptions()) })
		want := "Dockerfile: file too large (" + strconv.Itoa(len(src)) + " bytes; the limit is 16 MiB)"
		if err == nil || err.Error() != want {
			t.Errorf("Fix: %v, want %q", err, want)
		}
		t.Logf("%.1f MiB refused in %v, allocating %d bytes", float64(len(src))/largeMiB, elapsed, alloc)
	})
}

// fixLarge hardens src, checks the result and logs time and memory.
func fixLarge(t *testing.T, src []byte, lines int) *Result {
	t.Helper()
	if got := bytes.Count(src, []byte("\n")); got != lines {
		t.Fatalf("generated %d lines, want %d", got, lines)
	}
	if len(src) > dockerfile.MaxSize {
		t.Fatalf("generated %d bytes, over dockerfile.MaxSize", len(src))
	}
	orig := bytes.Clone(src)
	var res *Result
	var err error
	elapsed, alloc, peak := measureLarge(func() { res, err = Fix("Dockerfile", src, DefaultOptions()) })
	if err != nil {
		t.Fatalf("Fix: %v", err)
	}
	t.Logf("Fix: %d lines, %.1f MiB in %v; allocated %.0f MiB (%.0fx input), peak live heap +%.0f MiB (%.1fx input)",
		lines, float64(len(src))/largeMiB, elapsed.Round(time.Millisecond),
		float64(alloc)/largeMiB, float64(alloc)/float64(len(src)), float64(peak)/largeMiB, float64(peak)/float64(len(src)))
	if peak > memoryFactor*uint64(len(src)) {
		t.Errorf("peak live heap %d bytes is over %dx the input (%d bytes)", peak, memoryFactor, len(src))
	}
	if !bytes.Equal(src, orig) {
		t.Fatal("Fix modified its input")
	}
	checkLargeOutput(t, src, res)
	return res
}

// checkLargeOutput checks the hardened file: every COPY into the app's
// directory got --chown and the binary copied to /usr/local/bin did not, a USER comes before CMD, and apart from the few lines added
// the file is unchanged, in order.
func checkLargeOutput(t *testing.T, src []byte, res *Result) {
	t.Helper()
	if !res.Changed {
		t.Fatal("nothing changed")
	}
	in, out := strings.SplitAfter(string(src), "\n"), strings.SplitAfter(string(res.Output), "\n")
	const chown = "--chown=10001:10001 "
	j := 0
	for i, l := range in {
		// Skip lines the rewrite inserted.
		for j < len(out) && out[j] != l && out[j] != strings.Replace(l, "COPY ", "COPY "+chown, 1) {
			j++
		}
		if j == len(out) {
			t.Fatalf("input line %d %q is missing from the output", i+1, l)
		}
		j++
	}
	copies, chowned := 0, 0
	stage := 0
	for _, l := range out {
		if strings.HasPrefix(l, "FROM ") {
			stage++
		}
		if stage == 2 && strings.HasPrefix(l, "COPY ") {
			inApp := strings.Contains(l, " /srv/") // into the WORKDIR, /srv; the server binary goes to /usr/local/bin
			if inApp {
				copies++
			}
			if strings.HasPrefix(l, "COPY "+chown) {
				chowned++
				if !inApp {
					t.Errorf("code copied to an OS directory got --chown: %q", l)
				}
			}
		}
	}
	if copies == 0 || chowned != copies {
		t.Errorf("%d of %d COPY lines into the app's directory got --chown", chowned, copies)
	}
	if n := len(out) - len(in); n < 2 || n > 10 {
		t.Errorf("%d lines added, want a few", n)
	}
	if !bytes.Contains(res.Output, []byte("\nUSER 10001:10001\nCMD [\"server\"]\n")) {
		t.Error("no USER before CMD")
	}
}

// checkLargeDiff: the diff of a large file against its hardened version is
// a correct unified diff: applying it to the input gives the output, with
// the strict applier below and with git apply when git is installed.
//
// It need not be minimal: go-diff gives up after its DiffTimeout (1 s) and
// then replaces the rest of the file wholesale. Whether and where that
// happens depends on the machine's speed, so it is logged, not asserted.
func checkLargeDiff(t *testing.T, src, out []byte) {
	var patch []byte
	elapsed, alloc, peak := measureLarge(func() { patch = dockerfile.Diff("Dockerfile", src, out) })
	hunks := bytes.Count(patch, []byte("\n@@ "))
	minus, plus := 0, 0
	for _, l := range strings.Split(string(patch), "\n") {
		switch {
		case strings.HasPrefix(l, "-") && !strings.HasPrefix(l, "--- "):
			minus++
		case strings.HasPrefix(l, "+") && !strings.HasPrefix(l, "+++ "):
			plus++
		}
	}
	changed := bytes.Count(src, []byte("\nCOPY ")) - 1 // final-stage COPY lines
	t.Logf("Diff: %v, allocated %.0f MiB, peak live heap +%.0f MiB; %.1f MiB, %d hunks, -%d +%d lines (minimal: -%d)",
		elapsed.Round(time.Millisecond), float64(alloc)/largeMiB, float64(peak)/largeMiB, float64(len(patch))/largeMiB, hunks, minus, plus, changed)
	got, err := applyUnified(src, patch)
	if err != nil {
		t.Fatalf("the diff does not apply: %v", err)
	}
	if !bytes.Equal(got, out) {
		t.Fatal("applying the diff does not give the hardened file")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Log("git not installed: git apply not checked")
		return
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "Dockerfile"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "fix.patch"), patch, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("git", "apply", "fix.patch")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git apply: %v\n%s", err, out)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "Dockerfile")); !bytes.Equal(b, out) {
		t.Fatal("git apply does not give the hardened file")
	}
}

// applyUnified applies a single-file unified diff strictly: every context
// and removed line must match where the hunk header says.
func applyUnified(src, patch []byte) ([]byte, error) {
	in := strings.SplitAfter(string(src), "\n")
	if len(in) > 0 && in[len(in)-1] == "" {
		in = in[:len(in)-1]
	}
	lines := strings.SplitAfter(string(patch), "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "--- a/") || !strings.HasPrefix(lines[1], "+++ b/") {
		return nil, fmt.Errorf("no file header")
	}
	var out []string
	pos := 0 // next input line (0-based) not yet copied
	for k := 2; k < len(lines) && lines[k] != ""; {
		var os, oc, ns, nc int
		h := lines[k]
		if _, err := fmt.Sscanf(h, "@@ -%s +%s @@", new(string), new(string)); err != nil {
			return nil, fmt.Errorf("line %d: bad hunk header %q", k+1, h)
		}
		f := strings.Fields(h)
		os, oc = hunkNums(f[1][1:])
		ns, nc = hunkNums(f[2][1:])
		start := os - 1
		if oc == 0 {
			start = os
		}
		if start < pos || start > len(in) {
			return nil, fmt.Errorf("line %d: hunk %q out of order", k+1, strings.TrimSpace(h))
		}
		if got := len(out) + (start - pos); (nc == 0 && got != ns) || (nc > 0 && got != ns-1) {
			return nil, fmt.Errorf("line %d: hunk %q: new start %d, but the output is at line %d", k+1, strings.TrimSpace(h), ns, got+1)
		}
		out = append(out, in[pos:start]...)
		pos = start
		k++
		seenOld, seenNew := 0, 0
		for k < len(lines) && lines[k] != "" && !strings.HasPrefix(lines[k], "@@ ") {
			l := lines[k]
			k++
			text := l[1:]
			if k < len(lines) && strings.HasPrefix(lines[k], `\ No newline at end of file`) {
				text = strings.TrimSuffix(text, "\n")
				k++
			}
			switch l[0] {
			case ' ', '-':
				if pos >= len(in) || in[pos] != text {
					return nil, fmt.Errorf("line %d: %q does not match input line %d", k, l, pos+1)
				}
				pos++
				seenOld++
				if l[0] == ' ' {
					out = append(out, text)
					seenNew++
				}
			case '+':
				out = append(out, text)
				seenNew++
			default:
				return nil, fmt.Errorf("line %d: bad diff line %q", k, l)
			}
		}
		if seenOld != oc || seenNew != nc {
			return nil, fmt.Errorf("hunk %q has -%d +%d lines", strings.TrimSpace(h), seenOld, seenNew)
		}
	}
	out = append(out, in[pos:]...)
	return []byte(strings.Join(out, "")), nil
}

// hunkNums parses "start,count" or "start" (count 1).
func hunkNums(s string) (start, count int) {
	a, b, ok := strings.Cut(s, ",")
	start, _ = strconv.Atoi(a)
	count = 1
	if ok {
		count, _ = strconv.Atoi(b)
	}
	return start, count
}
