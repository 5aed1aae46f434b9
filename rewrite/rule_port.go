package rewrite

import (
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/dockerharden/dockerharden/dockerfile"
)

// envPortRE finds the port a listen address in an ENV value names:
// ASPNETCORE_URLS=http://+:80, LISTEN_ADDR=0.0.0.0:80, BIND=:443.
var envPortRE = lazyRE(`(?:^|[;,\s]|://[^:/;,\s]*):([0-9]{1,5})(?:$|[/;,\s])`)

// privilegedPort reports ports below 1024 that a stage running (or, after
// fix, to run) as non-root declares: EXPOSE, and ENV settings that the
// usual frameworks listen on (PORT=80, ASPNETCORE_HTTP_PORTS=80,
// ASPNETCORE_URLS=http://+:80). Docker allows the bind, Kubernetes by
// default does not.
func (c *check) privilegedPort() {
	if c.Outcome != Harden && isRootUser(c.endUser(c.Target)) {
		return
	}
	env := map[string]string{} // ports often come from an ARG: EXPOSE $PORT
	seen := map[int]bool{}     // low ports warned about
	c.basePorts()
	// A stage inherits its parent stage's ENV and EXPOSE.
	for _, st := range c.Target.Chain() {
		for _, n := range st.Body {
			switch dockerfile.Cmd(n) {
			case "arg":
				setArg(env, n, st.GlobalArgs)
			case "expose":
				for _, a := range dockerfile.Args(n) {
					a = dockerfile.Expand(a, env)
					port, _, _ := strings.Cut(a, "/")
					port, _, _ = strings.Cut(port, "-")
					if v, err := strconv.Atoi(port); err == nil && v > 0 && v < 1024 && !(c.swap != nil && v == 80) {
						c.add(PrivilegedPort, n, false, PrivilegedPort.message("EXPOSE "+a))
						seen[v] = true
					}
				}
			case "env":
				for _, kv := range dockerfile.EnvPairs(n) {
					v := dockerfile.Expand(kv[1], env)
					if p := envPort(kv[0], v); p > 0 && p < 1024 {
						c.add(PrivilegedPort, n, false, PrivilegedPort.message(fmt.Sprintf("ENV %s=%s", kv[0], v)))
						seen[p] = true
					}
				}
				setEnv(env, n)
			}
		}
	}
	// A port hard-coded in the sources (ListenAndServe(":80")), unless the
	// file already declares it.
	ports, files, nodes := c.sourcePorts()
	for i, p := range ports {
		if !seen[p] {
			c.add(PrivilegedPort, nodes[i], false, PrivilegedPort.message(fmt.Sprintf("%s listens on port %d", files[i], p)))
		}
	}
}

// basePorts reports a low port the base image's own environment sets
// (ASP.NET Core before .NET 8 listens on 80) when no stage of the chain
// sets that variable again.
func (c *check) basePorts() {
	base := c.bases[c.Target]
	keys := make([]string, 0, len(base.Env))
	for k := range base.Env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		set := false
		for _, s := range c.Target.Chain() {
			for _, n := range s.Body {
				if dockerfile.Cmd(n) != "env" {
					continue
				}
				for _, kv := range dockerfile.EnvPairs(n) {
					set = set || kv[0] == k
				}
			}
		}
		if p := envPort(k, base.Env[k]); !set && p > 0 && p < 1024 {
			from := c.Target.Root().From
			c.add(PrivilegedPort, from, false, PrivilegedPort.message(fmt.Sprintf("base image %s sets %s=%s", base.Ref, k, base.Env[k])))
		}
	}
	if base.ConfigDir != "" {
		for _, st := range c.Target.Chain() {
			for _, n := range st.Body {
				if cmd := dockerfile.Cmd(n); cmd == "copy" || cmd == "add" {
					if a := dockerfile.Args(n); len(a) > 1 && under(path.Clean(a[len(a)-1]), base.ConfigDir) {
						return // the file brings its own configuration
					}
				}
			}
		}
	}
	for _, p := range base.Listen {
		if p < 1024 {
			c.add(PrivilegedPort, c.Target.Root().From, false, PrivilegedPort.message(fmt.Sprintf("base image %q listens on port %d by default (its own configuration; a copied config may change that)", base.Ref, p)))
		}
	}
}

// envPort is the port an ENV setting makes a program listen on, or 0.
func envPort(name, value string) int {
	upper := strings.ToUpper(name)
	if upper == "PORT" || strings.HasSuffix(upper, "_PORT") || strings.HasSuffix(upper, "_PORTS") {
		first, _, _ := strings.Cut(value, ";")
		first, _, _ = strings.Cut(first, ",")
		if v, err := strconv.Atoi(strings.TrimSpace(first)); err == nil {
			return v
		}
		return 0
	}
	for _, suffix := range []string{"_URLS", "_URL", "_ADDR", "_ADDRESS", "_LISTEN", "LISTEN"} {
		if strings.HasSuffix(upper, suffix) {
			if m := envPortRE().FindStringSubmatch(value); m != nil {
				v, _ := strconv.Atoi(m[1])
				return v
			}
		}
	}
	return 0
}
