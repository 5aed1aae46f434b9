// Package config reads .dockerharden.yaml, the per-repository settings
// found by walking up from each Dockerfile. Command-line flags override it.
package config

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/dockerharden/dockerharden/images"
	"github.com/dockerharden/dockerharden/rewrite"
	"go.yaml.in/yaml/v3"
)

// FileName is the config file dockerharden looks for.
const FileName = ".dockerharden.yaml"

// File is one parsed config file. Unset scalars are nil.
type File struct {
	Path        string // the file itself
	Dir         string // its directory: exclude patterns are relative to it
	UID, GID    *int
	User, Group *string
	Target      *string
	Chown       *string // app, all or none
	Platform    *string // kubernetes or openshift
	SwapBase    *bool
	Family      *images.Family
	Families    []rewrite.FamilyOverride
	Disable     []string // rule IDs
	Exclude     []string // gitignore-style patterns
	Patterns    []string // extra Dockerfile name globs
}

// Error is a config problem at a line.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

var keys = []string{"uid", "gid", "user", "group", "target", "family", "chown", "platform", "swap-base", "families", "disable", "exclude", "patterns"}

// Load parses a config file. Unknown keys and bad values are errors that
// name the file and line.
func Load(file string) (*File, error) {
	src, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	f := &File{Path: file, Dir: filepath.Dir(file)}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, &Error{File: file, Line: yamlErrLine(err), Msg: "invalid YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	if len(doc.Content) == 0 {
		return f, nil // empty file
	}
	root := doc.Content[0]
	fail := func(n *yaml.Node, format string, a ...any) (*File, error) {
		return nil, &Error{File: file, Line: n.Line, Msg: fmt.Sprintf(format, a...)}
	}
	if root.Kind != yaml.MappingNode {
		return fail(root, "expected a mapping of settings (%s)", strings.Join(keys, ", "))
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		switch k.Value {
		case "swap-base":
			var b bool
			if v.Kind != yaml.ScalarNode || v.Decode(&b) != nil {
				return fail(v, "swap-base: want true or false, got %q", v.Value)
			}
			f.SwapBase = &b
		case "uid", "gid":
			var n int
			if v.Kind != yaml.ScalarNode || v.Decode(&n) != nil || n <= 0 {
				return fail(v, "%s: want a positive number, got %q", k.Value, v.Value)
			}
			if k.Value == "uid" {
				f.UID = &n
			} else {
				f.GID = &n
			}
		case "user", "group", "target", "family", "chown", "platform":
			if v.Kind != yaml.ScalarNode || v.Value == "" {
				return fail(v, "%s: want a string", k.Value)
			}
			s := v.Value
			switch k.Value {
			case "user":
				f.User = &s
			case "group":
				f.Group = &s
			case "target":
				f.Target = &s
			case "platform":
				if s != "kubernetes" && s != "openshift" {
					return fail(v, "platform: want kubernetes or openshift, got %q", s)
				}
				f.Platform = &s
			case "chown":
				if s != rewrite.ChownApp && s != rewrite.ChownAll && s != rewrite.ChownNone {
					return fail(v, "chown: want app, all or none, got %q", s)
				}
				f.Chown = &s
			case "family":
				fam, err := images.ParseFamily(s)
				if err != nil {
					return fail(v, "family: %v", err)
				}
				f.Family = &fam
			}
		case "families":
			if v.Kind != yaml.SequenceNode {
				return fail(v, "families: want a list of {image: PATTERN, family: FAMILY}")
			}
			for _, item := range v.Content {
				var o struct {
					Image  string `yaml:"image"`
					Family string `yaml:"family"`
				}
				if item.Kind != yaml.MappingNode || item.Decode(&o) != nil || o.Image == "" || o.Family == "" || len(item.Content) != 4 {
					return fail(item, "families: each entry needs exactly image: PATTERN and family: FAMILY")
				}
				if _, err := path.Match(o.Image, ""); err != nil {
					return fail(item, "families: bad pattern %q", o.Image)
				}
				fam, err := images.ParseFamily(o.Family)
				if err != nil {
					return fail(item, "families: %v", err)
				}
				f.Families = append(f.Families, rewrite.FamilyOverride{Image: o.Image, Family: fam})
			}
		case "disable", "exclude", "patterns":
			list, bad := stringList(v)
			if bad != nil {
				return fail(bad, "%s: want a list of strings", k.Value)
			}
			switch k.Value {
			case "disable":
				for j, r := range list {
					id, ok := ruleID(r)
					if !ok {
						return fail(v.Content[j], "disable: unknown rule %q", r)
					}
					f.Disable = append(f.Disable, id)
				}
			case "exclude":
				f.Exclude = list
			case "patterns":
				for j, p := range list {
					if _, err := path.Match(p, ""); err != nil || strings.Contains(p, "/") {
						return fail(v.Content[j], "patterns: %q is not a file name glob", p)
					}
				}
				f.Patterns = list
			}
		default:
			return fail(k, "unknown key %q (known: %s)", k.Value, strings.Join(keys, ", "))
		}
	}
	return f, nil
}

func stringList(v *yaml.Node) ([]string, *yaml.Node) {
	if v.Kind != yaml.SequenceNode {
		return nil, v
	}
	var out []string
	for _, it := range v.Content {
		if it.Kind != yaml.ScalarNode || it.Value == "" {
			return nil, it
		}
		out = append(out, it.Value)
	}
	return out, nil
}

func ruleID(s string) (string, bool) {
	if r, ok := rewrite.LookupRule(s); ok {
		return r.ID, true
	}
	return "", false
}

func yamlErrLine(err error) int {
	var line int
	if _, e := fmt.Sscanf(strings.TrimPrefix(err.Error(), "yaml: "), "line %d:", &line); e == nil {
		return line
	}
	return 1
}

// Apply copies the settings this file sets into o.
func (f *File) Apply(o *rewrite.Options) {
	if f == nil {
		return
	}
	if f.UID != nil {
		o.UID, o.UserSet = *f.UID, true
	}
	if f.GID != nil {
		o.GID, o.UserSet = *f.GID, true
	}
	if f.User != nil {
		o.User, o.UserSet = *f.User, true
	}
	if f.Group != nil {
		o.Group, o.UserSet = *f.Group, true
	}
	if f.Chown != nil {
		o.Chown = *f.Chown
	}
	if f.Platform != nil {
		o.Platform = *f.Platform
	}
	if f.SwapBase != nil {
		o.SwapBase = *f.SwapBase
	}
	if f.Target != nil {
		o.Target = *f.Target
	}
	if f.Family != nil {
		o.Family = *f.Family
	}
	o.Families = append(o.Families, f.Families...)
	if len(f.Disable) > 0 {
		d := map[string]bool{}
		for k, v := range o.Disabled {
			d[k] = v
		}
		for _, id := range f.Disable {
			d[id] = true
		}
		o.Disabled = d
	}
}

// Excluded reports whether a path (file or directory) matches an exclude
// pattern, gitignore-style, relative to the config's directory: "name"
// matches that element anywhere, "dir/" only directories, "/x" and "a/b"
// are anchored, "**" spans directories.
func (f *File) Excluded(p string, isDir bool) bool {
	if f == nil || len(f.Exclude) == 0 {
		return false
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return false
	}
	dir, _ := filepath.Abs(f.Dir)
	rel, err := filepath.Rel(dir, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return false
	}
	rel = filepath.ToSlash(rel)
	excluded := false
	for _, pat := range f.Exclude {
		neg := strings.HasPrefix(pat, "!")
		pat = strings.TrimPrefix(pat, "!")
		if matchIgnore(pat, rel, isDir) {
			excluded = !neg
		}
	}
	return excluded
}

func matchIgnore(pat, rel string, isDir bool) bool {
	dirOnly := strings.HasSuffix(pat, "/")
	pat = strings.TrimSuffix(pat, "/")
	elems := strings.Split(rel, "/")
	if !strings.Contains(pat, "/") {
		// any element; a match on a parent directory excludes what is below
		for i, e := range elems {
			last := i == len(elems)-1
			if ok, _ := path.Match(pat, e); ok && (!dirOnly || !last || isDir) {
				return true
			}
		}
		return false
	}
	pp := strings.Split(strings.TrimPrefix(pat, "/"), "/")
	for n := len(elems); n >= 1; n-- { // the path or one of its parents
		last := n == len(elems)
		if matchElems(pp, elems[:n]) && (!dirOnly || !last || isDir) {
			return true
		}
	}
	return false
}

func matchElems(pat, elems []string) bool {
	if len(pat) == 0 {
		return len(elems) == 0
	}
	if pat[0] == "**" {
		for i := 0; i <= len(elems); i++ {
			if matchElems(pat[1:], elems[i:]) {
				return true
			}
		}
		return false
	}
	if len(elems) == 0 {
		return false
	}
	ok, _ := path.Match(pat[0], elems[0])
	return ok && matchElems(pat[1:], elems[1:])
}

// IsDockerfile reports whether a file name matches an extra pattern.
func (f *File) IsDockerfile(name string) bool {
	if f == nil {
		return false
	}
	for _, p := range f.Patterns {
		if ok, _ := path.Match(p, name); ok {
			return true
		}
	}
	return false
}

// Finder finds the config that applies to a directory, caching lookups.
// It is safe for concurrent use.
type Finder struct {
	mu    sync.Mutex
	cache map[string]result
}

type result struct {
	f   *File
	err error
}

// For returns the nearest .dockerharden.yaml at or above dir (nil if none).
func (fd *Finder) For(dir string) (*File, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	fd.mu.Lock()
	defer fd.mu.Unlock()
	return fd.find(abs)
}

func (fd *Finder) find(dir string) (*File, error) {
	if fd.cache == nil {
		fd.cache = map[string]result{}
	}
	if r, ok := fd.cache[dir]; ok {
		return r.f, r.err
	}
	var r result
	cand := filepath.Join(dir, FileName)
	if fi, err := os.Stat(cand); err == nil && fi.Mode().IsRegular() {
		r.f, r.err = Load(shortPath(cand))
	} else if parent := filepath.Dir(dir); parent != dir {
		r.f, r.err = fd.find(parent)
	}
	fd.cache[dir] = r
	return r.f, r.err
}

// Keys lists the known settings, for docs and tests.
func Keys() []string {
	k := append([]string(nil), keys...)
	sort.Strings(k)
	return k
}

// shortPath names a file relative to the working directory when it is
// below it, as users typed it, for messages.
func shortPath(abs string) string {
	wd, err := os.Getwd()
	if err != nil {
		return abs
	}
	if rel, err := filepath.Rel(wd, abs); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return abs
}
