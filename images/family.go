package images

import (
	"fmt"
	"strings"
)

// Family is a base-image family: it decides how a user is created.
type Family string

// The families. ShellLess covers images with no shell or no user tools
// (distroless, chainguard, scratch, ubi-micro).
const (
	Debian    Family = "debian"
	Alpine    Family = "alpine"
	RHEL      Family = "rhel"
	ShellLess Family = "shell-less"
	Windows   Family = "windows"
	Unknown   Family = "unknown"
)

// Families lists every family, in the order flags and docs show them.
var Families = []Family{Debian, Alpine, RHEL, ShellLess, Windows, Unknown}

// FamilyNames is Families as "debian, alpine, …", for help and messages.
func FamilyNames() string {
	names := make([]string, len(Families))
	for i, f := range Families {
		names[i] = string(f)
	}
	return strings.Join(names, ", ")
}

// ParseFamily checks a family name given by a user (flag or config).
func ParseFamily(s string) (Family, error) {
	for _, f := range Families {
		if string(f) == s {
			return f, nil
		}
	}
	return "", fmt.Errorf("unknown family %q (one of %s)", s, FamilyNames())
}

// CanCreateUser reports whether the family has a shell and user tools, so
// that a RUN can create the user.
func (f Family) CanCreateUser() bool { return f == Debian || f == Alpine || f == RHEL }
