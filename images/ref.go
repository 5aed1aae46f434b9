package images

import (
	"path"
	"strings"
)

// SplitRef splits an image reference as written into its repository and
// tag, dropping a digest: "reg:5000/a/b:1.2@sha256:…" is "reg:5000/a/b", "1.2".
func SplitRef(ref string) (repo, tag string) {
	if i := strings.Index(ref, "@"); i >= 0 {
		ref = ref[:i]
	}
	if i := strings.LastIndex(ref, ":"); i > strings.LastIndex(ref, "/") {
		return ref[:i], ref[i+1:]
	}
	return ref, ""
}

// ParseRef splits an image reference into a normalized repository and tag.
// Docker Hub's implicit prefixes are dropped so that "docker.io/library/node"
// and "node" match the same table rows; a digest is dropped.
func ParseRef(ref string) (repo, tag string) {
	repo, tag = SplitRef(strings.ToLower(ref))
	for _, p := range []string{"docker.io/", "index.docker.io/", "registry-1.docker.io/"} {
		repo = strings.TrimPrefix(repo, p)
	}
	return strings.TrimPrefix(repo, "library/"), tag
}

// repoMatch matches a normalized repository against a table pattern:
//   - "name" (no slash) matches the official image and its library mirrors;
//   - "host/dir/**" matches everything below that prefix;
//   - "*/glob" matches the last path element on any registry;
//   - "**" matches every repository;
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

// tagMatch matches a tag against "|"-separated path.Match globs; ""
// matches any tag.
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
