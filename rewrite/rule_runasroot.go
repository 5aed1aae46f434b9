package rewrite

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/dockerharden/dockerharden/dockerfile"
	"github.com/dockerharden/dockerharden/images"
	"github.com/dockerharden/dockerharden/templates"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// decideRunAsRoot decides whether a target that ends as root is switched to
// a non-root user (DH001), and which: one the file creates, one the base
// image ships under the configured name, or the configured user.
func (d *Decision) decideRunAsRoot(declined bool) {
	t := d.Target
	if !isRootUser(d.endUser(t)) || d.suppressed(RunAsRoot, t.From.StartLine) {
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
	acct, reused, ok := d.chooseAccount()
	if !ok {
		d.decline()
		return
	}
	d.Outcome, d.Account, d.ReuseUser = Harden, acct, reused
	d.CreateUser = !reused && d.Base.Family.CanCreateUser()
	d.Writable = d.writableDirs()
	if d.Base.Family == images.Unknown {
		why := "is not in dockerharden's image table"
		if strings.Contains(d.Base.Ref, "$") {
			why = "could not be resolved from ARG defaults"
		}
		d.reason(UnknownBase, t.Root().From, false, UnknownBase.message(d.Base.Ref, why))
	}
}

// chooseAccount picks the user to switch to: one the file already creates,
// else a user the base image ships under the configured name, else the
// configured user. ok is false when that would collide with the base image.
func (d *Decision) chooseAccount() (acct Account, reused, ok bool) {
	o := d.opts
	if accts := d.accounts(); len(accts) > 0 {
		// A user the file already switches to wins, then the configured
		// name, then the last one created.
		chain := d.Target.Chain()
		for i := len(chain) - 1; i >= 0; i-- {
			body := chain[i].Body
			for j := len(body) - 1; j >= 0; j-- {
				if dockerfile.Cmd(body[j]) == "user" && !isRootUser(dockerfile.UserOf(body[j])) {
					if a, found := findAccount(accts, dockerfile.UserOf(body[j])); found {
						return a, true, true
					}
				}
			}
		}
		if a, found := findAccount(accts, o.User); found {
			return a, true, true
		}
		return accts[len(accts)-1], true, true
	}
	uid, gid := strconv.Itoa(o.UID), strconv.Itoa(o.GID)
	if u, found := d.Base.HasUser(o.User); found {
		id := strconv.Itoa(u.UID)
		return Account{Name: u.Name, UID: id, GID: id}, true, true
	}
	acct = Account{Name: o.User, UID: uid, GID: gid, Group: o.Group}
	if !d.Base.Family.CanCreateUser() {
		return acct, false, true // numeric only: nothing to collide with
	}
	collide := func(why string) (Account, bool, bool) {
		d.reason(IDCollision, d.Target.Root().From, false, IDCollision.message(why))
		return Account{}, false, false
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
			_, groups := accounts(n)
			for name, id := range groups {
				if name == o.Group || id == gid {
					return collide(fmt.Sprintf("line %d already creates group %s", n.StartLine, name))
				}
			}
		}
	}
	return acct, false, true
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
// decided account: the setup RUN (user creation, writable paths) and USER.
func (c *check) runAsRoot() {
	if c.Outcome != Harden {
		return
	}
	t, acct, fam := c.Target, c.Account, c.Base.Family
	var edits []dockerfile.Edit
	var setup []string
	if c.CreateUser {
		cmds, err := templates.Commands(string(fam), templates.Data{
			UID: c.opts.UID, GID: c.opts.GID, User: c.opts.User, Group: c.opts.Group, Install: c.Base.Install,
		})
		if err != nil { // a family without a template is a bug in the tables
			panic(err)
		}
		setup = cmds
	}
	if fam.CanCreateUser() && len(c.Writable) > 0 {
		dirs := strings.Join(c.Writable, " ")
		setup = append(setup, "mkdir -p "+dirs, "chown "+acct.USER()+" "+dirs)
	}
	users := c.usersAt(t)
	setupAt := -1 // body index of the instruction the setup RUN follows
	if len(setup) > 0 {
		at := c.setupAnchor()
		for i, n := range t.Body {
			if n == at {
				setupAt = i
			}
		}
		edits = append(edits, c.doc.InsertAfter(at.EndLine, c.runLines(at, setup)...))
	}
	edits = append(edits, c.placeUser(users, setupAt, acct.USER()))

	var msg string
	switch {
	case c.ReuseUser:
		msg = fmt.Sprintf("fix switches to the existing user %s (USER %s)", acct.Name, acct.USER())
	case c.CreateUser:
		msg = fmt.Sprintf("fix creates user %s (%s) and adds USER %s", acct.Name, acct.USER(), acct.USER())
	case fam == images.Unknown:
		msg = fmt.Sprintf("fix adds USER %s (numeric: it needs no passwd entry)", acct.USER())
	default:
		msg = fmt.Sprintf("fix adds USER %s (base %q has no shell to create a user: a numeric UID needs no passwd entry; distroless and chainguard ship nonroot as --uid 65532 --gid 65532)", acct.USER(), c.Base.Ref)
	}
	c.add(RunAsRoot, t.From, true, RunAsRoot.message(msg), edits...)
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

// placeUser returns the edit that makes the stage end as user: it replaces
// a trailing USER root, or inserts USER after the last RUN that ran as root
// (the inserted setup RUN, after body index setupAt, counts) and before the
// first CMD/ENTRYPOINT/HEALTHCHECK that follows.
func (c *check) placeUser(users []string, setupAt int, user string) dockerfile.Edit {
	d, t := c.doc, c.Target
	lastRoot := setupAt
	for i, n := range t.Body {
		if dockerfile.Cmd(n) == "run" && isRootUser(users[i]) {
			lastRoot = i
		}
	}
	for i := len(t.Body) - 1; i > lastRoot; i-- {
		n := t.Body[i]
		if dockerfile.Cmd(n) == "user" && c.moved[n] == nil {
			if isRootUser(dockerfile.UserOf(n)) {
				start := d.KeywordAt(n)
				return dockerfile.Edit{Start: start, End: d.LineEnd(n.EndLine), New: d.Keyword(n) + " " + user}
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
			return d.InsertBefore(l, d.Indent(n.StartLine)+d.Spell("USER")+" "+user)
		}
	}
	last := t.Last()
	return d.InsertAfter(last.EndLine, c.indentNear(last)+d.Spell("USER")+" "+user)
}
