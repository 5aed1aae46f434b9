package rewrite

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

// Rule is a check's stable identity. IDs never change meaning; the README
// documents each one under an anchor named after Name.
type Rule struct {
	ID       string
	Name     string // kebab-case; the README anchor
	Severity Severity
	Summary  string
	// Notify: fix prints findings of this rule as warnings, because they
	// explain why fix declined or what it could not do.
	Notify bool
}

// Rule IDs.
const (
	RuleRunAsRoot         = "DH001"
	RuleCopyChown         = "DH002"
	RuleUserBeforeInstall = "DH003"
	RuleNamedUser         = "DH004"
	RulePrivilegedPort    = "DH005"
	RuleSudo              = "DH006"
	RuleAddLocal          = "DH007"
	RuleUnpinnedBase      = "DH008"
	RuleNoHealthcheck     = "DH009"
	RuleStepDown          = "DH010"
	RuleWindows           = "DH011"
	RuleUnknownBase       = "DH012"
	RuleWritablePath      = "DH013"
	RuleIDCollision       = "DH014"
	RuleOnbuildAsUser     = "DH015"
	RuleDangling          = "DH016"
	RuleChildStage        = "DH017"
	RuleNoWritableWorkdir = "DH016"
)

// Rules is the rule table, in ID order.
var Rules = []Rule{
	{RuleRunAsRoot, "run-as-root", SevError, "the final stage runs as root", false},
	{RuleCopyChown, "copy-without-chown", SevWarning, "COPY/ADD in the final stage without --chown", false},
	{RuleUserBeforeInstall, "user-before-install", SevError, "a non-root USER comes before a package install that needs root", false},
	{RuleNamedUser, "named-user", SevWarning, "the final USER is a name, not a numeric UID (Kubernetes runAsNonRoot cannot verify it)", false},
	{RulePrivilegedPort, "privileged-port", SevWarning, "EXPOSE of a port below 1024 while running as non-root", false},
	{RuleSudo, "sudo", SevWarning, "sudo in RUN", false},
	{RuleAddLocal, "add-local-file", SevInfo, "ADD of a local file that is not an archive: use COPY", false},
	{RuleUnpinnedBase, "unpinned-base", SevInfo, "base image untagged or :latest", false},
	{RuleNoHealthcheck, "no-healthcheck", SevInfo, "no HEALTHCHECK in the final stage", false},
	{RuleStepDown, "step-down-entrypoint", SevWarning, "entrypoint drops privileges itself (gosu, su-exec, setpriv, su -c): left alone", true},
	{RuleWindows, "windows-base", SevWarning, "Windows base image: left alone", true},
	{RuleUnknownBase, "unknown-base", SevWarning, "base image family unknown: numeric USER and --chown only", true},
	{RuleWritablePath, "writable-path", SevWarning, "a path the app may write stays root-owned", true},
	{RuleIDCollision, "id-collision", SevError, "the configured user or ID is already taken in the base image", true},
	{RuleOnbuildAsUser, "onbuild-as-user", SevWarning, "ONBUILD triggers will run as the non-root user in child images", true},
	{RuleChildStage, "child-stage-runs-as-root", SevWarning, "a later stage built on the target stage runs RUN as root", true},
	{RuleDangling, "dangling-continuation", SevWarning, "the file ends inside a line continuation, so nothing can be added after it", true},
}

// RuleByID returns the rule with that ID.
func RuleByID(id string) (Rule, bool) {
	for _, r := range Rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// Finding is one thing dockerharden reports about a file.
type Finding struct {
	Rule     string // rule ID, e.g. "DH001"
	Severity Severity
	Message  string
	Line     int // 1-based, inclusive range
	EndLine  int
	Fixable  bool   // fix changes this
	Edits    []Edit `json:"-"`
}
