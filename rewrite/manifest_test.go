package rewrite

import (
	"strings"
	"testing"
)

// TestPrivilegedManifest: a workload next to the Dockerfile that runs its
// container privileged declines; other documents and kinds do not.
func TestPrivilegedManifest(t *testing.T) {
	const df = "FROM busybox\nCOPY deploy.sh /deploy.sh\nCMD [\"/bin/sh\", \"/deploy.sh\"]\n"
	ds := "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {privileged: \"true\"}\n---\napiVersion: apps/v1\nkind: DaemonSet\nspec:\n  template:\n    spec:\n      containers:\n        - name: d\n          image: x\n          securityContext:\n            privileged: true\n"
	for _, tc := range []struct {
		name, data string
		decline    bool
	}{
		{"privileged-daemonset", ds, true},
		{"configmap-only", "apiVersion: v1\nkind: ConfigMap\ndata: {privileged: \"true\"}\n", false},
		{"not-yaml", "kind: [\n", false},
	} {
		opts := DefaultOptions()
		opts.Manifests = []Manifest{{Name: "ds.yaml", Data: []byte(tc.data)}}
		res, err := Fix("Dockerfile", []byte(df), opts)
		if err != nil {
			t.Fatal(err)
		}
		if res.Changed == tc.decline {
			t.Errorf("%s: changed = %v", tc.name, res.Changed)
		}
		if tc.decline && !strings.Contains(formatFindings(res.Findings), "DH018 warning: ds.yaml:15 runs the container privileged") {
			t.Errorf("%s: findings:\n%s", tc.name, formatFindings(res.Findings))
		}
	}
}
