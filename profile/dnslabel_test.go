package profile

import (
	"math/rand"
	"regexp"
	"strings"
	"testing"
)

// TestDNSLabel checks the hand-written check against the regexp it replaced.
func TestDNSLabel(t *testing.T) {
	re := regexp.MustCompile(`^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$`)
	cases := []string{"app", "a", "a-b", "-a", "a-", "A", "", "my_app", strings.Repeat("a", 63), strings.Repeat("a", 64)}
	r := rand.New(rand.NewSource(1))
	for range 20000 {
		b := make([]byte, r.Intn(8))
		for i := range b {
			b[i] = "az09-A_."[r.Intn(8)]
		}
		cases = append(cases, string(b))
	}
	for _, s := range cases {
		if got, want := dnsLabel(s), re.MatchString(s); got != want {
			t.Fatalf("dnsLabel(%q) = %v, regexp says %v", s, got, want)
		}
	}
}
