package rewrite_test

// Benchmarks for Fix against a bare buildkit parse of the same input. The
// small and 1000-line inputs live in ../bench/testdata, where bench/bench.sh
// also times the CLI on them; the 100000-line input is generated here.
//
//	go test -run '^$' -bench . -benchmem ./rewrite
//	go test -run '^$' -bench 'Fix/lines-100000' -benchtime 3x ./rewrite
//
// lines-1000.Dockerfile is genLines(1000); after changing genLines run
//
//	go test ./rewrite -run TestBenchInputs -benchgen

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/dockerharden/dockerharden/rewrite"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

var benchgen = flag.Bool("benchgen", false, "rewrite ../bench/testdata/lines-1000.Dockerfile from genLines(1000)")

const benchData = "../bench/testdata"

type benchInput struct {
	name string
	src  []byte
}

var (
	benchOnce   sync.Once
	benchInputs []benchInput
	benchErr    error
)

// loadBenchInputs returns small, lines-1000 and lines-100000, in that order.
func loadBenchInputs(tb testing.TB) []benchInput {
	tb.Helper()
	benchOnce.Do(func() {
		for _, f := range []string{"small", "lines-1000"} {
			src, err := os.ReadFile(filepath.Join(benchData, f+".Dockerfile"))
			if err != nil {
				benchErr = err
				return
			}
			benchInputs = append(benchInputs, benchInput{f, src})
		}
		benchInputs = append(benchInputs, benchInput{"lines-100000", genLines(100000)})
	})
	if benchErr != nil {
		tb.Fatal(benchErr)
	}
	return benchInputs
}

// genLines returns a valid Dockerfile of exactly n lines (n >= 40) that Fix
// hardens: a golang builder stage (about a tenth of the file) and a
// debian-slim final stage made of repeating blocks of comments, ENV, COPY,
// ADD, WORKDIR and RUN instructions (some with continuation lines and
// package installs), ending in EXPOSE/HEALTHCHECK/CMD. It is deterministic:
// the same n always gives the same bytes.
func genLines(n int) []byte {
	if n < 40 {
		panic("genLines: n must be at least 40")
	}
	var b bytes.Buffer
	lines := 0
	emit := func(ls ...string) {
		for _, l := range ls {
			b.WriteString(l)
			b.WriteByte('\n')
		}
		lines += len(ls)
	}
	// fill emits units from next until the file has budget lines; a unit
	// that does not fit is replaced by comment lines.
	fill := func(budget int, next func(i int) []string) {
		for i := 0; lines < budget; i++ {
			u := next(i)
			if lines+len(u) > budget {
				for lines < budget {
					emit(fmt.Sprintf("# padding %d", lines))
				}
				return
			}
			emit(u...)
		}
	}

	emit(
		"# syntax=docker/dockerfile:1",
		fmt.Sprintf("# Generated benchmark input: %d lines, builder stage plus debian final stage.", n),
		"ARG GO_VERSION=1.22",
		"",
		"FROM golang:${GO_VERSION}-bookworm AS build",
		"WORKDIR /src",
		"COPY go.mod go.sum ./",
		"RUN go mod download",
	)
	fill(n/10, func(i int) []string {
		switch i % 4 {
		case 0:
			return []string{fmt.Sprintf("# build component %d", i)}
		case 1:
			return []string{fmt.Sprintf("COPY pkg/c%d/ ./pkg/c%d/", i, i)}
		case 2:
			return []string{fmt.Sprintf("ENV CGO_ENABLED=0 COMPONENT_%d=on", i)}
		default:
			return []string{
				fmt.Sprintf("RUN go build -trimpath -o /out/c%d ./pkg/c%d \\", i, i),
				fmt.Sprintf("    && go vet ./pkg/c%d", i),
			}
		}
	})
	emit(
		"",
		"FROM debian:bookworm-slim",
		`LABEL org.opencontainers.image.source="https://example.com/acme/big"`,
		"ENV LANG=C.UTF-8 APP_HOME=/srv/app",
		"RUN apt-get update \\",
		" && apt-get install -y --no-install-recommends ca-certificates curl \\",
		" && rm -rf /var/lib/apt/lists/*",
		"WORKDIR /srv/app",
		"VOLUME /srv/app/data",
	)
	const tail = 6
	fill(n-tail, func(i int) []string {
		switch i % 10 {
		case 0:
			return []string{"", fmt.Sprintf("# module %d: configuration, files and setup", i)}
		case 1:
			return []string{fmt.Sprintf("ENV MODULE_%d_ENABLED=true MODULE_%d_PATH=/srv/app/m%d", i, i, i)}
		case 2:
			return []string{fmt.Sprintf("COPY --from=build /out/c%d /usr/local/bin/c%d", i%97, i)}
		case 3:
			return []string{fmt.Sprintf("COPY conf/m%d.yaml /etc/app/m%d.yaml", i, i)}
		case 4:
			return []string{fmt.Sprintf("RUN ln -s /usr/local/bin/c%d /usr/local/bin/module-%d", i, i)}
		case 5:
			return []string{
				"RUN set -eux; \\",
				fmt.Sprintf("    mkdir -p /opt/m%d; \\", i),
				fmt.Sprintf("    echo 'module %d' > /opt/m%d/README", i, i),
			}
		case 6:
			return []string{fmt.Sprintf("ADD static/m%d.tar.gz /srv/app/static/", i)}
		case 7:
			if i%100 == 7 {
				return []string{
					"RUN apt-get update \\",
					fmt.Sprintf(" && apt-get install -y --no-install-recommends libm%d \\", i),
					" && rm -rf /var/lib/apt/lists/*",
				}
			}
			return []string{fmt.Sprintf("ARG M%d_VERSION=1.%d.0", i, i%50)}
		case 8:
			return []string{fmt.Sprintf("LABEL module.%d.version=\"1.%d\"", i, i%50)}
		default:
			return []string{"WORKDIR /srv/app"}
		}
	})
	emit(
		"EXPOSE 8080",
		"# health and start",
		"HEALTHCHECK --interval=30s --timeout=3s \\",
		"  CMD curl -fsS http://localhost:8080/healthz || exit 1",
		`ENTRYPOINT ["/usr/local/bin/c1"]`,
		`CMD ["--config", "/etc/app/m3.yaml"]`,
	)
	if lines != n {
		panic(fmt.Sprintf("genLines(%d) made %d lines", n, lines))
	}
	return b.Bytes()
}

// TestBenchInputs keeps the benchmark inputs honest: they parse, get
// hardened, and the checked-in 1000-line file is genLines(1000).
func TestBenchInputs(t *testing.T) {
	path := filepath.Join(benchData, "lines-1000.Dockerfile")
	want := genLines(1000)
	if *benchgen {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is not genLines(1000); run: go test ./rewrite -run TestBenchInputs -benchgen", path)
	}
	for _, n := range []int{40, 41, 97, 1000, 5000} {
		if got := bytes.Count(genLines(n), []byte("\n")); got != n {
			t.Errorf("genLines(%d) has %d lines", n, got)
		}
	}
	for _, in := range []benchInput{
		{"small", mustRead(t, filepath.Join(benchData, "small.Dockerfile"))},
		{"lines-1000", got},
		{"lines-5000", genLines(5000)},
	} {
		if _, err := parser.Parse(bytes.NewReader(in.src)); err != nil {
			t.Errorf("%s: parser.Parse: %v", in.name, err)
		}
		res, err := rewrite.Fix(in.name, in.src, rewrite.DefaultOptions())
		if err != nil {
			t.Errorf("%s: Fix: %v", in.name, err)
			continue
		}
		if !res.Changed || !bytes.Contains(res.Output, []byte("\nUSER 10001:10001\n")) {
			t.Errorf("%s: not hardened (changed=%v)", in.name, res.Changed)
		}
		for _, w := range res.Warnings() {
			t.Logf("%s:%d: warning: %s (%s)", in.name, w.Line, w.Message, w.Rule)
		}
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// BenchmarkFix is the library call the CLI makes per file, verification
// (re-parse and second run) included.
func BenchmarkFix(b *testing.B) {
	for _, in := range loadBenchInputs(b) {
		b.Run(in.name, func(b *testing.B) {
			opts := rewrite.DefaultOptions()
			res, err := rewrite.Fix(in.name, in.src, opts)
			if err != nil {
				b.Fatal(err)
			}
			if !res.Changed {
				b.Fatalf("%s: not hardened", in.name)
			}
			b.SetBytes(int64(len(in.src)))
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, err := rewrite.Fix(in.name, in.src, opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkParse is a bare buildkit parse of the same inputs: the floor
// Fix is measured against.
func BenchmarkParse(b *testing.B) {
	for _, in := range loadBenchInputs(b) {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := parser.Parse(bytes.NewReader(in.src)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
