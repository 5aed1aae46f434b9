package rewrite

import (
	"fmt"
	"path"
	"strings"
)

// Compose mounts (DH013): the compose files next to a Dockerfile show
// where its app writes. A named volume starts as a copy of the image's
// directory, owner included, so making that directory the app's is
// enough. A bind mount keeps the host directory's owner (Docker creates a
// missing one as root), which no change to the image can fix.

// mountDataNames name mounted directories that hold what the app writes
// even inside its code tree (./data:/app/data).
var mountDataNames = map[string]bool{
	"videos": true, "screenshots": true, "output": true, "outputs": true, "models": true,
	"results": true, "reports": true, "downloads": true, "backups": true, "files": true,
}

// holdsCode reports whether target is where the stage puts its code: the
// working directory the app starts in, or a COPY/ADD destination (or a
// directory inside or around one). A bind mount there is a development
// setup that replaces the code with the host's copy.
func (sp stagePaths) holdsCode(target string) bool {
	if dataDirNames[path.Base(target)] || mountDataNames[path.Base(target)] {
		return false
	}
	if sp.finalWD != "" && sp.finalWD != "/" && under(target, sp.finalWD) {
		return true
	}
	for _, dst := range sp.dests {
		if dst != "/" && (under(target, dst) || under(dst, target)) {
			return true
		}
	}
	return false
}

// fileLike: a mount of a single file (a config, a socket), judged by its
// target's extension; a dot directory (.flowise) is not one.
func (m mount) fileLike() bool {
	b := path.Base(m.target)
	return path.Ext(b) != "" && !strings.HasPrefix(b, ".")
}

// sourceName is how a finding names what is mounted.
func (m mount) sourceName() string {
	switch {
	case m.source == "":
		return "an anonymous volume"
	case m.bind:
		return m.source
	}
	return "volume " + m.source
}

func (m mount) where() string {
	return fmt.Sprintf("%s:%d (service %s)", m.file, m.line, m.service)
}

// declineDataMount declines when a compose service that builds this
// Dockerfile bind-mounts a host directory read-write where the image has
// no code: the app's data, which a non-root user can write only if the
// host directory lets it.
func (d *Decision) declineDataMount(acct Account) bool {
	for _, m := range d.mounts {
		// Whatever is mounted in root's home is out of another user's reach.
		if under(m.target, "/root") {
			if d.declineFor(AppInRootHome, d.Target.From, AppInRootHome.message(fmt.Sprintf(
				"%s mounts %s at %s: the app keeps what it needs in root's home, which a non-root user cannot enter", m.where(), m.sourceName(), m.target),
				"point the app at a directory outside /root and mount it there, then run fix again")) {
				return true
			}
		}
	}
	for _, m := range d.mounts {
		if !m.bind || m.ro || m.fileLike() || d.paths.holdsCode(m.target) {
			continue
		}
		if d.declineFor(WritablePath, d.Target.From, fmt.Sprintf(
			"%s bind-mounts %s at %s read-write: a bind mount keeps the host directory's owner (Docker creates a missing one as root), so the app as %s could not write its data there; left alone (give the host directory to %s, or set user: in the service, then add # dockerharden:ignore DH013 above FROM)",
			m.where(), m.source, m.target, acct.USER(), acct.USER())) {
			return true
		}
	}
	return false
}

// mountedVolumes makes the directories where compose mounts a named or
// anonymous volume the app's: a new volume copies the image's directory
// with its owner. An anonymous volume over the code (node_modules) only
// keeps the image's copy; one in an OS tree is judged by what the app
// writes inside it.
func (d *Decision) mountedVolumes() {
	for _, m := range d.mounts {
		if m.bind || m.ro || m.fileLike() || osPath(m.target) || under(m.target, "/root") {
			continue
		}
		if m.source == "" && d.paths.holdsCode(m.target) {
			continue
		}
		d.paths.addAt(m.target, nil, len(d.Target.Body))
	}
}

// codeMounts warns about bind mounts over the app's code: fix still acts,
// since the image itself works, but the development setup that mounts the
// host's copy breaks wherever the app writes into it.
func (c *check) codeMounts() {
	if c.Outcome != Harden {
		return
	}
	for _, m := range c.mounts {
		if !m.bind || m.ro || m.fileLike() || !c.paths.holdsCode(m.target) {
			continue
		}
		c.add(WritablePath, c.Target.From, false, fmt.Sprintf(
			"%s bind-mounts %s over the app's code at %s: the host directory keeps its owner, so the app, now %s, can write there only if the host lets it; if it writes there (a cache, pid file or SQLite database), set user: in the service to the host's UID for development",
			m.where(), m.source, m.target, c.Account.USER()))
	}
}
