package rewrite

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/dockerharden/dockerharden/templates"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// checkRunAsRoot switches a target stage that ends as root to a non-root
// user: it creates the user with the base family's tools (or reuses one the
// file creates), makes WORKDIR/VOLUME paths writable, and places USER after
// the last RUN that ran as root.
func (p *plan) checkRunAsRoot() {
	t := p.target
	if !isRootUser(endUser(t)) || p.suppressed(RuleRunAsRoot, t.From.StartLine) {
		return
	}
	if p.declined {
		p.declineRoot()
		return
	}
	if last := t.Last(); p.doc.dangling(last) {
		p.declineRoot()
		p.add(RuleDangling, last.StartLine, last.EndLine, false,
			"the final stage runs as root, but the file ends inside this instruction's line continuation, so USER cannot be added after it; left alone (remove the trailing escape character)")
		return
	}
	if child := p.childRunningRUN(); child != nil {
		p.declineRoot()
		p.add(RuleChildStage, child.StartLine, child.EndLine, false, fmt.Sprintf(
			"this RUN is in a stage built on the target stage %q and runs as the user that stage ends with: a non-root USER there would break it; left alone (harden the last stage instead, or add USER root to this stage)", t.Name))
		return
	}
	acct, reused, ok := p.chooseAccount()
	if !ok {
		p.declineRoot()
		return
	}
	p.harden, p.account = true, acct
	fam := p.base.Family
	p.created = !reused && fam.CanCreateUser()
	p.dirs = p.writableDirs()

	var edits []Edit
	var setup []string
	if p.created {
		cmds, err := templates.Commands(string(fam), templates.Data{
			UID: p.opts.UID, GID: p.opts.GID, User: p.opts.User, Group: p.opts.Group, Variant: p.base.Variant,
		})
		if err != nil { // a family without a template is a bug in the tables
			panic(err)
		}
		setup = cmds
	}
	if fam.CanCreateUser() && len(p.dirs) > 0 {
		dirs := strings.Join(p.dirs, " ")
		setup = append(setup, "mkdir -p "+dirs, "chown "+acct.USER()+" "+dirs)
	}
	users := usersAt(t, p.moved)
	setupAt := -1 // body index of the instruction the setup RUN follows
	if len(setup) > 0 {
		at := p.setupAnchor()
		for i, n := range t.Body {
			if n == at {
				setupAt = i
			}
		}
		edits = append(edits, p.doc.insertLinesAfter(at.EndLine, p.runLines(at, setup)...))
	}
	edits = append(edits, p.placeUser(users, setupAt, acct.USER()))

	from := t.From
	var msg string
	switch {
	case reused:
		msg = fmt.Sprintf("the final stage runs as root; fix switches to the existing user %s (USER %s)", acct.Name, acct.USER())
	case p.created:
		msg = fmt.Sprintf("the final stage runs as root; fix creates user %s (%s) and adds USER %s", acct.Name, acct.USER(), acct.USER())
	case fam == Unknown:
		msg = fmt.Sprintf("the final stage runs as root; fix adds USER %s (numeric: it needs no passwd entry)", acct.USER())
	default:
		msg = fmt.Sprintf("the final stage runs as root; fix adds USER %s (base %q has no shell to create a user: a numeric UID needs no passwd entry; distroless and chainguard ship nonroot as --uid 65532 --gid 65532)", acct.USER(), p.base.Image)
	}
	p.add(RuleRunAsRoot, from.StartLine, from.EndLine, true, msg, edits...)
	if fam == Unknown {
		why := "is not in dockerharden's image table"
		if strings.Contains(p.base.Image, "$") {
			why = "could not be resolved from ARG defaults"
		}
		root := t.Root().From
		p.add(RuleUnknownBase, root.StartLine, root.EndLine, false, fmt.Sprintf(
			"base image %q %s: fix adds a numeric USER and --chown only and creates no user; pass --family debian|alpine|rhel to create one", p.base.Image, why))
	}
}

// declineRoot leaves the stage as root and says so; the finding that
// explains why is reported next to it.
func (p *plan) declineRoot() {
	p.declined = true
	p.add(RuleRunAsRoot, p.target.From.StartLine, p.target.From.EndLine, false,
		"the final stage runs as root; fix leaves it alone for the reason reported with it")
}

// chooseAccount picks the user to switch to: one the file already creates,
// else a user the base image ships under the configured name, else the
// configured user. ok is false when that would collide with the base image.
func (p *plan) chooseAccount() (acct Account, reused, ok bool) {
	o := p.opts
	if accts := p.accounts(); len(accts) > 0 {
		// A user the file already switches to wins, then the configured
		// name, then the last one created.
		chain := p.target.Chain()
		for i := len(chain) - 1; i >= 0; i-- {
			body := chain[i].Body
			for j := len(body) - 1; j >= 0; j-- {
				if cmdOf(body[j]) == "user" && !isRootUser(userOf(body[j])) {
					if a, found := findAccount(accts, userOf(body[j])); found {
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
	for _, u := range p.base.Facts.Users {
		if u.Name == o.User {
			id := strconv.Itoa(u.UID)
			return Account{Name: u.Name, UID: id, GID: id}, true, true
		}
	}
	acct = Account{Name: o.User, UID: uid, GID: gid, Group: o.Group}
	if !p.base.Family.CanCreateUser() {
		return acct, false, true // numeric only: nothing to collide with
	}
	collide := func(why string) (Account, bool, bool) {
		from := p.target.Root().From
		p.add(RuleIDCollision, from.StartLine, from.EndLine, false, why+"; left alone: pass other --uid/--gid/--user/--group")
		return Account{}, false, false
	}
	for _, u := range p.base.Facts.Users {
		if u.UID == o.UID || u.UID == o.GID || u.Name == o.Group {
			return collide(fmt.Sprintf("base image %q already has %s (UID %d)", p.base.Image, u.Name, u.UID))
		}
	}
	if systemNames[o.User] || systemNames[o.Group] {
		return collide(fmt.Sprintf("user %q or group %q is a system account in every base image", o.User, o.Group))
	}
	if p.base.Variant == "busybox" && (o.UID > 60000 || o.GID > 60000) {
		return collide(fmt.Sprintf("the busybox image's adduser refuses IDs above 60000 (asked for %d:%d)", o.UID, o.GID))
	}
	for _, s := range p.target.Chain() {
		for _, n := range s.Body {
			if cmdOf(n) != "run" {
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

// setupAnchor is the instruction after which the setup RUN goes: right
// after FROM so the layer caches well, or after the reused user's creation,
// or after the first USER root when the stage starts as another user.
func (p *plan) setupAnchor() *parser.Node {
	t := p.target
	if n := p.account.Node; n != nil && !p.created {
		for _, b := range t.Body {
			if b == n {
				return n
			}
		}
	}
	if isRootUser(startUser(t)) {
		return t.From
	}
	for _, n := range t.Body {
		if cmdOf(n) == "user" && p.moved[n] == nil && isRootUser(userOf(n)) {
			return n
		}
	}
	return t.From
}

// runLines renders a RUN of several commands in the file's style: keyword
// case, escape character and indentation; exec form under a non-POSIX SHELL.
func (p *plan) runLines(after *parser.Node, cmds []string) []string {
	d := p.doc
	shell := shellAt(p.target)
	for _, n := range p.target.Body {
		if n.StartLine > after.StartLine {
			break
		}
		if cmdOf(n) == "shell" {
			shell = args(n)
		}
	}
	indent := p.indentNear(after)
	kw := d.kw("RUN")
	if !posixShell(shell) {
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
	for _, c := range cmds[1:] {
		lines[len(lines)-1] += cont
		lines = append(lines, indent+"    && "+c)
	}
	return lines
}

// indentNear is the indentation of the body instruction after n, else of
// n itself unless n is FROM.
func (p *plan) indentNear(n *parser.Node) string {
	body := p.target.Body
	for i, b := range body {
		if b == n && i+1 < len(body) {
			return p.doc.Indent(body[i+1].StartLine)
		}
	}
	if n == p.target.From {
		if len(body) > 0 {
			return p.doc.Indent(body[0].StartLine)
		}
		return ""
	}
	return p.doc.Indent(n.StartLine)
}

// placeUser returns the edit that makes the stage end as user: it replaces
// a trailing USER root, or inserts USER after the last RUN that ran as root
// (the inserted setup RUN, after body index setupAt, counts) and before the
// first CMD/ENTRYPOINT/HEALTHCHECK that follows.
func (p *plan) placeUser(users []string, setupAt int, user string) Edit {
	d, t := p.doc, p.target
	lastRoot := setupAt
	for i, n := range t.Body {
		if cmdOf(n) == "run" && isRootUser(users[i]) {
			lastRoot = i
		}
	}
	for i := len(t.Body) - 1; i > lastRoot; i-- {
		n := t.Body[i]
		if cmdOf(n) == "user" && p.moved[n] == nil {
			if isRootUser(userOf(n)) {
				start := d.keywordAt(n)
				return Edit{Start: start, End: d.lineEnd(n.EndLine), New: d.Keyword(n) + " " + user}
			}
			break
		}
	}
	for i := lastRoot + 1; i < len(t.Body); i++ {
		switch n := t.Body[i]; cmdOf(n) {
		case "cmd", "entrypoint", "healthcheck":
			floor := t.From.EndLine
			if i > 0 {
				floor = t.Body[i-1].EndLine
			}
			l := d.commentStart(n)
			if l <= floor {
				l = floor + 1
			}
			return d.insertLinesBefore(l, d.Indent(n.StartLine)+d.kw("USER")+" "+user)
		}
	}
	last := t.Last()
	return d.insertLinesAfter(last.EndLine, p.indentNear(last)+d.kw("USER")+" "+user)
}

// childRunningRUN finds a RUN in a later stage built FROM the target that
// runs before that stage sets its own USER: it would inherit the new user.
// Only --target can pick a stage that has such children.
func (p *plan) childRunningRUN() *parser.Node {
	for _, s := range p.stages[p.target.Index+1:] {
		onTarget := false
		for c := s.Parent; c != nil; c = c.Parent {
			onTarget = onTarget || c == p.target
		}
		if !onTarget {
			continue
		}
		for _, n := range s.Body {
			if cmdOf(n) == "user" {
				break
			}
			if cmdOf(n) == "run" {
				return n
			}
		}
	}
	return nil
}
