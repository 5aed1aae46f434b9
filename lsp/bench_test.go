package lsp

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// genDockerfile writes an n-line Dockerfile for the latency benchmarks: a
// small builder stage, then a Debian final stage of repeating blocks
// (comment, ENV, COPY into the app's tree, a continued RUN, an apt-get
// RUN), ending as root. Every COPY of the final stage is a DH002 finding.
func genDockerfile(n int) string {
	var b strings.Builder
	lines := 0
	add := func(format string, a ...any) {
		fmt.Fprintf(&b, format+"\n", a...)
		lines++
	}
	add("# syntax=docker/dockerfile:1")
	add("FROM golang:1.23-bookworm AS build")
	add("WORKDIR /src")
	add("COPY . .")
	add("RUN go build -o /out/ ./...")
	add("")
	add("FROM debian:bookworm-slim")
	add("WORKDIR /srv/app")
	for i := 0; lines < n-1; i++ {
		switch i % 5 {
		case 0:
			add("# part %d of the service", i)
		case 1:
			add("ENV PART_%d=enabled", i)
		case 2:
			add("COPY --from=build /out/part%d /srv/app/part%d", i, i)
		case 3:
			if lines < n-2 {
				add("RUN /srv/app/part%d --selftest \\", i-1)
				add("    && echo part %d ok", i-1)
			}
		case 4:
			add("RUN apt-get update && apt-get install -y --no-install-recommends tool%d", i)
		}
	}
	add("CMD [\"/srv/app/part2\"]")
	return b.String()
}

func TestGenDockerfile(t *testing.T) {
	src := genDockerfile(1000)
	if n := strings.Count(src, "\n"); n != 1000 {
		t.Fatalf("%d lines", n)
	}
	a := analyze("file:///nonexistent/Dockerfile", src)
	if a.err != nil || !a.res.changed || len(a.res.findings) < 100 {
		t.Fatalf("generated file: err %v, %d findings", a.err, len(a.res.findings))
	}
}

// BenchmarkDiagnosticsCompute1000 is the work behind one publication: Fix
// on the 1,000-line buffer (with config lookup) and the conversion of its
// findings to diagnostics.
func BenchmarkDiagnosticsCompute1000(b *testing.B) {
	for _, in := range benchInputs(b) {
		b.Run(in.name, func(b *testing.B) {
			uri := "file:///nonexistent/bench/Dockerfile"
			var n int
			cpu := cpuTime()
			for b.Loop() {
				n = len(analyze(uri, in.src).diagnostics(encUTF16))
			}
			b.ReportMetric(float64(n), "diagnostics")
			b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
}

type benchInput struct{ name, src string }

// benchInputs: the generated file, and bench/testdata's 1,000-line file
// (the one the README's Fix figures are for) when it is there.
func benchInputs(b *testing.B) []benchInput {
	ins := []benchInput{{"generated", genDockerfile(1000)}}
	if src, err := os.ReadFile("../bench/testdata/lines-1000.Dockerfile"); err == nil {
		ins = append(ins, benchInput{"bench-lines-1000", string(src)})
	}
	return ins
}

// BenchmarkDiagnosticsLatency1000 measures, through the protocol over
// pipes, the time from sending didChange to receiving publishDiagnostics
// on a 1,000-line file, with the default debounce. ms-after-debounce is
// that time minus the debounce: what a user waits beyond the deliberate
// pause (median and worst of the run). Wall times grow with the load of
// the machine; cpu-ms/op does not. Compute time alone:
// BenchmarkDiagnosticsCompute1000.
func BenchmarkDiagnosticsLatency1000(b *testing.B) {
	for _, in := range benchInputs(b) {
		b.Run(in.name, func(b *testing.B) { benchLatency(b, in.src) })
	}
}

func benchLatency(b *testing.B, src string) {
	c := startServer(b, Options{})
	c.initialize()
	uri := "file:///nonexistent/bench/Dockerfile"
	c.open(uri, src)
	c.diagnostics(uri)
	var after []time.Duration
	v := 1
	cpu := cpuTime()
	for b.Loop() {
		v++
		text := src + fmt.Sprintf("# edit %d\n", v)
		start := time.Now()
		c.change(uri, v, text)
		for {
			p, at := c.diagnosticsAt(uri)
			if p.Version != nil && *p.Version == v {
				after = append(after, at.Sub(start)-DefaultDebounce)
				break
			}
		}
	}
	slices.Sort(after)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(after[len(after)/2]), "median-ms-after-debounce")
	b.ReportMetric(ms(after[len(after)-1]), "worst-ms-after-debounce")
	// client and server share the process: this is both sides' CPU per change
	b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	c.shutdown()
}

// BenchmarkDiagnosticsConvert1000 is the server's own share of a
// publication: findings to diagnostics (positions, rule links) and the
// JSON of the notification, without rewrite.Fix.
func BenchmarkDiagnosticsConvert1000(b *testing.B) {
	for _, in := range benchInputs(b) {
		b.Run(in.name, func(b *testing.B) {
			a := analyze("file:///nonexistent/bench/Dockerfile", in.src)
			v := 1
			for b.Loop() {
				p := publishDiagnosticsParams{URI: "file:///nonexistent/bench/Dockerfile", Version: &v, Diagnostics: a.diagnostics(encUTF16)}
				if _, err := json.Marshal(p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
