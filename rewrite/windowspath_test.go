package rewrite

import (
	"math/rand"
	"regexp"
	"testing"
)

// TestWindowsPath checks the hand-written scan against the regexp it
// replaced, on examples and on random strings over the bytes that matter.
func TestWindowsPath(t *testing.T) {
	re := regexp.MustCompile(`(?i)(^|[\s"'=\[,])[a-z]:[\\/]`)
	cases := []string{
		`C:\app`, `c:/tools`, `"C:\\x"`, `PATH=C:\bin`, `["c:\app"]`, `a,b:\c`,
		`http://x`, `x:\y`, `1:\x`, `C:`, `:\`, `C:x`, ` d:/`, "\tE:\\", `foo c:/bar`,
		`image:tag`, `/usr/bin:/bin`, `a=b:/c`,
	}
	for _, s := range cases {
		if got, want := windowsPath(s), re.MatchString(s); got != want {
			t.Errorf("windowsPath(%q) = %v, regexp says %v", s, got, want)
		}
	}
	alphabet := []byte("aZ1:\\/ \t\"'=[,x\v.")
	r := rand.New(rand.NewSource(1))
	for range 20000 {
		b := make([]byte, r.Intn(8))
		for i := range b {
			b[i] = alphabet[r.Intn(len(alphabet))]
		}
		if got, want := windowsPath(string(b)), re.Match(b); got != want {
			t.Fatalf("windowsPath(%q) = %v, regexp says %v", b, got, want)
		}
	}
}
