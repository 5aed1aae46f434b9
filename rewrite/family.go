package rewrite

import (
	"path"
	"strings"
)

// Family is a base-image family: it decides how a user is created.
type Family string

// The families. ShellLess covers images with no shell or no user tools
// (distroless, chainguard, scratch, ubi-micro).
const (
	Debian    Family = "debian"
	Alpine    Family = "alpine"
	RHEL      Family = "rhel"
	ShellLess Family = "shell-less"
	Windows   Family = "windows"
	Unknown   Family = "unknown"
)

// Families lists every family, for flag validation and docs.
var Families = []Family{Debian, Alpine, RHEL, ShellLess, Windows, Unknown}

// CanCreateUser reports whether the family has a shell and user tools, so
// that a RUN can create the user.
func (f Family) CanCreateUser() bool { return f == Debian || f == Alpine || f == RHEL }

// Base is what dockerharden knows about a stage's base image.
type Base struct {
	Image   string // as resolved from FROM (ARG defaults applied)
	Repo    string // normalized repository: "debian", "gcr.io/distroless/static"
	Tag     string
	Family  Family
	Variant string // template detail: "busybox", "microdnf", "yum", "tdnf", "scratch"…
	Facts   imageFacts
}

// parseRef splits an image reference into a normalized repository and tag.
// Docker Hub's implicit prefixes are dropped so that "docker.io/library/node"
// and "node" match the same table rows.
func parseRef(ref string) (repo, tag string) {
	ref = strings.ToLower(ref)
	if i := strings.Index(ref, "@"); i >= 0 {
		ref = ref[:i]
	}
	if i := strings.LastIndex(ref, ":"); i > strings.LastIndex(ref, "/") {
		ref, tag = ref[:i], ref[i+1:]
	}
	for _, p := range []string{"docker.io/", "index.docker.io/", "registry-1.docker.io/"} {
		ref = strings.TrimPrefix(ref, p)
	}
	ref = strings.TrimPrefix(ref, "library/")
	return ref, tag
}

// repoMatch matches a normalized repository against a table pattern:
//   - "name" (no slash) matches the official image and its library mirrors;
//   - "host/dir/**" matches everything below that prefix;
//   - "*/glob" matches the last path element on any registry;
//   - anything else is a path.Match glob on the whole repository.
func repoMatch(pattern, repo string) bool {
	switch {
	case pattern == "**":
		return true
	case strings.HasPrefix(pattern, "*/"):
		ok, _ := path.Match(pattern[2:], repo[strings.LastIndexByte(repo, '/')+1:])
		return ok && strings.Contains(repo, "/")
	case strings.HasSuffix(pattern, "/**"):
		return strings.HasPrefix(repo, strings.TrimSuffix(pattern, "**"))
	case !strings.Contains(pattern, "/"):
		name := repo
		if i := strings.LastIndex(repo, "/library/"); i >= 0 {
			name = repo[i+len("/library/"):]
		} else if strings.HasPrefix(repo, "public.ecr.aws/docker/library/") {
			name = strings.TrimPrefix(repo, "public.ecr.aws/docker/library/")
		}
		ok, _ := path.Match(pattern, name)
		return ok
	default:
		ok, _ := path.Match(pattern, repo)
		return ok
	}
}

func tagMatch(pattern, tag string) bool {
	if pattern == "" {
		return true
	}
	for _, p := range strings.Split(pattern, "|") {
		if ok, _ := path.Match(p, tag); ok {
			return true
		}
	}
	return false
}

// DetectBase classifies an image reference using the tables in
// family_table.go. The first matching row wins.
func DetectBase(image string) Base {
	b := Base{Image: image, Family: Unknown}
	if image == "" || strings.Contains(image, "$") {
		return b
	}
	b.Repo, b.Tag = parseRef(image)
	for _, r := range familyTable {
		if repoMatch(r.Repo, b.Repo) && tagMatch(r.Tag, b.Tag) {
			b.Family, b.Variant = r.Family, r.Variant
			break
		}
	}
	for _, f := range factsTable {
		if repoMatch(f.Repo, b.Repo) && tagMatch(f.Tag, b.Tag) {
			b.Facts = f.imageFacts
			break
		}
	}
	return b
}
