package rewrite

import (
	"bytes"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// Options configure Fix. Start from DefaultOptions.
type Options struct {
	UID, GID    int    // IDs of the user to create (never 0)
	User, Group string // names of the user and group to create
	Target      string // stage to harden; "" = the last one
	Family      Family // "" = detect from the base image
	Families    []FamilyOverride
	Disabled    map[string]bool // rule IDs switched off
}

// FamilyOverride sets the family of base images matching a path.Match
// pattern, tried against the image as written (ARGs resolved) and without
// its tag: "registry.example.com/team/*".
type FamilyOverride struct {
	Image  string
	Family Family
}

// DefaultOptions: UID/GID 10001 and app/app, clear of the IDs popular base
// images already use (0, 101, 999, 1000, 1654, 65532, 65534).
func DefaultOptions() Options {
	return Options{UID: 10001, GID: 10001, User: "app", Group: "app"}
}

var nameRE = lazyRE(`^[a-z_][a-z0-9_-]{0,31}$`)

// Validate reports options that would produce a broken or root image.
func (o Options) Validate() error {
	switch {
	case o.UID <= 0 || o.UID > 2147483647:
		return fmt.Errorf("--uid %d: must be a non-root ID between 1 and 2147483647", o.UID)
	case o.GID <= 0 || o.GID > 2147483647:
		return fmt.Errorf("--gid %d: must be a non-root ID between 1 and 2147483647", o.GID)
	case !nameRE().MatchString(o.User) || o.User == "root":
		return fmt.Errorf("--user %q: must be a non-root name matching %s", o.User, nameRE())
	case !nameRE().MatchString(o.Group) || o.Group == "root":
		return fmt.Errorf("--group %q: must be a non-root name matching %s", o.Group, nameRE())
	}
	if o.Family != "" {
		for _, f := range Families {
			if f == o.Family {
				return nil
			}
		}
		return fmt.Errorf("--family %q: must be one of %v", o.Family, Families)
	}
	return nil
}

// Result is the outcome of Fix.
type Result struct {
	Output   []byte // the hardened file; the input itself when nothing changed
	Changed  bool
	Findings []Finding // every finding, sorted by line
}

// Warnings are the findings fix prints: why it declined or what it could
// not do.
func (r *Result) Warnings() []Finding {
	var w []Finding
	for _, f := range r.Findings {
		if rule, _ := RuleByID(f.Rule); rule.Notify {
			w = append(w, f)
		}
	}
	return w
}

// Fix hardens a Dockerfile. name is used in messages only. The input is
// never modified; on error the caller must keep the original.
func Fix(name string, src []byte, opts Options) (*Result, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	res, err := fix(name, src, opts, false)
	if err != nil || !res.Changed {
		return res, err
	}
	// Verify: the output parses, and fixing it again changes nothing.
	again, err := fix(name, res.Output, opts, true)
	if err != nil {
		return nil, &Error{File: name, Msg: "internal error: the hardened file does not parse (" + err.Error() + "); the file was left alone, please report this"}
	}
	if again.Changed {
		return nil, &Error{File: name, Msg: "internal error: hardening is not stable (a second run would change the file again); the file was left alone, please report this"}
	}
	return res, nil
}

// fix runs the rules once. editsOnly skips the report-only rules, for the
// verification pass, which only asks whether anything would change.
func fix(name string, src []byte, opts Options, editsOnly bool) (*Result, error) {
	doc, err := Parse(name, src)
	if err != nil {
		return nil, err
	}
	p, err := newPlan(doc, opts)
	if err != nil {
		return nil, err
	}
	res := &Result{Output: src}
	if p.pragmas.skipFile {
		return res, nil
	}
	p.run(editsOnly)
	var edits []Edit
	for _, f := range p.findings {
		res.Findings = append(res.Findings, f)
		edits = append(edits, f.Edits...)
	}
	sort.SliceStable(res.Findings, func(i, j int) bool {
		a, b := res.Findings[i], res.Findings[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Rule < b.Rule
	})
	if len(edits) == 0 {
		return res, nil
	}
	out, err := Apply(src, edits)
	if err != nil {
		return nil, &Error{File: name, Msg: err.Error()}
	}
	res.Output, res.Changed = out, !bytes.Equal(out, src)
	return res, nil
}

// plan holds what the rules share about one file.
type plan struct {
	doc    *Document
	opts   Options
	stages []*Stage
	target *Stage
	base   Base // the target's base, with --family applied

	pragmas  pragmas
	declined bool                          // a rule decided to leave the file alone
	moved    map[*parser.Node]*parser.Node // misplaced USER → the RUN it moves below
	harden   bool                          // the target ends as root and will be switched
	account  Account                       // the user to switch to
	created  bool                          // the creation RUN is inserted by us
	dirs     []string                      // paths made writable for the user
	findings []Finding
}

func newPlan(doc *Document, opts Options) (*plan, error) {
	stages, err := stages(doc)
	if err != nil {
		return nil, err
	}
	p := &plan{doc: doc, opts: opts, stages: stages, moved: map[*parser.Node]*parser.Node{}, pragmas: findPragmas(doc)}
	p.target = stages[len(stages)-1]
	if opts.Target != "" {
		p.target = nil
		for _, s := range stages {
			if s.Name == strings.ToLower(opts.Target) {
				p.target = s
			}
		}
		if p.target == nil {
			return nil, &Error{File: doc.Name, Msg: fmt.Sprintf("no stage named %q (--target)", opts.Target)}
		}
	}
	p.base = p.target.Base
	img := p.target.Root().Image
	repo, _, _ := strings.Cut(img, "@")
	if i := strings.LastIndex(repo, ":"); i > strings.LastIndex(repo, "/") {
		repo = repo[:i]
	}
	for _, o := range opts.Families {
		m1, _ := path.Match(o.Image, img)
		m2, _ := path.Match(o.Image, repo)
		if m1 || m2 {
			if o.Family != p.base.Family {
				p.base.Family, p.base.Variant = o.Family, ""
			}
			break
		}
	}
	if opts.Family != "" && opts.Family != p.base.Family {
		p.base.Family, p.base.Variant = opts.Family, ""
	}
	return p, nil
}

// run applies the rules in order; later rules read what earlier ones
// decided. The rules after checkCopyChown never edit.
func (p *plan) run(editsOnly bool) {
	p.checkWindows()
	p.checkStepDown()
	p.checkUserBeforeInstall()
	p.checkRunAsRoot()
	p.checkCopyChown()
	if editsOnly {
		return
	}
	p.checkWritablePaths()
	p.checkOnbuild()
	p.checkNamedUser()
	p.checkPrivilegedPort()
	p.checkSudo()
	p.checkAddLocal()
	p.checkUnpinnedBase()
	p.checkHealthcheck()
}

func (p *plan) add(rule string, line, end int, fixable bool, msg string, edits ...Edit) {
	if p.suppressed(rule, line) {
		return
	}
	r, _ := RuleByID(rule)
	if end < line {
		end = line
	}
	p.findings = append(p.findings, Finding{Rule: rule, Severity: r.Severity, Message: msg, Line: line, EndLine: end, Fixable: fixable, Edits: edits})
}
