package rewrite

import (
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/dockerharden/dockerharden/dockerfile"
	"github.com/dockerharden/dockerharden/images"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// Outcome is what fix does with the target stage.
type Outcome string

// The outcomes.
const (
	// Keep: the stage does not end as root, or a pragma or the config keeps
	// it as it is. Misplaced USERs are still moved.
	Keep Outcome = "keep"
	// Harden: fix switches the stage to Account.
	Harden Outcome = "harden"
	// Decline: the stage ends as root and fix leaves it so; Reasons say why.
	Decline Outcome = "decline"
)

// Decision is what dockerharden decides about one Dockerfile, computed once
// by Decide from the document and the options. Fix derives its edits from
// it, check reports it, and run-time profiles read it. Treat it as
// read-only: the slices and stages are shared with the document.
type Decision struct {
	Stages  []*dockerfile.Stage
	Target  *dockerfile.Stage
	Base    images.Image // the target's base image, --family and config applied
	Outcome Outcome
	// Account is the user the target runs as after fix (Outcome Harden).
	Account Account
	// ReuseUser: Account exists already, created by the file or shipped by
	// the base image.
	ReuseUser bool
	// CreateUser: fix inserts the RUN that creates Account.
	CreateUser bool
	// Writable are the paths fix makes owned by Account.
	Writable []string
	// Reasons are the findings that explain the decision, in the order
	// they were made.
	Reasons []Finding

	doc      *dockerfile.Document
	opts     Options
	pragmas  pragmas
	bases    map[*dockerfile.Stage]images.Image // each stage's root image, as detected
	moved    map[*parser.Node]*parser.Node      // misplaced USER → the RUN it moves below
	wrapped  map[*parser.Node]*parser.Node      // install RUN run as root in place → the USER to restore
	paths    stagePaths                         // the target's directories (Outcome Harden)
	skipFile bool                               // "# dockerharden ignore-file"
	// inferredFrom is the package manager the family was inferred from,
	// when the image table does not know the base.
	inferredFrom string
	noContext    string          // the start script that could not be read (no build context)
	scriptWrites []string        // directories the start script writes
	guardedChown startScript     // a start script that chowns only when it runs as root
	scriptShell  bool            // the start script is a POSIX shell script: the image has a shell
	swap         *swap           // --swap-base: the base image fix changes
	command      *command        // effectiveCommand, once read
	accts        *[]Account      // accounts, once read
	mounts       []mount         // the volumes compose services that build this file mount
	ownerFrom    *parser.Node    // the COPY --chown whose owner the app runs as
	composeCmd   *composeService // a compose service that gives the stage its command
}

// Decide analyses a parsed Dockerfile. Its errors are bad input (no such
// --target stage).
func Decide(doc *dockerfile.Document, opts Options) (*Decision, error) {
	stages, err := dockerfile.Stages(doc)
	if err != nil {
		var e *dockerfile.Error
		if errors.As(err, &e) && templateRE().Match(doc.Src) {
			// "{{ before the first FROM" says nothing useful about a template.
			e.Msg = "a template (" + templateRE().FindString(string(doc.Src)) + "), not a Dockerfile: render it first, or change the template itself"
		}
		return nil, err
	}
	d := &Decision{
		Stages: stages, Target: stages[len(stages)-1], Outcome: Keep,
		doc: doc, opts: opts, pragmas: findPragmas(doc),
		bases: map[*dockerfile.Stage]images.Image{}, moved: map[*parser.Node]*parser.Node{}, wrapped: map[*parser.Node]*parser.Node{},
	}
	if opts.Target != "" {
		d.Target = nil
		for _, s := range stages {
			if s.Name == strings.ToLower(opts.Target) {
				d.Target = s
			}
		}
		if d.Target == nil {
			return nil, &dockerfile.Error{File: doc.Name, Msg: fmt.Sprintf("no stage named %q (--target)", opts.Target)}
		}
	}
	for _, s := range stages {
		if s.Parent != nil {
			d.bases[s] = d.bases[s.Parent]
		} else {
			d.bases[s] = images.Lookup(s.Image)
		}
	}
	for _, svc := range composeServices(opts.Compose) {
		if svc.stage == "" && d.Target != stages[len(stages)-1] || svc.stage != "" && svc.stage != d.Target.Name {
			continue // it builds another stage
		}
		if !svc.user {
			d.mounts = append(d.mounts, svc.mounts...)
		}
		if d.composeCmd == nil && len(svc.command) > 0 {
			d.composeCmd = &svc
		}
	}
	d.planSwap()
	d.Base = d.withOverrides(d.bases[d.Target])
	if d.Base.Family == images.Unknown && d.opts.Family == "" {
		d.inferFamily()
	}
	if d.pragmas.skipFile {
		d.skipFile = true
		return d, nil
	}
	// Why not to act at all; all but Windows and step-downs are asked only
	// of a stage fix would switch. A generated file is the first reason:
	// whatever else is true of it, a change there is lost.
	switchable := isRootUser(d.endUser(d.Target)) && !d.suppressed(RunAsRoot, d.Target.From.StartLine)
	declined := d.declineWindows() || switchable && d.declineGenerated() || d.declineStepDown()
	if !declined && switchable {
		declined = d.declineRootByDesign() || d.declinePrivileged() || d.declineOnbuild() || d.declineNotApp() || d.declineHomeState() || d.readContext() || d.declineDaemonPackage()
	}
	if !declined {
		d.findMoves()
	}
	d.decideRunAsRoot(declined)
	return d, nil
}

// withOverrides applies --family and the config's families to the target's
// base image.
func (d *Decision) withOverrides(base images.Image) images.Image {
	img := d.Target.Root().Image
	repo, _ := images.SplitRef(img) // patterns match the image as written
	for _, o := range d.opts.Families {
		m1, _ := path.Match(o.Image, img)
		m2, _ := path.Match(o.Image, repo)
		if m1 || m2 {
			base = base.WithFamily(o.Family)
			break
		}
	}
	if d.opts.Family != "" {
		base = base.WithFamily(d.opts.Family)
	}
	return base
}

// packageManagers tell the family of an image the table does not know.
var packageManagers = []struct {
	prog      string
	family    images.Family
	noUserAdd bool // minimal images of that kind lack useradd
}{
	{"apt-get", images.Debian, false},
	{"apt", images.Debian, false},
	{"apk", images.Alpine, false},
	{"microdnf", images.RHEL, true},
	{"tdnf", images.RHEL, true},
	{"dnf", images.RHEL, false},
	{"yum", images.RHEL, false},
}

// inferFamily reads the family from the package manager the stage chain
// runs, for a base the image table does not know.
func (d *Decision) inferFamily() {
	for _, s := range d.Target.Chain() {
		for _, n := range s.Body {
			if dockerfile.Cmd(n) != "run" {
				continue
			}
			for _, cmd := range d.doc.RunCommands(n) {
				for _, pm := range packageManagers {
					if dockerfile.Prog(cmd) == pm.prog {
						d.Base = d.Base.WithFamily(pm.family)
						d.Base.PkgMgr, d.Base.NoUserAdd = pm.prog, pm.noUserAdd
						d.inferredFrom = pm.prog
						return
					}
				}
			}
		}
	}
}

// reason records a finding that explains the decision, unless a pragma or
// the config switches its rule off there.
func (d *Decision) reason(r *Rule, n *parser.Node, fixable bool, msg string) {
	if f, ok := d.finding(r, n, fixable, msg); ok {
		d.Reasons = append(d.Reasons, f)
	}
}

// declineFor declines with rule r's reason on n, unless a pragma or the
// config switches r off there: then a human knows better, and fix goes on
// to the next question.
func (d *Decision) declineFor(r *Rule, n *parser.Node, msg string) bool {
	if d.suppressed(r, n.StartLine) {
		return false
	}
	d.reason(r, n, false, msg)
	return true
}

// finding makes a finding on node n's lines; ok is false when the rule is
// suppressed there.
func (d *Decision) finding(r *Rule, n *parser.Node, fixable bool, msg string, edits ...dockerfile.Edit) (Finding, bool) {
	f, ok := d.findingAt(r, n.StartLine, n.EndLine, fixable, msg, edits...)
	if ok {
		f.Range = d.doc.RangeOf(n)
	}
	return f, ok
}

// findingAt makes a finding on a line range that is not an instruction's
// (a comment, say).
func (d *Decision) findingAt(r *Rule, line, end int, fixable bool, msg string, edits ...dockerfile.Edit) (Finding, bool) {
	if d.suppressed(r, line) {
		return Finding{}, false
	}
	end = max(end, line)
	rng := dockerfile.Range{
		Start: d.doc.PosOf(d.doc.Start(line)),
		End:   d.doc.PosOf(d.doc.LineEnd(end)),
	}
	return Finding{Rule: r, Message: msg, Line: line, EndLine: end, Range: rng, Fixable: fixable, Edits: edits}, true
}

// decline leaves the target as root; the finding that explains why is
// reported next to it.
func (d *Decision) decline() {
	d.Outcome = Decline
	d.reason(RunAsRoot, d.Target.From, false, RunAsRoot.message("fix leaves it alone for the reason reported with it"))
}
