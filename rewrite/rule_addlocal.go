package rewrite

import (
	"fmt"
	"strings"
)

// ADD unpacks these; COPY would not.
var archiveSuffixes = []string{".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tbz2", ".tar.xz", ".txz", ".tar.zst", ".tzst", ".gz", ".bz2", ".xz", ".zst", ".lz", ".lzma"}

// checkAddLocal reports ADD of a local file that is not an archive: ADD's
// extra behaviour (unpacking, URLs) is surprising; COPY says what it does.
func (p *plan) checkAddLocal() {
	for _, s := range p.stages {
		for _, n := range s.Body {
			if cmdOf(n) != "add" || len(n.Heredocs) > 0 || hasFlag(n, "checksum") {
				continue
			}
			a := args(n)
			if len(a) < 2 {
				continue
			}
			for _, src := range a[:len(a)-1] {
				if remote(src) || isArchive(src) || strings.Contains(src, "$") {
					continue
				}
				p.add(RuleAddLocal, n.StartLine, n.EndLine, false, fmt.Sprintf(
					"ADD %s: a local file that is not an archive; use COPY", src))
				break
			}
		}
	}
}

func remote(src string) bool {
	for _, p := range []string{"http://", "https://", "git@", "git://", "ssh://"} {
		if strings.HasPrefix(src, p) {
			return true
		}
	}
	return false
}

func isArchive(src string) bool {
	l := strings.ToLower(src)
	for _, s := range archiveSuffixes {
		if strings.HasSuffix(l, s) {
			return true
		}
	}
	return false
}
