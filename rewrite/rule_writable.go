package rewrite

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/dockerharden/dockerharden/dockerfile"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// writable is a directory fix makes owned by the app, with a
// non-recursive chown in a RUN before USER.
type writable struct {
	Path string
	// Volume is the VOLUME instruction that declares the path, if any:
	// builders that discard changes under a volume (buildah, the classic
	// builder) need the chown before it.
	Volume *parser.Node
	// At is the body index of the instruction that declares it: from there
	// on the directory exists (a VOLUME only creates it at run time).
	At int
}

// stagePaths is what the target stage does with directories.
type stagePaths struct {
	roots      map[string]bool // the app's own directories, cleaned: files copied there are the app's
	writable   []writable
	inRoot     []*parser.Node          // instructions that put the app under /root
	unresolved []string                // WORKDIR/VOLUME paths with variables that did not resolve
	dests      map[*parser.Node]string // COPY/ADD destinations, resolved
	files      []string                // files the app writes outside its directories (a log CMD tees to)
	execs      []string                // files a RUN made executable by root alone (chmod u+x, 0700)
	finalWD    string                  // the working directory the app starts in ("" = unknown)
	byPath     map[string]int          // writable's index by path
}

// walkPaths finds the app's directories in the target stage: its WORKDIRs
// (unless / or an OS directory), VOLUMEs, and the directories its RUNs
// create with mkdir outside OS trees. The working directory and ENV/ARG
// values are followed through the stages it is built on.
func (d *Decision) walkPaths() stagePaths {
	sp := stagePaths{dests: map[*parser.Node]string{}}
	env := map[string]string{}
	wd := ""
	chain := d.Target.Chain()
	// Stages the target is built FROM in this file: their working
	// directory and what they make in it are the target's too (created
	// before anything of its own, at 0).
	var inherited []string
	for _, s := range chain[:len(chain)-1] {
		for _, n := range s.Body {
			switch dockerfile.Cmd(n) {
			case "env":
				setEnv(env, n)
			case "arg":
				setArg(env, n, s.GlobalArgs)
			case "workdir":
				if a := dockerfile.Args(n); len(a) > 0 {
					if w, ok := cleanAbs(dockerfile.Expand(a[0], env), wd); ok {
						wd = w
					}
				}
			case "run":
				// Only what a parent makes in its working directory: its other
				// directories are as often an SDK's install (/opt/vulkan-sdk).
				for _, p := range madeDirs(d.doc.RunCommands(n), wd) {
					if wd != "" && under(p, wd) && !osPath(wd) {
						inherited = append(inherited, p)
					}
				}
			}
		}
	}
	parentWD, sawWD := wd, false
	for _, p := range inherited {
		sp.addAt(p, nil, 0)
	}
	at := 0
	add := func(p string, volume *parser.Node) { sp.addAt(p, volume, at) }
	resolve := func(n *parser.Node, raw string) (string, bool) {
		p := dockerfile.Expand(raw, env)
		if strings.Contains(p, "$") {
			sp.unresolved = append(sp.unresolved, raw)
			return "", false
		}
		return cleanAbs(p, wd)
	}
	var rootWD *parser.Node // a WORKDIR under /root
	for i, n := range d.Target.Body {
		at = i
		switch dockerfile.Cmd(n) {
		case "env":
			setEnv(env, n)
		case "arg":
			setArg(env, n, d.Target.GlobalArgs)
		case "workdir":
			a := dockerfile.Args(n)
			if len(a) == 0 {
				continue
			}
			sawWD = true
			w, ok := resolve(n, a[0])
			if !ok {
				if !strings.Contains(a[0], "$") {
					wd = "" // relative to a WORKDIR we cannot see
				}
				continue
			}
			wd = w
			if under(w, "/root") {
				rootWD = n
			} else if !osPath(w) {
				add(w, nil)
			}
		case "volume":
			for _, v := range dockerfile.Args(n) {
				if p, ok := resolve(n, v); ok && !osPath(p) {
					add(p, n)
				}
			}
		case "run":
			for _, p := range madeDirs(d.doc.RunCommands(n), wd) {
				add(p, nil)
			}
		case "copy", "add":
			a := dockerfile.Args(n)
			if len(a) < 2 && len(n.Heredocs) == 0 || len(a) == 0 {
				continue
			}
			if p, ok := cleanAbs(dockerfile.Expand(a[len(a)-1], env), wd); ok {
				sp.dests[n] = p
				if under(p, "/root") {
					sp.inRoot = append(sp.inRoot, n)
				}
				// A directory copied in under a data-like name is where the app
				// writes; on a base without a shell, copying it with --chown is
				// the only way to give it one.
				if dataDirNames[path.Base(p)] && !osPath(p) && !under(p, "/root") && strings.HasSuffix(a[0], "/") {
					add(p, nil)
				}
			}
		}
	}
	if !sawWD && parentWD != "" && !osPath(parentWD) && !under(parentWD, "/root") {
		sp.addAt(parentWD, nil, 0) // the WORKDIR the target inherits
	}
	at = len(d.Target.Body) // created at start, by the start script
	for _, p := range d.scriptWrites {
		add(p, nil)
	}
	for _, p := range d.inPlaceWrites(wd) {
		add(p, nil)
	}
	for _, p := range d.sourceWrites() {
		add(p, nil)
	}
	// Caches and data directories that ENV points the app's libraries at
	// (HF_HOME=/data): they write there, and the directory may not exist.
	for _, k := range dataDirEnvs {
		if v, ok := env[k]; ok {
			if p, good := cleanAbs(v, ""); good && !osPath(p) && !under(p, "/root") {
				add(p, nil)
			}
		}
	}
	// An app's own variables that name where it keeps data, state, logs or
	// a generated config (GOCOVERDIR=/authelia/coverage,
	// X_AUTHELIA_CONFIG=/config/configuration.yml): that directory.
	keys := make([]string, 0, len(env))
	for k := range env {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !dataEnvName(k) || strings.ContainsAny(env[k], ":$ ") {
			continue
		}
		p, good := cleanAbs(env[k], "")
		if !good {
			continue
		}
		if path.Ext(p) != "" && !strings.HasPrefix(path.Base(p), ".") {
			p = path.Dir(p) // a file: its directory
		}
		if !osPath(p) && !under(p, "/root") && p != "/" {
			add(p, nil)
		}
	}
	// Log and pid files that CMD/ENTRYPOINT/ENV name: a directory of the
	// app's own becomes the app's, a file in an OS directory is created
	// for it (touch, then chown).
	for _, s := range chain {
		for _, n := range s.Body {
			if cmd := dockerfile.Cmd(n); cmd != "cmd" && cmd != "entrypoint" && cmd != "env" {
				continue
			}
			for _, f := range logPaths(strings.Join(dockerfile.Args(n), " ")) {
				f = path.Clean(f)
				switch {
				case osPath(f):
				case path.Ext(f) != "":
					if dir := path.Dir(f); !osPath(dir) {
						add(dir, nil)
					}
					if !slices.Contains(sp.files, f) {
						sp.files = append(sp.files, f)
					}
				default:
					add(f, nil)
				}
			}
		}
	}
	// chmod u+x (or 0700, 0744) leaves a file only root can run.
	for _, n := range d.Target.Body {
		if dockerfile.Cmd(n) != "run" {
			continue
		}
		for _, cmd := range d.doc.RunCommands(n) {
			if dockerfile.Prog(cmd) != "chmod" || len(cmd) < 3 || !rootOnlyExecRE().MatchString(cmd[1]) {
				continue
			}
			for _, a := range cmd[2:] {
				if p, ok := cleanAbs(a, ""); ok && !slices.Contains(sp.execs, p) {
					sp.execs = append(sp.execs, p)
				}
			}
		}
	}
	sp.finalWD = wd
	if rootWD != nil && under(wd, "/root") {
		// Only the directory the app starts in counts: a WORKDIR under
		// /root that a later WORKDIR leaves was for build steps.
		sp.inRoot = append(sp.inRoot, rootWD)
		if wd != "/root" {
			for i, n := range d.Target.Body {
				if n == rootWD {
					at = i
				}
			}
			add(wd, nil)
		}
	}
	return sp
}

// codeDirNames name directories that hold code even outside OS trees
// (/opt/tool/bin): a RUN that creates one makes room for code, not data.
var codeDirNames = map[string]bool{
	"bin": true, "sbin": true, "lib": true, "lib64": true, "libexec": true, "include": true,
}

// dataDirNames name directories that hold what an app writes.
var dataDirNames = map[string]bool{
	"state": true, "data": true, "cache": true, "tmp": true, "temp": true, "var": true,
	"log": true, "logs": true, "upload": true, "uploads": true, "storage": true, "db": true,
	"run": true, "spool": true, "sessions": true, "media": true,
}

// dataDirEnvs are variables naming where a library writes its cache or
// data at run time, in a fixed order for stable output.
var dataDirEnvs = []string{
	"HF_HOME", "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "TRANSFORMERS_CACHE", "SENTENCE_TRANSFORMERS_HOME",
	"TORCH_HOME", "MPLCONFIGDIR", "NUMBA_CACHE_DIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME",
}

// dataEnvName reports whether a variable's name says it holds where the
// app keeps data, state, logs or its config: a word of it (split at _) is
// one of dataEnvWords, or it ends in DATADIR, LOGDIR, CACHEDIR or COVERDIR.
func dataEnvName(k string) bool {
	for _, w := range strings.Split(strings.ToLower(k), "_") {
		if dataEnvWords[w] {
			return true
		}
	}
	for _, suf := range []string{"DATADIR", "LOGDIR", "CACHEDIR", "COVERDIR"} {
		if strings.HasSuffix(strings.ToUpper(k), suf) {
			return true
		}
	}
	return false
}

var dataEnvWords = map[string]bool{
	"data": true, "cache": true, "storage": true, "state": true, "log": true, "logs": true,
	"upload": true, "uploads": true, "db": true, "database": true, "config": true,
}

// cwdWriters write their data into the working directory unless told
// otherwise (redis's default "dir ./").
var cwdWriters = map[string]string{
	"redis-server":   "its data files (dump.rdb, appendonly.aof)",
	"redis-sentinel": "its state (sentinel.conf)",
}

// declineCwdWriter declines (DH013) when argv runs a cwdWriter and the
// stage's working directory is /, which the new user cannot write and fix
// must not give it.
func (d *Decision) declineCwdWriter(argv []string, n *parser.Node) bool {
	if len(argv) == 0 {
		return false
	}
	what, ok := cwdWriters[base(argv[0])]
	if !ok {
		return false
	}
	wd := "/"
	for _, s := range d.Target.Chain() {
		for _, x := range s.Body {
			if dockerfile.Cmd(x) == "workdir" {
				if a := dockerfile.Args(x); len(a) > 0 {
					if w, good := cleanAbs(a[0], wd); good {
						wd = w
					} else {
						wd = "" // a WORKDIR fix cannot resolve: not known to be /
					}
				}
			}
		}
	}
	if wd != "/" {
		return false
	}
	return d.declineFor(WritablePath, n, fmt.Sprintf(
		"%s writes %s into its working directory, / here, which a non-root user cannot write; left alone (set WORKDIR to its data directory, which fix then makes the app's, or set dir in its configuration)", base(argv[0]), what))
}

// programWrites are directories a program writes by its documented
// convention though the Dockerfile does not name them (minio server /data).
var programWrites = map[string][]string{
	"minio": {"/data"},
}

// declineUnpreparable declines (DH013) a program of programWrites on a
// base without a shell: fix cannot create its directory owned by the new
// user, and a new volume there starts root-owned.
func (d *Decision) declineUnpreparable(argv []string, n *parser.Node) bool {
	if len(argv) == 0 || d.canRun() {
		return false
	}
	dirs, ok := programWrites[base(argv[0])]
	if !ok {
		return false
	}
	return d.declineFor(WritablePath, n, fmt.Sprintf(
		"%s writes its data into %s by convention, which a base without a shell cannot create owned by the new user (a new volume there starts root-owned); left alone (COPY an empty directory to %s with --chown=UID:GID, or use a base with a shell)",
		base(argv[0]), strings.Join(dirs, ", "), dirs[0]))
}

// madeDirs lists the directories commands create with mkdir that can be
// the app's: not in an OS tree, not under /root, not named like code.
func madeDirs(cmds [][]string, wd string) []string {
	var out []string
	for _, cmd := range cmds {
		if dockerfile.Prog(cmd) != "mkdir" {
			continue
		}
		for i := 1; i < len(cmd); i++ {
			a := cmd[i]
			if a == "-m" || a == "--mode" {
				i++
				continue
			}
			if strings.HasPrefix(a, "-") {
				continue
			}
			if p, ok := cleanAbs(a, wd); ok && !osPath(p) && !under(p, "/root") && !codeDirNames[path.Base(p)] {
				out = append(out, p)
			}
		}
	}
	return out
}

// addAt makes p the app's, declared at body index at (it may not exist
// before then); volume is the VOLUME that declares it, if one does. A path
// seen before keeps its first declaration, and learns of a later VOLUME
// that freezes it.
func (sp *stagePaths) addAt(p string, volume *parser.Node, at int) {
	if i, ok := sp.byPath[p]; ok {
		if sp.writable[i].Volume == nil {
			sp.writable[i].Volume = volume
		}
		return
	}
	if sp.byPath == nil {
		sp.byPath = map[string]int{}
	}
	sp.byPath[p] = len(sp.writable)
	sp.addRoot(p)
	sp.writable = append(sp.writable, writable{Path: p, Volume: volume, At: at})
}

// addRoot makes p one of the app's own directories.
func (sp *stagePaths) addRoot(p string) {
	if sp.roots == nil {
		sp.roots = map[string]bool{}
	}
	sp.roots[path.Clean(p)] = true
}

// inAppDir reports whether a COPY/ADD destination is in one of the app's
// own directories: it or one of its parents is one. (A walk up the path,
// not a scan of the roots: a long file has thousands of both.)
func (sp stagePaths) inAppDir(p string) bool {
	if len(sp.roots) == 0 {
		return false
	}
	for q := path.Clean(p); ; q = path.Dir(q) {
		if sp.roots[q] {
			return true
		}
		if q == "/" || q == "." {
			return false
		}
	}
}

var rootOnlyExecRE = lazyRE(`^(u\+x|u\+rx|u\+rwx|0?7[04][04])$`)

var logPathRE = lazyRE(`(/var/log/[A-Za-z0-9._/-]+|/var/run\b[A-Za-z0-9._/-]*|/run/[A-Za-z0-9._/-]+)`)

// logPaths returns the log and run-state paths in text; the regexp is
// compiled only when text could hold one.
func logPaths(text string) []string {
	if !strings.Contains(text, "/var/log/") && !strings.Contains(text, "/run") {
		return nil
	}
	return logPathRE().FindAllString(text, -1)
}

// writablePaths warns about paths the hardened app probably writes but does
// not own: its directories on a base that cannot RUN chown, and log and pid
// paths that CMD/ENTRYPOINT/ENV name outside the app's directories.
func (c *check) writablePaths() {
	if c.Outcome != Harden {
		return
	}
	t := c.Target
	for _, raw := range c.paths.unresolved {
		c.add(WritablePath, t.From, false, WritablePath.message(fmt.Sprintf(
			"%s could not be resolved, so it stays root-owned: create it owned by %s in a RUN before USER", raw, c.Account.USER())))
	}
	if !c.canRun() {
		var left []string // not given to the app by a COPY --chown
		for _, w := range c.Writable {
			given := false
			for _, n := range c.Target.Body {
				if !c.chowned[n] && !dockerfile.HasFlag(n, "chown") {
					continue
				}
				if dst, ok := c.destination(n); ok && under(w, dst) {
					given = true
				}
			}
			if !given {
				left = append(left, w)
			}
		}
		if len(left) > 0 {
			c.add(WritablePath, t.From, false, fmt.Sprintf(
				"WORKDIR/VOLUME paths %s stay root-owned: base %q has no shell to chown them; create them owned by %s in a builder stage and COPY --chown them in, or write to /tmp",
				strings.Join(left, " "), c.Base.Ref, c.Account.USER()))
		}
	}
	// The start script gives mounted directories to the app only when it
	// starts as root: as the app, a volume must come owned by it.
	if g := c.guardedChown; g.copy != nil {
		c.add(WritablePath, g.copy, false, fmt.Sprintf(
			"the start script %s chowns its directories only when it starts as root: as %s, a bind mount or an existing volume there must already be owned by %s (chown it on the host, or set fsGroup in Kubernetes)",
			g.source, c.Account.USER(), c.Account.USER()))
	}
	// A base image's VOLUME: the chown before USER lands under it.
	if vols := c.bases[t].Volumes; len(vols) > 0 && c.canRun() {
		var lost []string
		for _, v := range vols {
			if slices.Contains(c.Writable, v) {
				lost = append(lost, v)
			}
		}
		if len(lost) > 0 {
			c.add(WritablePath, t.Root().From, false, fmt.Sprintf(
				"base image %q declares VOLUME %s: BuildKit keeps fix's chown there, but buildah (podman build) and the classic builder discard changes under a volume, so with them the directory stays root-owned; build with BuildKit, or mount a volume owned by %s",
				c.bases[t].Ref, strings.Join(lost, " "), c.Account.USER()))
		}
	}
	owned := func(p string) bool {
		if c.paths.inAppDir(p) || c.canRun() && slices.Contains(c.paths.files, p) {
			return true
		}
		for _, s := range c.Target.Chain() {
			for _, n := range s.Body {
				if dockerfile.Cmd(n) != "run" {
					continue
				}
				for _, cmd := range c.doc.RunCommands(n) {
					if dockerfile.Prog(cmd) == "chown" {
						for _, a := range cmd[1:] {
							if path.Clean(a) == p {
								return true
							}
						}
					}
				}
			}
		}
		return false
	}
	warned := map[string]bool{}
	for _, n := range t.Body {
		if cmd := dockerfile.Cmd(n); cmd != "cmd" && cmd != "entrypoint" && cmd != "env" {
			continue
		}
		text := strings.Join(dockerfile.Args(n), " ")
		for _, f := range logPaths(text) {
			f = path.Clean(f)
			if owned(f) || warned[f] {
				continue
			}
			warned[f] = true
			c.add(WritablePath, n, false, fmt.Sprintf(
				"the app may write to %s, which stays root-owned: create it owned by %s in a RUN before USER (for logs, write to stdout instead)", f, c.Account.USER()))
		}
	}
}

// setEnv records an ENV's or ARG's values (ARG only when it has a default).
func setEnv(env map[string]string, n *parser.Node) {
	if dockerfile.Cmd(n) == "env" {
		for _, p := range dockerfile.EnvPairs(n) {
			env[p[0]] = p[1]
		}
		return
	}
	for _, kv := range dockerfile.Args(n) {
		if k, v, ok := strings.Cut(kv, "="); ok {
			env[k] = strings.Trim(v, `"'`)
		}
	}
}

// setArg records an ARG in a stage: its default, else the default of the
// ARG of that name declared before the first FROM.
func setArg(env map[string]string, n *parser.Node, global map[string]string) {
	for _, kv := range dockerfile.Args(n) {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			if g, found := global[k]; found {
				env[k] = g
			}
			continue
		}
		env[k] = strings.Trim(v, `"'`)
	}
}
