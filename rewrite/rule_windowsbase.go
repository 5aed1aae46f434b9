package rewrite

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/dockerharden/dockerharden/dockerfile"
	"github.com/dockerharden/dockerharden/images"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// windowsPath reports whether s holds a drive path such as C:\app or
// "c:/tools" at its start or after a space, quote, '=', '[' or ','. A
// hand-written scan: the equivalent regexp has no literal prefix, and its
// backtracker walking every argument was a tenth of Fix on long files.
func windowsPath(s string) bool {
	for i := 1; i+1 < len(s); i++ {
		if s[i] != ':' || (s[i+1] != '\\' && s[i+1] != '/') {
			continue
		}
		if c := s[i-1] | 0x20; c < 'a' || c > 'z' {
			continue
		}
		if i == 1 || strings.IndexByte(" \t\n\f\r\"'=[,", s[i-2]) >= 0 {
			return true
		}
	}
	return false
}

// declineWindows declines Windows images (DH011): --chown is unsupported
// there and accounts work differently (nanoserver images ship
// ContainerUser). The base image says so, or any other sign: a
// powershell or cmd SHELL, C:\ paths, a file named for Windows.
// Switching the rule off does not make fix act.
func (d *Decision) declineWindows() bool {
	if d.Base.Family == images.Windows {
		d.reason(WindowsBase, d.Target.Root().From, false, WindowsBase.message(d.Base.Ref))
		return true
	}
	at, why := d.windowsSign()
	if at == nil {
		return false
	}
	d.reason(WindowsBase, at, false, fmt.Sprintf(
		"%s, so this is a Windows image: COPY --chown is not supported there and users are set up differently; left alone (use USER ContainerUser on nanoserver)", why))
	return true
}

// windowsSign finds evidence of a Windows image besides the base's name.
func (d *Decision) windowsSign() (*parser.Node, string) {
	name := strings.ToLower(filepath.Base(d.doc.Name))
	for _, w := range []string{"windows", "nanoserver", "servercore"} {
		if strings.Contains(name, w) {
			return d.Target.From, fmt.Sprintf("the file name %q names Windows", filepath.Base(d.doc.Name))
		}
	}
	for _, s := range d.Target.Chain() {
		for _, n := range s.Body {
			a := dockerfile.Args(n)
			switch dockerfile.Cmd(n) {
			case "shell":
				if len(a) > 0 {
					if p := strings.ToLower(base(strings.ReplaceAll(a[0], `\`, "/"))); p == "powershell" || p == "powershell.exe" || p == "cmd" || p == "cmd.exe" {
						return n, "SHELL " + a[0] + " is a Windows shell"
					}
				}
			case "workdir", "copy", "add", "env", "entrypoint", "cmd":
				for _, w := range a {
					if windowsPath(w) {
						return n, fmt.Sprintf("%s %s is a Windows path", strings.ToUpper(n.Value), w)
					}
				}
			}
		}
	}
	return nil, ""
}
