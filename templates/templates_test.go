package templates

import (
	"io/fs"
	"strings"
	"testing"
)

func TestCommands(t *testing.T) {
	d := Data{UID: 10001, GID: 10002, User: "app", Group: "grp"}
	for _, tc := range []struct {
		family, install string
		want            []string
	}{
		{"debian", "", []string{
			"groupadd --system --gid 10002 grp",
			"useradd --system --no-log-init --uid 10001 --gid 10002 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin app",
		}},
		{"alpine", "", []string{
			"addgroup -S -g 10002 grp",
			"adduser -S -D -H -u 10001 -G grp -h /nonexistent -s /sbin/nologin app",
		}},
		{"rhel", "", []string{
			"groupadd -r -g 10002 grp",
			"useradd -r --no-log-init -u 10001 -g 10002 -M -d /nonexistent -s /sbin/nologin app",
		}},
		{"rhel", "microdnf", []string{"microdnf install -y shadow-utils", "microdnf clean all", "groupadd -r -g 10002 grp"}},
		{"rhel", "yum", []string{"yum install -y shadow-utils", "yum clean all", "groupadd -r -g 10002 grp"}},
		{"rhel", "tdnf", []string{"tdnf install -y shadow-utils", "tdnf clean all", "groupadd -r -g 10002 grp"}},
	} {
		d.Install = tc.install
		got, err := Commands(tc.family, d)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) < len(tc.want) {
			t.Fatalf("%s/%s: got %q", tc.family, tc.install, got)
		}
		for i, w := range tc.want {
			if got[i] != w {
				t.Errorf("%s/%s: command %d = %q, want %q", tc.family, tc.install, i, got[i], w)
			}
		}
		for _, c := range got {
			if strings.ContainsAny(c, "|\\`$") {
				t.Errorf("%s: generated commands must not use pipes, escapes or variables: %q", tc.family, c)
			}
		}
	}
	if _, err := Commands("shell-less", d); err == nil {
		t.Error("shell-less has no template; want an error")
	}
}

// TestAllTemplatesParse catches a broken template at test time, now that
// templates are parsed on use rather than at start-up.
func TestAllTemplatesParse(t *testing.T) {
	names, err := fs.Glob(files, "*.tmpl")
	if err != nil || len(names) < 3 {
		t.Fatalf("templates: %v %v", names, err)
	}
	for _, n := range names {
		if _, err := Commands(strings.TrimSuffix(n, ".tmpl"), Data{UID: 1, GID: 1, User: "a", Group: "a"}); err != nil {
			t.Error(err)
		}
	}
}
