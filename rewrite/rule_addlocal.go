package rewrite

import (
	"strings"

	"github.com/dockerharden/dockerharden/dockerfile"
)

// ADD unpacks these; COPY would not.
var archiveSuffixes = []string{".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tbz2", ".tar.xz", ".txz", ".tar.zst", ".tzst", ".gz", ".bz2", ".xz", ".zst", ".lz", ".lzma"}

// addLocal reports ADD of a local file that is not an archive: ADD's
// extra behaviour (unpacking, URLs) is surprising; COPY says what it does.
func (c *check) addLocal() {
	for _, s := range c.Stages {
		for _, n := range s.Body {
			if dockerfile.Cmd(n) != "add" || len(n.Heredocs) > 0 || dockerfile.HasFlag(n, "checksum") {
				continue
			}
			a := dockerfile.Args(n)
			if len(a) < 2 {
				continue
			}
			for _, src := range a[:len(a)-1] {
				if remote(src) || isArchive(src) || strings.Contains(src, "$") {
					continue
				}
				c.add(AddLocalFile, n, false, AddLocalFile.message(src))
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
