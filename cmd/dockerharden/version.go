package main

import (
	"runtime/debug"
	"strings"
)

// version, when set at build time with -ldflags "-X main.version=v1.2.3",
// overrides what the build info says (release scripts, distro packages).
var version = ""

// versionString is what --version prints and SARIF reports name as the
// tool version.
func versionString() string {
	bi, ok := debug.ReadBuildInfo()
	return versionFrom(version, bi, ok)
}

// versionFrom picks, in order: the -ldflags override; the module version
// the go command recorded (v1.2.3 from "go install …@v1.2.3", or a
// pseudo-version such as v0.0.0-20261128124914-ec75891abcde+dirty when
// built in a git checkout); the VCS revision, with -dirty for uncommitted
// changes; else "devel" (go run, tests, builds outside version control).
func versionFrom(override string, bi *debug.BuildInfo, ok bool) string {
	if override != "" {
		return override
	}
	if !ok || bi == nil {
		return "devel"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev string
	dirty := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "devel"
	}
	v := "devel-" + rev[:min(len(rev), 12)]
	if dirty {
		v += "-dirty"
	}
	return strings.TrimSpace(v)
}
