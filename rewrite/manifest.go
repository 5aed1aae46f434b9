package rewrite

import (
	"bytes"
	"fmt"

	"go.yaml.in/yaml/v3"
)

// Manifest is a Kubernetes manifest kept next to the Dockerfile: how the
// image is deployed. A container it runs privileged needs root.
type Manifest struct {
	Name string // as findings name it: "ds.yaml"
	Data []byte
}

// workloadKinds are the kinds whose pod template runs containers.
var workloadKinds = map[string]bool{
	"Pod": true, "Deployment": true, "DaemonSet": true, "StatefulSet": true,
	"ReplicaSet": true, "Job": true, "CronJob": true,
}

// privilegedAt finds a workload in the manifests that runs a container
// with securityContext privileged: true; ok is false when none does.
func privilegedAt(manifests []Manifest) (name string, line int, ok bool) {
	for _, m := range manifests {
		dec := yaml.NewDecoder(bytes.NewReader(m.Data))
		for {
			var doc yaml.Node
			err := dec.Decode(&doc)
			if err != nil { // io.EOF, or YAML fix cannot read: not its to judge
				break
			}
			if len(doc.Content) == 0 {
				continue
			}
			root := doc.Content[0]
			if k := mapValue(root, "kind"); k == nil || !workloadKinds[k.Value] {
				continue
			}
			if l := findPrivileged(root, 0); l > 0 {
				return m.Name, l, true
			}
		}
	}
	return "", 0, false
}

// findPrivileged walks a node for "privileged: true", returning its line.
func findPrivileged(n *yaml.Node, depth int) int {
	if n == nil || depth > 32 {
		return 0
	}
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "privileged" && n.Content[i+1].Value == "true" {
				return n.Content[i].Line
			}
		}
	}
	for _, c := range n.Content {
		if l := findPrivileged(c, depth+1); l > 0 {
			return l
		}
	}
	return 0
}

// declinePrivileged declines (DH018) an image that the manifest next to
// it runs privileged: a node agent or installer that writes into the host.
func (d *Decision) declinePrivileged() bool {
	name, line, ok := privilegedAt(d.opts.Manifests)
	if !ok {
		return false
	}
	return d.declineFor(RootByDesign, d.Target.From, RootByDesign.message(
		fmt.Sprintf("%s:%d runs the container privileged: the workload needs root (a node agent or an installer that writes into the host)", name, line),
		"keep it root; only if it needs neither privileged nor root-owned host paths, drop privileged from the manifest and run fix again"))
}
