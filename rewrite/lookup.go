package rewrite

import (
	"path"
	"strconv"
	"strings"
)

// LookupUser resolves a USER value (a name or UID, with an optional
// ":group") to an account that the target stage's chain creates or that
// its base image ships. Run-time profiles use it to turn `USER app` into
// the numeric IDs that `docker run --user` and Kubernetes runAsUser need.
// The second result is false when the name is unknown.
func (d *Decision) LookupUser(user string) (Account, bool) {
	if a, ok := findAccount(d.accounts(), user); ok {
		return a, true
	}
	name, _, _ := strings.Cut(user, ":")
	if u, ok := d.Base.HasUser(name); ok {
		return Account{Name: u.Name, UID: strconv.Itoa(u.UID), GID: strconv.Itoa(u.GID), Home: u.Home}, true
	}
	return Account{}, false
}

// SystemDir reports whether fix treats dir as an OS directory that the
// app never owns, even when a WORKDIR or VOLUME names it.
// An app directory under /root (/root/app) is the app's: fix makes /root
// reachable for it.
func SystemDir(dir string) bool {
	dir = path.Clean(dir)
	return osPath(dir) && !(under(dir, "/root") && dir != "/root")
}
