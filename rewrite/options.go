package rewrite

import (
	"fmt"
	"io/fs"
	"strconv"

	"github.com/dockerharden/dockerharden/images"
)

// Options configure Fix. Start from DefaultOptions.
type Options struct {
	UID, GID    int    // IDs of the user to create (never 0)
	User, Group string // names of the user and group to create
	Target      string // stage to harden; "" = the last one
	Family      images.Family
	Families    []FamilyOverride
	Disabled    map[string]bool // rule IDs switched off
	// Chown says which COPY/ADD get --chown: ChownApp (files copied into
	// the app's own directories), ChownAll, or ChownNone (all code stays
	// root-owned; only the directories the app writes are made its own).
	Chown string
	// UserSet: the user or IDs were chosen explicitly (flag or config), so
	// they win over a user the base image ships.
	UserSet bool
	// Platform is where the image runs: "" for Docker and Kubernetes,
	// "openshift" for OpenShift's restricted policy, which runs the image
	// with a random UID in group 0, so what the app owns is owned by group
	// 0 with the group's permissions equal to the owner's (chmod g=u).
	Platform string
	// SwapBase: replace a base that needs root by its unprivileged variant
	// (nginx by nginxinc/nginx-unprivileged). Off by default: it changes
	// where the image comes from.
	SwapBase bool
	// Context is the build context (the Dockerfile's directory by default):
	// the start scripts the stage copies from it are read. nil = decide
	// from the Dockerfile alone.
	Context fs.FS
	// Compose are the compose files near the Dockerfile: the volumes of the
	// services that build it are where its app writes.
	Compose []ComposeFile
	// Manifests are the Kubernetes manifests next to the Dockerfile: a
	// workload that runs privileged needs root.
	Manifests []Manifest
}

// The Chown policies.
const (
	ChownApp  = "app"
	ChownAll  = "all"
	ChownNone = "none"
)

// FamilyOverride sets the family of base images matching a path.Match
// pattern, tried against the image as written (ARGs resolved) and without
// its tag: "registry.example.com/team/*".
type FamilyOverride struct {
	Image  string
	Family images.Family
}

// DefaultOptions: UID/GID 10001 and app/app, clear of the IDs popular base
// images already use (0, 101, 999, 1000, 1654, 65532, 65534).
func DefaultOptions() Options {
	return Options{UID: 10001, GID: 10001, User: "app", Group: "app", Chown: ChownApp}
}

// OptionNames are the settings Set accepts: the flags that fix, check and
// the config file share.
var OptionNames = []string{"uid", "gid", "user", "group", "target", "family", "chown", "platform", "swap-base"}

// Set sets one option from its text, as a flag or config value gives it.
// Values are checked by Validate.
func (o *Options) Set(name, value string) error {
	num := func() (int, error) {
		n, err := strconv.Atoi(value)
		if err != nil {
			return 0, fmt.Errorf("--%s %q: not a number", name, value)
		}
		return n, nil
	}
	var err error
	switch name {
	case "uid":
		o.UID, err = num()
		o.UserSet = true
	case "gid":
		o.GID, err = num()
		o.UserSet = true
	case "user":
		o.User, o.UserSet = value, true
	case "group":
		o.Group, o.UserSet = value, true
	case "chown":
		o.Chown = value
	case "platform":
		o.Platform = value
	case "swap-base":
		switch value {
		case "true":
			o.SwapBase = true
		case "false":
			o.SwapBase = false
		default:
			err = fmt.Errorf("--swap-base %q: want true or false", value)
		}
	case "target":
		o.Target = value
	case "family":
		o.Family = images.Family(value)
	default:
		return fmt.Errorf("unknown option %q", name)
	}
	return err
}

// namePattern is what validName accepts, for messages.
const namePattern = "^[a-z_][a-z0-9_-]{0,31}$"

// validName reports whether s matches namePattern: a portable user or group
// name. Written out because compiling the counted repetition costs more
// than the rest of a small file's run.
func validName(s string) bool {
	if len(s) == 0 || len(s) > 32 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c == '_':
		case (c >= '0' && c <= '9' || c == '-') && i > 0:
		default:
			return false
		}
	}
	return true
}

// Validate reports options that would produce a broken or root image.
func (o Options) Validate() error {
	switch {
	case o.UID <= 0 || o.UID > 2147483647:
		return fmt.Errorf("--uid %d: must be a non-root ID between 1 and 2147483647", o.UID)
	case o.GID <= 0 || o.GID > 2147483647:
		return fmt.Errorf("--gid %d: must be a non-root ID between 1 and 2147483647", o.GID)
	case !validName(o.User) || o.User == "root":
		return fmt.Errorf("--user %q: must be a non-root name matching %s", o.User, namePattern)
	case !validName(o.Group) || o.Group == "root":
		return fmt.Errorf("--group %q: must be a non-root name matching %s", o.Group, namePattern)
	}
	switch o.Chown {
	case "", ChownApp, ChownAll, ChownNone:
	default:
		return fmt.Errorf("--chown %q: must be one of app, all, none", o.Chown)
	}
	switch o.Platform {
	case "", "kubernetes", "openshift":
	default:
		return fmt.Errorf("--platform %q: must be kubernetes or openshift", o.Platform)
	}
	if o.Family != "" {
		if _, err := images.ParseFamily(string(o.Family)); err != nil {
			return fmt.Errorf("--family %q: must be one of %v", o.Family, images.Families)
		}
	}
	return nil
}
