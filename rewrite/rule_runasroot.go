package rewrite

import (
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/dockerharden/dockerharden/dockerfile"
	"github.com/dockerharden/dockerharden/images"
	"github.com/dockerharden/dockerharden/templates"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// decideRunAsRoot decides whether a target that ends as root is switched to
// a non-root user (DH001), which user, and what it will own.
func (d *Decision) decideRunAsRoot(declined bool) {
	t := d.Target
	if u := d.endUser(t); !isRootUser(u) {
		d.baseNonRoot(u)
		return
	}
	if d.suppressed(RunAsRoot, t.From.StartLine) {
		return
	}
	if declined {
		d.decline()
		return
	}
	if last := t.Last(); d.doc.Dangling(last) {
		d.decline()
		d.reason(DanglingContinuation, last, false, DanglingContinuation.Format)
		return
	}
	if child := d.childRunningRUN(); child != nil {
		d.decline()
		d.reason(ChildStageRunsAsRoot, child, false, ChildStageRunsAsRoot.message(t.Name))
		return
	}
	d.paths = d.walkPaths()
	if d.declineAppInRoot() {
		d.decline()
		return
	}
	acct, how, ok := d.chooseAccount()
	if !ok {
		d.decline()
		return
	}
	if d.declineOtherOwner(acct) || d.declineDataMount(acct) {
		d.decline()
		return
	}
	d.Outcome, d.Account = Harden, acct
	d.ReuseUser = how != created
	// A base of unknown family with a shell still gets a passwd entry and
	// a home: a bare UID runs with HOME=/ and no name.
	d.CreateUser = how == created && d.canRun()
	if acct.Home != "" && !under(acct.Home, "/root") && acct.Home != "/nonexistent" {
		d.paths.addRoot(acct.Home)
	}
	for _, w := range d.bases[t].Writes { // the base image's program writes there
		d.paths.addAt(w, nil, len(t.Body))
	}
	if argv := unwrap(d.effectiveCommand().argv); len(argv) > 0 {
		for _, w := range programWrites[base(argv[0])] { // so does a known program
			d.paths.addAt(w, nil, len(t.Body))
		}
	}
	d.mountedVolumes()
	if wd := d.paths.finalWD; wd != "" && d.installsNodeModules(wd) && d.devServer(unwrap(d.effectiveCommand().argv), wd) {
		d.paths.addAt(path.Join(wd, "node_modules"), nil, len(t.Body)) // its caches go there
	}
	for _, w := range d.paths.writable {
		d.Writable = append(d.Writable, w.Path)
	}
	if d.Base.Family == images.Unknown || d.inferredFrom != "" {
		why := "is not in dockerharden's image table"
		if strings.Contains(d.Base.Ref, "$") {
			why = "could not be resolved from ARG defaults"
		}
		how := ": fix creates no user and adds a numeric USER, which needs no passwd entry; pass --family debian|alpine|rhel to create one"
		if d.CreateUser {
			how = ": its stage has a shell, so fix adds the user to /etc/passwd and /etc/group (pass --family debian|alpine|rhel to use that family's tools)"
		}
		if d.inferredFrom != "" {
			how = fmt.Sprintf("; the stage runs %s, so fix treats it as %s (pass --family to change that)", d.inferredFrom, d.Base.Family)
		}
		d.reason(UnknownBase, t.Root().From, false, UnknownBase.message(d.Base.Ref, why+how))
	}
}

// canRun reports whether a RUN can be added to the target: its base has a
// shell, known from its family or seen in a shell-form RUN of the stage
// chain (chown and mkdir are then there too).
func (d *Decision) canRun() bool {
	if d.Base.Family.CanCreateUser() {
		return true
	}
	if d.Base.Family == images.ShellLess || d.Base.Family == images.Windows {
		return false
	}
	if d.scriptShell {
		return true
	}
	for _, s := range d.Target.Chain() {
		for _, n := range s.Body {
			switch dockerfile.Cmd(n) {
			case "run", "cmd", "entrypoint":
				// A shell-form RUN, CMD or ENTRYPOINT runs /bin/sh -c.
				if !n.Attributes["json"] {
					return true
				}
			case "healthcheck":
				// HEALTHCHECK CMD /app/check.sh (not CMD [...]) runs /bin/sh -c.
				if _, cmd, ok := strings.Cut(n.Original, " CMD "); ok && !strings.HasPrefix(strings.TrimSpace(cmd), "[") {
					return true
				}
			}
		}
	}
	return false
}

// How fix came by the account.
const (
	created   = iota // fix creates it (or, without a shell, uses the IDs alone)
	fromFile         // the Dockerfile creates it
	fromImage        // the base image ships it
)

// helperAccounts are users that files create for something other than the
// app: Docker's userns remap, rootless-mode and test users.
var helperAccountRE = lazyRE(`^(dockremap|rootless.*|.*test.*|builder|build|buildkit|sshd|messagebus|systemd-.*)$`)

// chooseAccount picks the user to switch to: one the file creates for the
// app, else the user applications conventionally run as on the base image
// (node, nonroot, app), else the configured user with a home of its own.
// Users and IDs given explicitly win over the base image's. ok is false
// when the configured user would collide with the base image.
func (d *Decision) chooseAccount() (acct Account, how int, ok bool) {
	o := d.opts
	if a, found := d.fileAccount(); found {
		return a, fromFile, true
	}
	// (The configured IDs are not news: a --chown fix added, or the user
	// wrote, is created as usual.)
	if a, n, found := d.chownOwner(); found && !o.UserSet && (a.UID != strconv.Itoa(o.UID) || a.GID != strconv.Itoa(o.GID)) {
		for _, u := range d.Base.Users {
			if strconv.Itoa(u.UID) == a.UID && strconv.Itoa(u.GID) == a.GID {
				return Account{Name: u.Name, UID: a.UID, GID: a.GID, Home: u.Home}, fromImage, true
			}
		}
		d.ownerFrom = n
		return a, fromFile, true
	}
	if d.givesToNobody() && !o.UserSet {
		// The file hands the app's files to nobody (Phoenix's generated
		// Dockerfile: RUN chown nobody /app), meaning to run as it.
		return Account{Name: "nobody", UID: "65534", GID: "65534", Home: "/nonexistent"}, fromImage, true
	}
	uid, gid := strconv.Itoa(o.UID), strconv.Itoa(o.GID)
	if u, found := d.Base.HasUser(o.User); found {
		return Account{Name: u.Name, UID: strconv.Itoa(u.UID), GID: strconv.Itoa(u.GID), Home: u.Home}, fromImage, true
	}
	if u, found := d.Base.AppAccount(); found && !o.UserSet {
		return Account{Name: u.Name, UID: strconv.Itoa(u.UID), GID: strconv.Itoa(u.GID), Home: u.Home}, fromImage, true
	}
	acct = Account{Name: o.User, UID: uid, GID: gid, Group: o.Group}
	if !d.canRun() {
		return acct, created, true // numeric only: nothing to collide with, no home to make
	}
	acct.Home = "/home/" + o.User
	collide := func(why string) (Account, int, bool) {
		d.reason(IDCollision, d.Target.Root().From, false, IDCollision.message(why))
		return Account{}, created, false
	}
	for _, u := range d.Base.Users {
		if u.UID == o.UID || u.UID == o.GID || u.Name == o.Group {
			return collide(fmt.Sprintf("base image %q already has %s (UID %d)", d.Base.Ref, u.Name, u.UID))
		}
	}
	if images.SystemNames[o.User] || images.SystemNames[o.Group] {
		return collide(fmt.Sprintf("user %q or group %q is a system account in every base image", o.User, o.Group))
	}
	if m := d.Base.MaxID; m > 0 && (o.UID > m || o.GID > m) {
		return collide(fmt.Sprintf("the %s image's adduser refuses IDs above %d (asked for %d:%d)", d.Base.Variant, m, o.UID, o.GID))
	}
	for _, s := range d.Target.Chain() {
		for _, n := range s.Body {
			if dockerfile.Cmd(n) != "run" {
				continue
			}
			_, groups := accounts(d.doc, n)
			for name, id := range groups {
				if name == o.Group || id == gid {
					return collide(fmt.Sprintf("line %d already creates group %s", n.StartLine, name))
				}
			}
		}
	}
	return acct, created, true
}

// chownOwner is the owner the target stage's own COPY/ADD --chown flags
// give the app's files, when they all name the same numeric non-root
// UID[:GID]: the file says which UID the app is (searxng's 977, which its
// base image's directories belong to). n is the first such COPY. The
// static system IDs below 100 and nobody (65534) are not an app's.
func (d *Decision) chownOwner() (acct Account, n *parser.Node, ok bool) {
	for _, x := range d.Target.Body {
		if c := dockerfile.Cmd(x); c != "copy" && c != "add" || !dockerfile.HasFlag(x, "chown") {
			continue
		}
		uid, gid, _ := strings.Cut(flagValue(x, "chown"), ":")
		if gid == "" {
			gid = uid
		}
		if !isNum(uid) || !isNum(gid) || len(uid) < 3 || uid == "65534" || n != nil && (uid != acct.UID || gid != acct.GID) {
			return Account{}, nil, false
		}
		if n == nil {
			acct, n = Account{UID: uid, GID: gid}, x
		}
	}
	return acct, n, n != nil
}

// givesToNobody reports whether the target chain gives files to the
// nobody account (RUN chown nobody …, COPY --chown=nobody…), which every
// base image has as 65534.
func (d *Decision) givesToNobody() bool {
	for _, o := range d.fileOwners() {
		if u, _, _ := strings.Cut(o.spec, ":"); u == "nobody" {
			return true
		}
	}
	return false
}

// owner is a user[:group] the target chain gives files to, and where.
type owner struct {
	n    *parser.Node
	spec string
}

// fileOwners lists what the target chain's RUN chown and COPY/ADD --chown
// give files to, in order.
func (d *Decision) fileOwners() []owner {
	var owners []owner
	for _, s := range d.Target.Chain() {
		for _, n := range s.Body {
			switch dockerfile.Cmd(n) {
			case "run":
				for _, c := range d.doc.RunCommands(n) {
					if dockerfile.Prog(c) != "chown" {
						continue
					}
					for _, a := range c[1:] {
						if !strings.HasPrefix(a, "-") {
							owners = append(owners, owner{n, a})
							break
						}
					}
				}
			case "copy", "add":
				if v := flagValue(n, "chown"); v != "" {
					owners = append(owners, owner{n, v})
				}
			}
		}
	}
	return owners
}

// fileAccount is the user the file creates for the app: the one a USER
// names, else the configured name, else the last one created that is not
// a helper account (dockremap, a rootless or test user).
func (d *Decision) fileAccount() (Account, bool) {
	accts := d.accounts()
	if len(accts) == 0 {
		return Account{}, false
	}
	chain := d.Target.Chain()
	for i := len(chain) - 1; i >= 0; i-- {
		body := chain[i].Body
		for j := len(body) - 1; j >= 0; j-- {
			if dockerfile.Cmd(body[j]) == "user" && !isRootUser(dockerfile.UserOf(body[j])) {
				if a, found := findAccount(accts, dockerfile.UserOf(body[j])); found {
					return a, true
				}
			}
		}
	}
	if a, found := findAccount(accts, d.opts.User); found {
		return a, true
	}
	for i := len(accts) - 1; i >= 0; i-- {
		if !helperAccountRE().MatchString(accts[i].Name) {
			return accts[i], true
		}
	}
	return Account{}, false
}

// childRunningRUN finds a RUN in a later stage built FROM the target that
// runs before that stage sets its own USER: it would inherit the new user.
// Only --target can pick a stage that has such children.
func (d *Decision) childRunningRUN() *parser.Node {
	for _, s := range d.Stages[d.Target.Index+1:] {
		onTarget := false
		for c := s.Parent; c != nil; c = c.Parent {
			onTarget = onTarget || c == d.Target
		}
		if !onTarget {
			continue
		}
		for _, n := range s.Body {
			if dockerfile.Cmd(n) == "user" {
				break
			}
			if dockerfile.Cmd(n) == "run" {
				return n
			}
		}
	}
	return nil
}

// runAsRoot reports DH001 with the edits that switch the target to the
// decided account: the RUN that creates it (right after FROM), the RUNs
// that make its directories its own (just before USER, or before the
// VOLUME that freezes a path), ENV HOME when the file points it at root's
// home, and USER.
func (c *check) runAsRoot() {
	if c.Outcome != Harden {
		return
	}
	t, acct, fam := c.Target, c.Account, c.Base.Family
	owner := c.owner()
	var edits []dockerfile.Edit
	setupAt := -1 // body index of the instruction the setup RUN follows
	if c.CreateUser {
		tmpl := string(fam)
		if c.Base.NoUserAdd || !fam.CanCreateUser() {
			tmpl = "passwd"
		}
		cmds, err := templates.Commands(tmpl, templates.Data{
			UID: c.opts.UID, GID: c.opts.GID, User: c.opts.User, Group: c.opts.Group, Home: acct.Home,
		})
		if err != nil { // a family without a template is a bug in the tables
			panic(err)
		}
		at := c.setupAnchor()
		for i, n := range t.Body {
			if n == at {
				setupAt = i
			}
		}
		edits = append(edits, c.doc.InsertAfter(at.EndLine, c.runLines(at, cmds)...))
	}
	users := c.usersAt(t)
	pl := c.placeUser(users, setupAt)

	// Directories frozen by a VOLUME before USER are made the app's right
	// above that VOLUME; the rest just before USER.
	var volumes []*parser.Node // VOLUMEs before USER that freeze writable paths, in order
	byVolume := map[*parser.Node][]string{}
	var rest []writable
	for _, w := range c.paths.writable {
		// Only a VOLUME before USER freezes the path before the chown RUN
		// there; one after it is handled by that RUN.
		if v := c.indexOfVolume(w.Volume); w.Volume != nil && v < pl.index && c.canRun() && isRootUser(users[v]) {
			if byVolume[w.Volume] == nil {
				volumes = append(volumes, w.Volume)
			}
			byVolume[w.Volume] = append(byVolume[w.Volume], w.Path)
			continue
		}
		rest = append(rest, w)
	}
	// The first such VOLUME's RUN also takes the directories that exist by
	// then, so that one RUN does it all where it can.
	var early []string
	if len(volumes) > 0 {
		first := volumes[0]
		var later []writable
		for _, w := range rest {
			if w.Volume == nil && w.At < c.indexOfVolume(first) {
				early = append(early, w.Path)
			} else {
				later = append(later, w)
			}
		}
		rest = later
	}
	for i, v := range volumes {
		paths := byVolume[v]
		cmds := withArgs("mkdir -p", paths)
		if i == 0 {
			paths = append(early, paths...)
		}
		cmds = append(cmds, withArgs("chown "+owner, paths)...)
		if c.openShift() {
			cmds = append(cmds, withArgs("chmod g=u", paths)...)
		}
		edits = append(edits, c.doc.InsertBefore(c.doc.CommentStart(v), c.runLines(v, cmds)...))
	}
	var dirs, missing, owners []string
	for _, w := range rest {
		dirs = append(dirs, w.Path)
		if w.Volume != nil || w.At >= pl.index {
			missing = append(missing, w.Path) // not there yet when USER comes
		}
	}
	owners = append(owners, dirs...)
	if c.openShift() && c.CreateUser && acct.Home != "" {
		owners = append(owners, acct.Home) // the home is group 0's too
	}
	for _, l := range c.linkDestinations() {
		if !slices.Contains(owners, l) {
			owners = append(owners, l)
		}
	}
	var lines []string
	if c.canRun() {
		var cmds []string
		if len(missing) > 0 {
			cmds = append(cmds, withArgs("mkdir -p", missing)...)
		}
		if len(c.paths.files) > 0 {
			cmds = append(cmds, withArgs("touch", c.paths.files)...)
			owners = append(owners, c.paths.files...)
		}
		if len(owners) > 0 {
			cmds = append(cmds, withArgs("chown "+owner, owners)...)
			if c.openShift() {
				cmds = append(cmds, withArgs("chmod g=u", owners)...)
			}
		}
		if len(c.paths.execs) > 0 {
			cmds = append(cmds, withArgs("chmod go+rx", c.paths.execs)...)
		}
		if len(c.paths.inRoot) > 0 {
			cmds = append(cmds, "chmod o+x /root")
		}
		if len(cmds) > 0 {
			lines = append(lines, c.runLines(pl.anchor, cmds)...)
		}
	}
	if home := c.homeEnv(); home != "" {
		lines = append(lines, pl.indent+c.doc.Spell("ENV")+" HOME="+home)
	}
	lines = append(lines, pl.indent+c.doc.Spell("USER")+" "+owner)
	edits = append(edits, pl.edit(c.doc, lines))

	var msg string
	switch {
	case c.ownerFrom != nil:
		msg = fmt.Sprintf("fix adds USER %s, the owner the file's own COPY --chown on line %d gives the app's files", acct.USER(), c.ownerFrom.StartLine)
	case c.ReuseUser && acct.Node == nil:
		msg = fmt.Sprintf("fix switches to the base image's user %s (USER %s)", acct.Name, acct.USER())
	case c.ReuseUser:
		msg = fmt.Sprintf("fix switches to the existing user %s (USER %s)", acct.Name, acct.USER())
	case c.CreateUser:
		msg = fmt.Sprintf("fix creates user %s (%s) with home %s and adds USER %s", acct.Name, acct.USER(), acct.Home, owner)
	case fam == images.Unknown:
		msg = fmt.Sprintf("fix adds USER %s (numeric: it needs no passwd entry)", acct.USER())
	default:
		msg = fmt.Sprintf("fix adds USER %s (base %q has no shell to create a user: a numeric UID needs no passwd entry)", acct.USER(), c.Base.Ref)
	}
	if cs := c.composeCmd; cs != nil && len(c.effectiveCommand().argv) == 0 {
		msg += fmt.Sprintf("; the Dockerfile sets no command, but %s:%d (service %s) runs %s in it, so it is an app image", cs.file, cs.line, cs.name, cs.command[0])
	}
	if c.noContext != "" {
		msg += fmt.Sprintf("; decided from the Dockerfile alone: %s comes from the build context, which was not read (pass --context DIR)", c.noContext)
	}
	c.add(RunAsRoot, t.From, true, RunAsRoot.message(msg), edits...)
}

// openShift reports whether the image is made for OpenShift's restricted
// policy (a random UID in group 0).
func (d *Decision) openShift() bool { return d.opts.Platform == "openshift" }

// owner is the owner fix gives the app's files and the USER it sets:
// UID:GID, or UID:0 for OpenShift, whose random UID shares only group 0.
func (d *Decision) owner() string {
	if d.openShift() && d.Account.Numeric() {
		return d.Account.UID + ":0"
	}
	return d.Account.USER()
}

// indexOfVolume is the body index of a VOLUME instruction.
func (c *check) indexOfVolume(v *parser.Node) int {
	b := c.Target.Body
	if v == nil {
		return len(b)
	}
	// The body is in line order: a binary search, not a scan per path.
	i := sort.Search(len(b), func(i int) bool { return b[i].StartLine >= v.StartLine })
	if i < len(b) && b[i] == v {
		return i
	}
	return len(b)
}

// linkDestinations are the app-directory destinations of COPY --link: a
// --chown there would re-own every existing parent, so the RUN before USER
// chowns them instead.
func (c *check) linkDestinations() []string {
	if c.chownPolicy() == ChownNone {
		return nil
	}
	var out []string
	for _, n := range c.Target.Body {
		if cmd := dockerfile.Cmd(n); (cmd == "copy" || cmd == "add") && dockerfile.HasFlag(n, "link") && !dockerfile.HasFlag(n, "chown") {
			if dst, ok := c.destination(n); ok && (c.chownPolicy() == ChownAll || c.paths.inAppDir(dst)) && !osPath(dst) {
				out = append(out, dst)
			}
		}
	}
	return out
}

// homeEnv is the HOME to set before USER: the account's home when the file
// points HOME into root's home.
func (c *check) homeEnv() string {
	home := ""
	for _, s := range c.Target.Chain() {
		for _, n := range s.Body {
			if dockerfile.Cmd(n) != "env" {
				continue
			}
			for _, p := range dockerfile.EnvPairs(n) {
				if p[0] == "HOME" {
					home = p[1]
				}
			}
		}
	}
	if home == "" || !under(path.Clean(home), "/root") || c.Account.Home == "" {
		return ""
	}
	return c.Account.Home
}

// setupAnchor is the instruction after which the setup RUN goes: right
// after FROM so the layer caches well, or after the reused user's creation,
// or after the first USER root when the stage starts as another user.
func (c *check) setupAnchor() *parser.Node {
	t := c.Target
	if n := c.Account.Node; n != nil && !c.CreateUser {
		for _, b := range t.Body {
			if b == n {
				return n
			}
		}
	}
	if isRootUser(c.startUser(t)) {
		return t.From
	}
	for _, n := range t.Body {
		if dockerfile.Cmd(n) == "user" && c.moved[n] == nil && isRootUser(dockerfile.UserOf(n)) {
			return n
		}
	}
	return t.From
}

// runLines renders a RUN of several commands in the file's style: keyword
// case, escape character and indentation; exec form under a non-POSIX SHELL.
func (c *check) runLines(after *parser.Node, cmds []string) []string {
	d := c.doc
	shell := dockerfile.ShellAt(c.Target)
	for _, n := range c.Target.Body {
		if n.StartLine > after.StartLine {
			break
		}
		if dockerfile.Cmd(n) == "shell" {
			shell = dockerfile.Args(n)
		}
	}
	indent := c.indentNear(after)
	kw := d.Spell("RUN")
	if !dockerfile.PosixShell(shell) {
		var words []string
		for _, w := range []string{"/bin/sh", "-c", strings.Join(cmds, " && ")} {
			var b strings.Builder
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(false)
			_ = enc.Encode(w)
			words = append(words, strings.TrimSpace(b.String()))
		}
		return []string{indent + kw + " [" + strings.Join(words, ", ") + "]"}
	}
	cont := " " + string(d.Escape)
	lines := []string{indent + kw + " " + cmds[0]}
	for _, cmd := range cmds[1:] {
		lines[len(lines)-1] += cont
		lines = append(lines, indent+"    && "+cmd)
	}
	return lines
}

// indentNear is the indentation of the body instruction after n, else of
// n itself unless n is FROM.
func (c *check) indentNear(n *parser.Node) string {
	body := c.Target.Body
	for i, b := range body {
		if b == n && i+1 < len(body) {
			return c.doc.Indent(body[i+1].StartLine)
		}
	}
	if n == c.Target.From {
		if len(body) > 0 {
			return c.doc.Indent(body[0].StartLine)
		}
		return ""
	}
	return c.doc.Indent(n.StartLine)
}

// userPlace is where USER goes: it replaces a trailing USER root, or is
// inserted above line before, or below line after.
type userPlace struct {
	replace *parser.Node
	before  int
	after   int
	indent  string
	anchor  *parser.Node // the instruction next to the place, for RUN styling
	index   int          // body index of the first instruction after the place
}

// edit inserts lines (the last one is USER) at the place. A trailing USER
// root is replaced when USER is all there is to add; otherwise the new
// lines go below it, so that a RUN among them runs as root.
func (p userPlace) edit(d *dockerfile.Document, lines []string) dockerfile.Edit {
	switch {
	case p.replace != nil && len(lines) == 1:
		n := p.replace
		user := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(lines[0]), d.Spell("USER")))
		return dockerfile.Edit{Start: d.KeywordAt(n), End: d.LineEnd(n.EndLine), New: d.Keyword(n) + " " + user}
	case p.replace != nil:
		return d.InsertAfter(p.replace.EndLine, lines...)
	case p.before > 0:
		return d.InsertBefore(p.before, lines...)
	}
	return d.InsertAfter(p.after, lines...)
}

// placeUser finds where USER goes: after the last RUN that ran as root (the
// inserted setup RUN, after body index setupAt, counts) and before the
// first CMD/ENTRYPOINT/HEALTHCHECK that follows, or in place of a trailing
// USER root.
func (c *check) placeUser(users []string, setupAt int) userPlace {
	d, t := c.doc, c.Target
	lastRoot := setupAt
	for i, n := range t.Body {
		switch dockerfile.Cmd(n) {
		case "run":
			if isRootUser(users[i]) {
				lastRoot = i
			}
		case "copy", "add":
			// A COPY after the chown RUN would undo it (COPY / resets the
			// owners it writes over): USER and that RUN come after it.
			lastRoot = max(lastRoot, i)
		}
	}
	for i := len(t.Body) - 1; i > lastRoot; i-- {
		n := t.Body[i]
		if dockerfile.Cmd(n) == "user" && c.moved[n] == nil {
			if isRootUser(dockerfile.UserOf(n)) {
				return userPlace{replace: n, indent: d.Indent(n.StartLine), anchor: n, index: i + 1}
			}
			break
		}
	}
	for i := lastRoot + 1; i < len(t.Body); i++ {
		switch n := t.Body[i]; dockerfile.Cmd(n) {
		case "cmd", "entrypoint", "healthcheck":
			floor := t.From.EndLine
			if i > 0 {
				floor = t.Body[i-1].EndLine
			}
			l := d.CommentStart(n)
			if l <= floor {
				l = floor + 1
			}
			prev := t.From
			if i > 0 {
				prev = t.Body[i-1]
			}
			return userPlace{before: l, indent: d.Indent(n.StartLine), anchor: prev, index: i}
		}
	}
	last := t.Last()
	return userPlace{after: last.EndLine, indent: c.indentNear(last), anchor: last, index: len(t.Body)}
}

// baseNonRoot says why a stage that never sets USER is left alone: its
// base image's table entry says it runs as user u (DH024).
func (d *Decision) baseNonRoot(u string) {
	chain := d.Target.Chain()
	for _, s := range chain {
		for _, n := range s.Body {
			if dockerfile.Cmd(n) == "user" {
				return
			}
		}
	}
	root := chain[0]
	b := d.bases[root]
	if b.Ref == "" || d.swap != nil {
		return
	}
	d.reason(BaseNonRoot, root.From, false, BaseNonRoot.message(fmt.Sprintf("%q", b.Ref), u,
		"from dockerharden's image table; add USER to choose another"))
}

// declineOtherOwner declines when the file gives files to a named user it
// does not create and fix would not run as (RUN chown -R www-data …,
// COPY --chown=www-data): a sign that the program starts as root and
// switches to that user itself, as uWSGI's uid= or a start script does.
// Running as another user would leave those files out of its reach.
func (d *Decision) declineOtherOwner(acct Account) bool {
	created := map[string]bool{}
	for _, s := range d.Target.Chain() {
		for _, n := range s.Body {
			if dockerfile.Cmd(n) == "run" {
				users, _ := accounts(d.doc, n)
				for _, u := range users {
					created[u.Name] = true
				}
			}
		}
	}
	for _, o := range d.fileOwners() {
		name, _, _ := strings.Cut(o.spec, ":")
		if i := strings.IndexByte(name, '.'); i > 0 && !strings.Contains(o.spec, ":") {
			name = name[:i] // chown user.group, the old spelling
		}
		if name == "" || numeric(name) != "" || strings.ContainsAny(name, "$`") || isRootUser(name) ||
			name == acct.Name || created[name] {
			continue
		}
		if d.suppressed(StepDownEntrypoint, o.n.StartLine) {
			return false
		}
		d.reason(StepDownEntrypoint, o.n, false, StepDownEntrypoint.message(
			fmt.Sprintf("%s gives files to %s, a user this file does not create: the program likely switches to it itself", strings.ToUpper(o.n.Value), name),
			fmt.Sprintf("if it runs without root, add USER with %s's UID:GID yourself; else keep root", name)))
		return true
	}
	return false
}

// withArgs spells cmd with args, as several commands when one would be
// longer than a line should be: a stage with thousands of directories
// must not become a line over buildkit's 64 KiB limit.
func withArgs(cmd string, args []string) []string {
	const limit = 160
	var out []string
	line := cmd
	for i, a := range args {
		if i > 0 && len(line)+1+len(a) > limit && line != cmd {
			out = append(out, line)
			line = cmd
		}
		line += " " + a
	}
	return append(out, line)
}
