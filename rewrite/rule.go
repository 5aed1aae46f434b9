package rewrite

import (
	"fmt"
	"strings"

	"github.com/dockerharden/dockerharden/dockerfile"
)

// Severity orders findings for --fail-on and report formats.
type Severity string

// Severities, most severe first.
const (
	SevError   Severity = "error"
	SevWarning Severity = "warning"
	SevInfo    Severity = "info"
)

// Rank is 3 for error, 2 for warning, 1 for info, 0 otherwise.
func (s Severity) Rank() int {
	switch s {
	case SevError:
		return 3
	case SevWarning:
		return 2
	case SevInfo:
		return 1
	}
	return 0
}

// Phase says what fix does with a rule's findings.
type Phase string

// The phases, as the README's rule table names them.
const (
	// Fixes: fix changes what the rule finds.
	Fixes Phase = "fixes"
	// Notice: the finding explains why fix declined or what it could not
	// do; fix prints it as a warning.
	Notice Phase = "notice"
	// ReportOnly: only check reports it.
	ReportOnly Phase = "—"
)

// Rule is a check's stable identity, declared once in Rules. IDs never
// change meaning; the README documents each rule under Anchor.
type Rule struct {
	ID          string
	Name        string // kebab-case
	Severity    Severity
	Phase       Phase
	Description string // one line, for rule tables and SARIF
	// Format is the message's fmt format; the check that reports the rule
	// fills in the details.
	Format string
}

// Anchor is the README section's anchor: "dh001-run-as-root".
func (r *Rule) Anchor() string { return strings.ToLower(r.ID + "-" + r.Name) }

// message fills in the rule's format.
func (r *Rule) message(a ...any) string { return fmt.Sprintf(r.Format, a...) }

// The rules, one value each; checks report them by value.
var (
	RunAsRoot = &Rule{
		"DH001", "run-as-root", SevError, Fixes,
		"the final stage runs as root",
		"the final stage runs as root; %s",
	}
	CopyWithoutChown = &Rule{
		"DH002", "copy-without-chown", SevWarning, Fixes,
		"COPY/ADD in the final stage without --chown",
		"%s without --chown creates root-owned files; fix adds %s",
	}
	UserBeforeInstall = &Rule{
		"DH003", "user-before-install", SevError, Fixes,
		"a non-root USER comes before a package install that needs root",
		"USER %s comes before the package install on line %d, which needs root; %s",
	}
	NamedUser = &Rule{
		"DH004", "named-user", SevWarning, ReportOnly,
		"the final USER is a name, not a numeric UID (Kubernetes runAsNonRoot cannot verify it)",
		"USER %s is a name: Kubernetes runAsNonRoot cannot verify it; use %s",
	}
	PrivilegedPort = &Rule{
		"DH005", "privileged-port", SevWarning, Notice,
		"a port below 1024 (EXPOSE, or PORT/…_URLS in ENV) while running as non-root",
		"%s: a non-root process cannot bind ports below 1024 on Kubernetes by default; listen on 8080 (or another port above 1023) instead",
	}
	Sudo = &Rule{
		"DH006", "sudo", SevWarning, ReportOnly,
		"sudo in RUN",
		"sudo in RUN: steps that need root should run before USER, without sudo",
	}
	AddLocalFile = &Rule{
		"DH007", "add-local-file", SevInfo, ReportOnly,
		"ADD of a local file that is not an archive: use COPY",
		"ADD %s: a local file that is not an archive; use COPY",
	}
	UnpinnedBase = &Rule{
		"DH008", "unpinned-base", SevInfo, ReportOnly,
		"base image untagged or :latest",
		"base image %q is not pinned to a version (untagged or :latest)",
	}
	NoHealthcheck = &Rule{
		"DH009", "no-healthcheck", SevInfo, ReportOnly,
		"no HEALTHCHECK in the final stage",
		"no HEALTHCHECK in the final stage (optional; orchestrators such as Kubernetes use their own probes)",
	}
	StepDownEntrypoint = &Rule{
		"DH010", "step-down-entrypoint", SevWarning, Notice,
		"entrypoint drops privileges itself (gosu, su-exec, setpriv, su -c): left alone",
		"%s, so it must start as root; left alone (%s)",
	}
	WindowsBase = &Rule{
		"DH011", "windows-base", SevWarning, Notice,
		"Windows base image: left alone",
		"base image %q is Windows: COPY --chown is not supported there and users are set up differently; left alone (use USER ContainerUser on nanoserver)",
	}
	UnknownBase = &Rule{
		"DH012", "unknown-base", SevWarning, Notice,
		"base image family unknown: from the package manager the stage uses, else numeric USER and --chown only",
		"base image %q %s",
	}
	WritablePath = &Rule{
		"DH013", "writable-path", SevWarning, Notice,
		"a path the app may write stays root-owned",
		"%s",
	}
	IDCollision = &Rule{
		"DH014", "id-collision", SevError, Notice,
		"the configured user or ID is already taken in the base image",
		"%s; left alone: pass other --uid/--gid/--user/--group",
	}
	OnbuildAsUser = &Rule{
		"DH015", "onbuild-as-user", SevWarning, Notice,
		"ONBUILD triggers would run as the non-root user in child images: left alone",
		"ONBUILD %s runs in every child image as this stage's final user, so a non-root USER here would break the children's builds; left alone (set USER in the child images' final stages)",
	}
	DanglingContinuation = &Rule{
		"DH016", "dangling-continuation", SevWarning, Notice,
		"the file ends inside a line continuation, so nothing can be added after it",
		"the final stage runs as root, but the file ends inside this instruction's line continuation, so USER cannot be added after it; left alone (remove the trailing escape character)",
	}
	ChildStageRunsAsRoot = &Rule{
		"DH017", "child-stage-runs-as-root", SevWarning, Notice,
		"a later stage built on the target stage runs RUN as root",
		"this RUN is in a stage built on the target stage %q and runs as the user that stage ends with: a non-root USER there would break it; left alone (harden the last stage instead, or add USER root to this stage)",
	}
	RootByDesign = &Rule{
		"DH018", "root-by-design", SevWarning, Notice,
		"the program needs root or drops privileges itself (sshd, cron, supervisord, init systems, dockerd, nginx, Apache): left alone",
		"%s; left alone (%s)",
	}
	NotAnAppImage = &Rule{
		"DH019", "not-an-app-image", SevWarning, Notice,
		"a base, toolchain or export-only image that other builds use: left alone",
		"%s; left alone (%s)",
	}
	GeneratedFile = &Rule{
		"DH020", "generated-file", SevWarning, Notice,
		"a generated file or a template: left alone",
		"%s; left alone (change the generator or template instead)",
	}
	AddURLUnreadable = &Rule{
		"DH022", "add-url-unreadable", SevWarning, Fixes,
		"ADD of a URL creates a file only root can read",
		"ADD of a URL creates a 0600 root-owned file that a non-root app cannot read; fix adds %s",
	}
	SwapBase = &Rule{
		"DH023", "swap-base", SevInfo, Fixes,
		"with --swap-base, an image that needs root is replaced by its unprivileged variant",
		"%s",
	}
	BaseNonRoot = &Rule{
		"DH024", "base-runs-as-non-root", SevInfo, ReportOnly,
		"the base image already runs as a non-root user and the file keeps it: nothing to do",
		"the base image %s already runs as user %s and the file sets no USER; nothing to do (%s)",
	}
	AppInRootHome = &Rule{
		"DH021", "app-in-root-home", SevWarning, Notice,
		"the app or what it needs lives in /root, which a non-root user cannot enter: left alone",
		"%s; left alone (%s)",
	}
)

// Rules lists every rule in ID order.
var Rules = []*Rule{
	RunAsRoot, CopyWithoutChown, UserBeforeInstall, NamedUser, PrivilegedPort, Sudo,
	AddLocalFile, UnpinnedBase, NoHealthcheck, StepDownEntrypoint, WindowsBase,
	UnknownBase, WritablePath, IDCollision, OnbuildAsUser, DanglingContinuation,
	ChildStageRunsAsRoot, RootByDesign, NotAnAppImage, GeneratedFile, AppInRootHome,
	AddURLUnreadable, SwapBase, BaseNonRoot,
}

// LookupRule finds a rule by ID or name, case-insensitively.
func LookupRule(idOrName string) (*Rule, bool) {
	for _, r := range Rules {
		if strings.EqualFold(idOrName, r.ID) || strings.EqualFold(idOrName, r.Name) {
			return r, true
		}
	}
	return nil, false
}

// Finding is one thing dockerharden reports about a file.
type Finding struct {
	Rule    *Rule
	Message string
	Line    int // 1-based, inclusive range
	EndLine int
	Range   dockerfile.Range // the instruction's text, for editors
	Fixable bool             // fix changes this
	Edits   []dockerfile.Edit
}

// Severity is the rule's severity.
func (f Finding) Severity() Severity { return f.Rule.Severity }
