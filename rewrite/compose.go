package rewrite

import (
	"path"
	"strings"

	"github.com/dockerharden/dockerharden/dockerfile"
	"go.yaml.in/yaml/v3"
)

// ComposeFile is a compose file found near the Dockerfile. The services
// that build this Dockerfile show how its image is run: the volumes they
// mount are directories the app writes, and a bind mount keeps the host
// directory's owner, which a non-root user may not be able to write.
type ComposeFile struct {
	Name string // as findings name it: "compose.yaml", "../docker-compose.yml"
	Data []byte
	// Dir is the compose file's directory and Dockerfile this Dockerfile's
	// path, both absolute and slash-separated, so that a build context of
	// ".." resolves: "/src/repo/docker", "/src/repo/docker/Dockerfile".
	Dir, Dockerfile string
	// DotEnv is the .env file next to it, whose variables compose
	// substitutes (dockerfile: ${AGENT_DOCKERFILE}); nil when none.
	DotEnv []byte
}

// dotEnv reads a .env file's KEY=VALUE lines, quotes removed.
func dotEnv(b []byte) map[string]string {
	vars := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "export "))
		k, v, ok := strings.Cut(line, "=")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		v = strings.TrimSpace(v)
		if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
			v = v[1 : len(v)-1]
		}
		vars[strings.TrimSpace(k)] = v
	}
	return vars
}

// mount is one volume of a compose service that builds this Dockerfile.
type mount struct {
	file    string // the compose file, as ComposeFile.Name
	line    int
	service string
	stage   string // the build target the service names, lower-cased; "" = the last stage
	source  string // "" for an anonymous volume
	target  string // cleaned, absolute
	bind    bool   // a host path, not a named volume
	ro      bool
}

// composeService is a compose service that builds this Dockerfile.
type composeService struct {
	file, name string
	line       int
	stage      string   // the build target, lower-cased; "" = the last stage
	user       bool     // it sets user:, so compose, not the image, chooses the user
	command    []string // its command:, if any
	mounts     []mount
}

// composeServices reads the services that build the Dockerfile. Files that
// do not parse are skipped: they are not fix's to judge.
func composeServices(files []ComposeFile) []composeService {
	var out []composeService
	for _, f := range files {
		vars := dotEnv(f.DotEnv)
		var doc yaml.Node
		if yaml.Unmarshal(f.Data, &doc) != nil || len(doc.Content) == 0 {
			continue
		}
		services := mapValue(doc.Content[0], "services")
		if services == nil || services.Kind != yaml.MappingNode {
			continue
		}
		for i := 0; i+1 < len(services.Content); i += 2 {
			svc := resolveAlias(services.Content[i+1])
			build := mapValue(svc, "build")
			if !buildsDockerfile(build, f.Dir, f.Dockerfile, vars) {
				continue
			}
			cs := composeService{file: f.Name, name: services.Content[i].Value, line: services.Content[i].Line, user: mapValue(svc, "user") != nil}
			if t := mapValue(build, "target"); t != nil && t.Kind == yaml.ScalarNode {
				cs.stage = strings.ToLower(t.Value)
			}
			switch c := mapValue(svc, "command"); {
			case c == nil:
			case c.Kind == yaml.ScalarNode:
				cs.command = strings.Fields(c.Value)
			case c.Kind == yaml.SequenceNode:
				for _, a := range c.Content {
					cs.command = append(cs.command, resolveAlias(a).Value)
				}
			}
			if vols := mapValue(svc, "volumes"); vols != nil && vols.Kind == yaml.SequenceNode {
				for _, v := range vols.Content {
					if m, ok := parseMount(resolveAlias(v), vars); ok {
						m.file, m.line, m.service, m.stage = f.Name, v.Line, cs.name, cs.stage
						cs.mounts = append(cs.mounts, m)
					}
				}
			}
			out = append(out, cs)
		}
	}
	return out
}

// composeMounts are the mounts of the services that build the Dockerfile
// and leave the user to the image: a service with its own user: says
// nothing about what the image's user can write.
func composeMounts(files []ComposeFile) []mount {
	var out []mount
	for _, s := range composeServices(files) {
		if !s.user {
			out = append(out, s.mounts...)
		}
	}
	return out
}

// buildsDockerfile reports whether a service's build: names the
// Dockerfile at file: its dockerfile (default Dockerfile) is relative to
// its context, which is relative to the compose file's directory dir.
func buildsDockerfile(build *yaml.Node, dir, file string, vars map[string]string) bool {
	if build == nil || file == "" {
		return false
	}
	ctx, name := ".", "Dockerfile"
	switch build.Kind {
	case yaml.ScalarNode:
		ctx = build.Value
	case yaml.MappingNode:
		if c := mapValue(build, "context"); c != nil && c.Kind == yaml.ScalarNode {
			ctx = c.Value
		}
		if df := mapValue(build, "dockerfile"); df != nil && df.Kind == yaml.ScalarNode {
			name = df.Value
		}
	default:
		return false
	}
	ctx, name = dockerfile.Expand(ctx, vars), dockerfile.Expand(name, vars)
	if strings.Contains(ctx+name, "$") || strings.Contains(ctx, "://") {
		return false
	}
	p := name
	if !path.IsAbs(name) {
		p = path.Join(dir, ctx, name)
	}
	return path.Clean(p) == path.Clean(file)
}

// parseMount reads a volume in the short ("SRC:DST[:MODE]") or the long
// (type/source/target) syntax. ok is false for tmpfs, Windows and npipe
// mounts and targets fix cannot place.
func parseMount(v *yaml.Node, vars map[string]string) (mount, bool) {
	var m mount
	switch v.Kind {
	case yaml.ScalarNode:
		parts := strings.Split(dockerfile.Expand(v.Value, vars), ":")
		switch len(parts) {
		case 1:
			m.target = parts[0]
		case 2, 3:
			m.source, m.target = parts[0], parts[1]
			if len(parts) == 3 {
				for _, o := range strings.Split(parts[2], ",") {
					m.ro = m.ro || o == "ro"
				}
			}
		default:
			return m, false
		}
		m.bind = isHostPath(m.source)
	case yaml.MappingNode:
		str := func(k string) string {
			if n := mapValue(v, k); n != nil && n.Kind == yaml.ScalarNode {
				return n.Value
			}
			return ""
		}
		switch str("type") {
		case "bind":
			m.bind = true
		case "volume", "":
		default:
			return m, false
		}
		m.source, m.target, m.ro = dockerfile.Expand(str("source"), vars), dockerfile.Expand(str("target"), vars), str("read_only") == "true"
	default:
		return m, false
	}
	if !path.IsAbs(m.target) || strings.Contains(m.target, "$") {
		return m, false
	}
	m.target = path.Clean(m.target)
	return m, true
}

// isHostPath: compose's short syntax reads a source with a path
// separator or a leading . or ~ as a host path, else as a volume name.
func isHostPath(src string) bool {
	return strings.ContainsAny(src, "/\\") || strings.HasPrefix(src, ".") || strings.HasPrefix(src, "~") || strings.HasPrefix(src, "$")
}

// mapValue is key's value in a mapping node, following merge keys (<<)
// one level; nil when absent.
func mapValue(m *yaml.Node, key string) *yaml.Node {
	m = resolveAlias(m)
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	var merged *yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		switch m.Content[i].Value {
		case key:
			return resolveAlias(m.Content[i+1])
		case "<<":
			if merged == nil {
				if base := resolveAlias(m.Content[i+1]); base != nil && base.Kind == yaml.MappingNode {
					merged = base
				}
			}
		}
	}
	if merged != nil && merged != m {
		for i := 0; i+1 < len(merged.Content); i += 2 {
			if merged.Content[i].Value == key {
				return resolveAlias(merged.Content[i+1])
			}
		}
	}
	return nil
}

func resolveAlias(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}
