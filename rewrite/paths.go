package rewrite

import (
	"path"
	"strings"
)

// osDirs are directories that belong to the system: a WORKDIR or VOLUME
// that is exactly one of them is not the app's to own. /srv, /opt and
// /home are deliberately absent: as a WORKDIR they are the app's.
var osDirs = map[string]bool{
	"/": true, "/bin": true, "/boot": true, "/dev": true, "/etc": true, "/lib": true,
	"/lib32": true, "/lib64": true, "/libx32": true, "/media": true, "/mnt": true, "/proc": true,
	"/root": true, "/run": true, "/sbin": true, "/sys": true, "/tmp": true, "/usr": true,
	"/usr/bin": true, "/usr/include": true, "/usr/lib": true, "/usr/lib64": true,
	"/usr/libexec": true, "/usr/local": true, "/usr/local/bin": true, "/usr/local/etc": true,
	"/usr/local/include": true, "/usr/local/lib": true, "/usr/local/sbin": true,
	"/usr/local/share": true, "/usr/sbin": true, "/usr/share": true, "/var": true, "/var/cache": true, "/var/lib": true, "/var/log": true,
	"/var/mail": true, "/var/opt": true, "/var/run": true, "/var/spool": true, "/var/tmp": true,
	"/var/www": false, // the web root's parent: Apache/PHP images use it as the app's
	// Source trees: a WORKDIR there with the app's sources copied in is the
	// app's, as /usr/src/app is (Flowise builds and writes logs in /usr/src).
	"/usr/src": false, "/usr/local/src": false,
}

// osTrees hold code, configuration and package state: nothing under them
// is the app's, so it stays root-owned (a compromised app cannot rewrite
// its own binary, entrypoint or CA bundle).
var osTrees = []string{
	"/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/libx32", "/proc", "/sbin", "/sys",
	"/usr/bin", "/usr/include", "/usr/lib", "/usr/lib64", "/usr/libexec", "/usr/sbin", "/usr/share",
	"/usr/local/bin", "/usr/local/etc", "/usr/local/include", "/usr/local/lib", "/usr/local/sbin",
	"/usr/local/share", "/var/cache/apk", "/var/cache/apt", "/var/cache/dnf", "/var/cache/yum",
	"/var/lib/apt", "/var/lib/dnf", "/var/lib/dpkg", "/var/lib/rpm", "/var/lib/yum", "/var/log/apt",
	"/tmp", "/var/tmp", "/root",
}

// under reports whether p is dir or below it.
func under(p, dir string) bool {
	// p has dir+"/" as prefix, without building that string: the rules
	// ask this for every path against every app directory.
	return p == dir || dir == "/" || len(p) > len(dir) && p[len(dir)] == '/' && p[:len(dir)] == dir
}

// osPath reports whether p is the system's: an OS directory or anything in
// an OS tree.
func osPath(p string) bool {
	if osDirs[p] {
		return true
	}
	for _, t := range osTrees {
		if under(p, t) {
			return true
		}
	}
	return false
}

// cleanAbs resolves a path as an instruction gives it, relative to the
// working directory wd ("" = unknown). ok is false for paths that cannot be
// judged: relative to an unknown directory, or with variables or spaces.
func cleanAbs(p, wd string) (string, bool) {
	if p == "" || strings.ContainsAny(p, "$\\ ") {
		return "", false
	}
	if !path.IsAbs(p) {
		if wd == "" {
			return "", false
		}
		p = path.Join(wd, p)
	}
	return path.Clean(p), true
}
