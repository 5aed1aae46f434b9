package rewrite

import (
	"bytes"
	"errors"
	"math/rand"
	"testing"

	"github.com/dockerharden/dockerharden/dockerfile"
	"github.com/dockerharden/dockerharden/images"
	"github.com/dockerharden/dockerharden/internal/dfgen"
)

// FuzzFix holds the non-negotiables for any input: no panic; bad input is
// an *dockerfile.Error; for input that parses, the output parses, a second Fix changes
// nothing, only target-stage lines differ, and the input is not modified.
func FuzzFix(f *testing.F) {
	for _, c := range goldenCases(f) {
		f.Add(c.Input)
	}
	r := rand.New(rand.NewSource(1))
	for range 200 {
		f.Add(dfgen.Generate(r, dfgen.Options{}))
	}
	f.Fuzz(func(t *testing.T, src []byte) { checkInvariants(t, src) })
}

// TestGeneratedCorpus holds the fuzz invariants over 3,000 generated
// Dockerfiles (every family, flags, heredocs, continuations, CRLF, BOM).
func TestGeneratedCorpus(t *testing.T) {
	r := rand.New(rand.NewSource(42))
	changed := 0
	for i := range 3000 {
		src := dfgen.Generate(r, dfgen.Options{})
		if !checkInvariants(t, src) {
			t.Fatalf("file %d failed:\n%s", i, src)
		}
		if res, err := Fix("gen", src, DefaultOptions()); err == nil && res.Changed {
			changed++
		}
	}
	if changed < 400 {
		t.Errorf("only %d of 3000 generated files were hardened (669 when written; 482 once base, toolchain and export-only stages were declined); the generator or the rules drifted", changed)
	}
}

// FuzzFixOptions varies the options too: IDs, names, --target and
// --family, under the same invariants.
func FuzzFixOptions(f *testing.F) {
	for i, c := range goldenCases(f) {
		f.Add(c.Input, uint32(2000+i), "svc", "app", uint8(i))
	}
	f.Fuzz(func(t *testing.T, src []byte, uid uint32, user, target string, family uint8) {
		opts := DefaultOptions()
		opts.UID, opts.GID = int(uid%100000)+1, int(uid%70000)+1
		if validName(user) && user != "root" {
			opts.User, opts.Group = user, user
		}
		opts.Target = target
		if int(family) < len(images.Families) {
			opts.Family = images.Families[family]
		}
		checkInvariantsWith(t, src, opts)
	})
}

func checkInvariants(t *testing.T, src []byte) bool {
	return checkInvariantsWith(t, src, DefaultOptions())
}

func checkInvariantsWith(t *testing.T, src []byte, opts Options) bool {
	t.Helper()
	orig := bytes.Clone(src)
	res, err := Fix("fuzz", src, opts)
	if !bytes.Equal(src, orig) {
		t.Fatal("Fix modified its input")
	}
	if err != nil {
		var e *dockerfile.Error
		if !errors.As(err, &e) {
			t.Fatalf("error is not a located *dockerfile.Error: %T %v", err, err)
		}
		if bytes.Contains([]byte(e.Msg), []byte("internal error")) {
			t.Fatalf("internal error: %v", err)
		}
		return true
	}
	if !res.Changed {
		if !bytes.Equal(res.Output, src) {
			t.Fatal("unchanged result differs from input")
		}
		return true
	}
	if _, err := dockerfile.Parse("out", res.Output); err != nil {
		t.Fatalf("output does not parse: %v\n%q", err, res.Output)
	}
	again, err := Fix("out", res.Output, opts)
	if err != nil || again.Changed {
		t.Fatalf("not idempotent (err %v):\n%q", err, res.Output)
	}
	assertOnlyTargetChanged(t, src, res.Output, opts)
	return !t.Failed()
}
