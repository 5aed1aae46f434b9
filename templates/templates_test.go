package templates

import (
	"io/fs"
	"strings"
	"testing"
)

func TestCommands(t *testing.T) {
	d := Data{UID: 10001, GID: 10002, User: "app", Group: "grp", Home: "/home/app"}
	home := []string{"chown 10001:10002 /home/app", "chmod 0755 /home/app"}
	for _, tc := range []struct {
		family string
		want   []string
	}{
		{"debian", append([]string{
			"groupadd --system --gid 10002 grp",
			"useradd --system --no-log-init --uid 10001 --gid 10002 --create-home --home-dir /home/app --shell /usr/sbin/nologin app",
		}, home...)},
		{"alpine", append([]string{
			"addgroup -S -g 10002 grp",
			"adduser -S -D -u 10001 -G grp -h /home/app -s /sbin/nologin app",
		}, home...)},
		{"rhel", append([]string{
			"groupadd -r -g 10002 grp",
			"useradd -r --no-log-init -u 10001 -g 10002 -m -d /home/app -s /sbin/nologin app",
		}, home...)},
		{"passwd", append([]string{
			"echo 'grp:x:10002:' >> /etc/group",
			"echo 'app:x:10001:10002::/home/app:/sbin/nologin' >> /etc/passwd",
			"mkdir -p /home/app",
		}, home...)},
	} {
		got, err := Commands(tc.family, d)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(tc.want) {
			t.Fatalf("%s: got %q", tc.family, got)
		}
		for i, w := range tc.want {
			if got[i] != w {
				t.Errorf("%s: command %d = %q, want %q", tc.family, i, got[i], w)
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
		if _, err := Commands(strings.TrimSuffix(n, ".tmpl"), Data{UID: 1, GID: 1, User: "a", Group: "a", Home: "/home/a"}); err != nil {
			t.Error(err)
		}
	}
}
