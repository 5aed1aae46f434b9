package profile

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/loader"
	composetypes "github.com/compose-spec/compose-go/v2/types"
	"github.com/dockerharden/dockerharden/images"
	"github.com/dockerharden/dockerharden/rewrite"
	"github.com/rogpeppe/go-internal/txtar"
	appsv1 "k8s.io/api/apps/v1"
	kjson "sigs.k8s.io/json"
	"sigs.k8s.io/yaml"
)

var update = flag.Bool("update", false, "rewrite testdata/*.txtar (read every one you accept)")

// golden is one ../testdata/golden pair with its options (NAME.args).
type golden struct {
	name          string
	src, hardened []byte
	opts          rewrite.Options
}

func goldens(t *testing.T) []golden {
	files, err := filepath.Glob("../testdata/golden/*.Dockerfile")
	if err != nil || len(files) == 0 {
		t.Fatalf("no goldens: %v", err)
	}
	var out []golden
	for _, f := range files {
		base := strings.TrimSuffix(f, ".Dockerfile")
		g := golden{name: filepath.Base(base), opts: rewrite.DefaultOptions()}
		if g.src, err = os.ReadFile(f); err != nil {
			t.Fatal(err)
		}
		if g.hardened, err = os.ReadFile(base + ".golden"); err != nil {
			t.Fatal(err)
		}
		if a, err := os.ReadFile(base + ".args"); err == nil {
			for _, kv := range strings.Fields(string(a)) {
				k, v, _ := strings.Cut(strings.TrimLeft(kv, "-"), "=")
				if err := g.opts.Set(k, v); err != nil {
					t.Fatal(err)
				}
			}
		}
		out = append(out, g)
	}
	return out
}

func profileOf(t *testing.T, name string, src []byte, opts rewrite.Options) *Profile {
	t.Helper()
	res, err := rewrite.Fix(name, src, opts)
	if err != nil {
		t.Fatal(err)
	}
	p, err := For(res)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// The profile is that of the image as fix leaves it: the original and the
// hardened file give the same one, and it covers what fix made writable.
func TestGoldenOriginalAndHardenedAgree(t *testing.T) {
	for _, g := range goldens(t) {
		t.Run(g.name, func(t *testing.T) {
			orig := profileOf(t, g.name+".Dockerfile", g.src, g.opts)
			hard := profileOf(t, g.name+".golden", g.hardened, g.opts)
			if !reflect.DeepEqual(orig, hard) {
				a, _ := json.MarshalIndent(orig, "", " ")
				b, _ := json.MarshalIndent(hard, "", " ")
				t.Fatalf("profiles differ\noriginal: %s\nhardened: %s", a, b)
			}
			res, _ := rewrite.Fix(g.name, g.src, g.opts)
			if d := res.Decision; d != nil {
				if d.Outcome == rewrite.Harden && orig.Outcome != NonRoot {
					t.Errorf("fix hardens the file, but the profile's outcome is %s", orig.Outcome)
				}
				if d.Outcome == rewrite.Decline && (orig.Outcome != Root || len(orig.Reasons) == 0) {
					t.Errorf("fix declines, but the profile is %s with reasons %v", orig.Outcome, orig.Reasons)
				}
				for _, w := range d.Writable {
					found := false
					for _, p := range orig.Paths {
						found = found || p.Path == w
					}
					if !found {
						t.Errorf("fix makes %s writable, the profile does not list it: %+v", w, orig.Paths)
					}
				}
				if d.Outcome == rewrite.Harden && d.Account.Numeric() && (orig.User == nil || orig.User.String() != d.Account.USER()) {
					t.Errorf("profile user %v, fix sets USER %s", orig.User, d.Account.USER())
				}
			}
		})
	}
}

// Every format of every golden is checked in under testdata/NAME.txtar;
// the compose file loads with compose-go and the Deployment strict-decodes
// into apps/v1.
func TestGoldenRenders(t *testing.T) {
	for _, g := range goldens(t) {
		t.Run(g.name, func(t *testing.T) {
			p := profileOf(t, g.name+".Dockerfile", g.src, g.opts)
			ar := &txtar.Archive{Comment: []byte("dockerharden runtime on testdata/golden/" + g.name + ".Dockerfile (go test ./profile -update)\n")}
			for _, f := range Formats {
				var b bytes.Buffer
				if err := Render(&b, p, Options{Format: f, File: g.name + ".Dockerfile"}); err != nil {
					t.Fatal(err)
				}
				ar.Files = append(ar.Files, txtar.File{Name: f, Data: b.Bytes()})
				switch f {
				case "compose":
					loadCompose(t, b.Bytes())
				case "kubernetes":
					decodeDeployment(t, b.Bytes())
				case "json":
					var j map[string]any
					if err := json.Unmarshal(b.Bytes(), &j); err != nil || j["version"] != float64(Version) {
						t.Errorf("json: %v, version %v", err, j["version"])
					}
				case "docker":
					checkDocker(t, b.String(), p)
				}
			}
			got := txtar.Format(ar)
			path := filepath.Join("testdata", g.name+".txtar")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (go test ./profile -update, then read it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs; run go test ./profile -update and read the diff", path)
			}
		})
	}
}

func loadCompose(t *testing.T, src []byte) *composetypes.Project {
	t.Helper()
	proj, err := loader.LoadWithContext(context.Background(), composetypes.ConfigDetails{
		WorkingDir:  t.TempDir(),
		ConfigFiles: []composetypes.ConfigFile{{Filename: "compose.yaml", Content: src}},
		Environment: composetypes.Mapping{},
	}, func(o *loader.Options) { o.SetProjectName("dockerharden-test", true) })
	if err != nil {
		t.Fatalf("compose-go cannot load the compose file: %v\n%s", err, src)
	}
	return proj
}

func decodeDeployment(t *testing.T, src []byte) *appsv1.Deployment {
	t.Helper()
	d, err := strictDeployment(src)
	if err != nil {
		t.Fatalf("the Deployment does not strict-decode into apps/v1: %v\n%s", err, src)
	}
	if d.APIVersion != "apps/v1" || d.Kind != "Deployment" {
		t.Fatalf("apiVersion/kind = %s/%s", d.APIVersion, d.Kind)
	}
	return d
}

// strictDeployment decodes like the API server's strict field validation:
// case-sensitive, unknown and duplicate fields are errors. (sigs.k8s.io/yaml
// UnmarshalStrict alone goes through encoding/json, which matches field
// names case-insensitively and would accept readOnlyRootFileSystem.)
func strictDeployment(src []byte) (*appsv1.Deployment, error) {
	j, err := yaml.YAMLToJSONStrict(src)
	if err != nil {
		return nil, err
	}
	var d appsv1.Deployment
	strict, err := kjson.UnmarshalStrict(j, &d, kjson.DisallowUnknownFields, kjson.DisallowDuplicateFields)
	if err != nil {
		return nil, err
	}
	if len(strict) > 0 {
		return nil, fmt.Errorf("%v", strict)
	}
	return &d, nil
}

// checkDocker: one command, the mandatory flags, ends with the image.
func checkDocker(t *testing.T, out string, p *Profile) {
	t.Helper()
	args := dockerArgs(t, out)
	if args[0] != "docker" || args[1] != "run" || args[len(args)-1] != "IMAGE" {
		t.Errorf("not a docker run ending with the image: %q", args)
	}
	joined := " " + strings.Join(args, " ") + " "
	want := []string{"--security-opt=no-new-privileges"}
	if p.Family == images.Windows {
		want = nil
	} else if p.Outcome == NonRoot {
		want = append(want, "--read-only", "--cap-drop=ALL", "--tmpfs /tmp")
		if p.User != nil {
			want = append(want, "--user "+p.User.String())
		}
	} else if strings.Contains(joined, "--user") || strings.Contains(joined, "--read-only") {
		t.Errorf("a root image got --user or --read-only: %s", joined)
	}
	for _, w := range want {
		if !strings.Contains(joined, " "+w+" ") {
			t.Errorf("docker command lacks %s: %s", w, joined)
		}
	}
	low := false
	for _, port := range p.Ports {
		low = low || port.Privileged()
	}
	if got := strings.Contains(joined, "ip_unprivileged_port_start"); got != (low && p.Outcome == NonRoot && p.Family != images.Windows) {
		t.Errorf("sysctl present = %v, ports below 1024 = %v: %s", got, low, joined)
	}
}

// dockerArgs splits the docker format's command: comments dropped,
// continuations joined, words split on blanks (single quotes honoured).
func dockerArgs(t *testing.T, out string) []string {
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		if !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	cmd := strings.ReplaceAll(strings.Join(lines, "\n"), "\\\n", " ")
	if strings.Count(strings.TrimSpace(cmd), "\n") > 0 {
		t.Fatalf("more than one command:\n%s", out)
	}
	var args []string
	var w strings.Builder
	inWord, quoted := false, false
	for _, r := range cmd {
		switch {
		case r == '\'':
			quoted, inWord = !quoted, true
		case !quoted && (r == ' ' || r == '\n'):
			if inWord {
				args = append(args, w.String())
				w.Reset()
				inWord = false
			}
		default:
			w.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		args = append(args, w.String())
	}
	return args
}

// The strict decoder catches a mis-cased or unknown field: the check above
// means something.
func TestDeploymentDecoderIsStrict(t *testing.T) {
	p := profileOf(t, "Dockerfile", []byte("FROM debian:bookworm\nWORKDIR /app\nCOPY . .\nCMD [\"./app\"]\n"), rewrite.DefaultOptions())
	var b bytes.Buffer
	if err := Render(&b, p, Options{Format: "kubernetes"}); err != nil {
		t.Fatal(err)
	}
	good := b.Bytes()
	decodeDeployment(t, good)
	for _, bad := range []struct{ from, to string }{
		{"readOnlyRootFilesystem:", "readOnlyRootFileSystem:"},
		{"runAsNonRoot:", "runAsNonroot:"},
		{"emptyDir: {}", "emptyDirectory: {}"},
		{"allowPrivilegeEscalation:", "allowPrivilegeEscalations:"},
	} {
		src := bytes.Replace(good, []byte(bad.from), []byte(bad.to), 1)
		if bytes.Equal(src, good) {
			t.Fatalf("%q not in the output", bad.from)
		}
		if _, err := strictDeployment(src); err == nil {
			t.Errorf("strict decoding accepted %q", bad.to)
		}
	}
}

func TestProfileFacts(t *testing.T) {
	for _, c := range []struct {
		name, src string
		check     func(t *testing.T, p *Profile)
	}{
		{
			"env ports", "FROM debian:bookworm\nENV PORT=80 ASPNETCORE_URLS=http://+:5000;https://+:5001 LISTEN_ADDR=:9000 HTTP_PORTS=8080,8081 APP_PORT_NAME=x\nEXPOSE 80/tcp 53/udp 7000-7002\nCMD [\"x\"]\n",
			func(t *testing.T, p *Profile) {
				var got []string
				for _, port := range p.Ports {
					got = append(got, strconv.Itoa(port.Port)+"/"+port.Protocol)
				}
				want := "53/udp 80/tcp 5000/tcp 5001/tcp 7000/tcp 7001/tcp 7002/tcp 8080/tcp 8081/tcp 9000/tcp"
				if strings.Join(got, " ") != want {
					t.Errorf("ports %v, want %s", got, want)
				}
				if from := p.Ports[1].From; len(from) != 2 {
					t.Errorf("port 80 from %v, want EXPOSE and ENV", from)
				}
			},
		},
		{
			"content", "FROM debian:bookworm\nRUN mkdir -p /data /srv/cache /opt/tool/bin && echo x > /srv/seed/file && chown 1:1 /data\nWORKDIR /app\nCOPY app.py .\nWORKDIR /build\nRUN make\nWORKDIR /empty\nRUN mkdir -p /empty/sub\nVOLUME /data\nVOLUME /srv/seed\nCMD [\"x\"]\n",
			func(t *testing.T, p *Profile) {
				got := map[string]bool{}
				for _, path := range p.Paths {
					got[path.Path] = path.Content
				}
				// mkdir'd directories outside OS trees are the app's (not /opt/tool/bin:
				// code); the user's home too. /empty/sub is a path of its own.
				want := map[string]bool{
					"/app": true, "/build": true, "/empty": false, "/empty/sub": false, "/data": false,
					"/srv/cache": false, "/srv/seed": true, "/home/app": false,
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("paths/content %v, want %v", got, want)
				}
			},
		},
		{
			"home and setcap", "FROM debian:bookworm\nRUN useradd -m -u 2000 svc && setcap cap_net_bind_service=+ep /usr/bin/srv\nENV HOME=/home/svc\nUSER svc\nEXPOSE 443\nCMD [\"srv\"]\n",
			func(t *testing.T, p *Profile) {
				if p.Outcome != NonRoot || p.User == nil || p.User.UID != 2000 || p.User.Name != "svc" {
					t.Errorf("user %+v outcome %s", p.User, p.Outcome)
				}
				if p.Home != "/home/svc" || len(p.Paths) != 1 || !p.Paths[0].Exists {
					t.Errorf("home %q paths %+v", p.Home, p.Paths)
				}
				if len(p.Setcap) != 1 {
					t.Errorf("setcap %v", p.Setcap)
				}
			},
		},
		{
			"home from useradd", "FROM debian:bookworm\nRUN groupadd -g 10001 app && useradd --system --uid 10001 --gid 10001 --create-home --home-dir /home/app app && useradd -M -u 3000 other\nUSER 10001:10001\nCMD [\"x\"]\n",
			func(t *testing.T, p *Profile) {
				if p.Home != "/home/app" || len(p.Paths) != 1 || !p.Paths[0].Owned || !p.Paths[0].Exists {
					t.Errorf("home %q paths %+v", p.Home, p.Paths)
				}
			},
		},
		{
			"no home", "FROM debian:bookworm\nRUN useradd --no-create-home -u 3000 other && useradd -m -u 3001 someone\nUSER other\nCMD [\"x\"]\n",
			func(t *testing.T, p *Profile) {
				if p.Home != "" || p.User == nil || p.User.UID != 3000 {
					t.Errorf("home %q user %+v", p.Home, p.User)
				}
			},
		},
		{
			"home missing", "FROM debian:bookworm\nENV HOME=/var/lib/svc\nCMD [\"x\"]\n",
			func(t *testing.T, p *Profile) {
				if len(p.Paths) != 1 || p.Paths[0].Exists {
					t.Errorf("paths %+v: want a HOME that does not exist", p.Paths)
				}
				pl := NewPlan(p, Options{})
				if pl.Mounts[0].Kind != Tmpfs {
					t.Errorf("a missing HOME gets %s, want tmpfs", pl.Mounts[0].Kind)
				}
			},
		},
		{
			"decline", "FROM postgres:16\nCOPY init.sql /docker-entrypoint-initdb.d/\n",
			func(t *testing.T, p *Profile) {
				if p.Outcome != Root || p.User != nil || len(p.Reasons) == 0 || p.Reasons[0].Rule == "" {
					t.Errorf("outcome %s user %v reasons %v", p.Outcome, p.User, p.Reasons)
				}
			},
		},
		{
			"distroless nonroot", "FROM gcr.io/distroless/static:nonroot\nCOPY app /app\nENTRYPOINT [\"/app\"]\n",
			func(t *testing.T, p *Profile) {
				if p.Outcome != NonRoot || p.User == nil || p.User.String() != "65532:65532" {
					t.Errorf("outcome %s user %v", p.Outcome, p.User)
				}
			},
		},
		{
			// The e2e case parent-workdir: the WORKDIR comes from the stage the
			// target is built FROM, and fix makes it the app's.
			"inherited workdir", "FROM debian:bookworm AS base\nWORKDIR /srv/inherit\nRUN mkdir -p /srv/inherit/uploads\n\nFROM base\nCOPY app.sh ./\nCMD [\"sh\", \"/srv/inherit/app.sh\"]\n",
			func(t *testing.T, p *Profile) {
				got := map[string]bool{}
				for _, path := range p.Paths {
					got[path.Path] = true
				}
				if !got["/srv/inherit"] || !got["/srv/inherit/uploads"] {
					t.Errorf("paths %v, want /srv/inherit and /srv/inherit/uploads", p.Paths)
				}
			},
		},
		{
			"named base user", "FROM node:20\nWORKDIR /home/node/app\nCOPY . .\nUSER node\nCMD [\"node\", \"index.js\"]\n",
			func(t *testing.T, p *Profile) {
				if p.User == nil || p.User.String() != "1000:1000" {
					t.Errorf("user %v", p.User)
				}
			},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.check(t, profileOf(t, "Dockerfile", []byte(c.src), rewrite.DefaultOptions()))
		})
	}
}

func TestPlatformOpenShift(t *testing.T) {
	p := profileOf(t, "Dockerfile", []byte("FROM debian:bookworm\nWORKDIR /app\nEXPOSE 80\nCMD [\"x\"]\n"), rewrite.DefaultOptions())
	var b bytes.Buffer
	if err := Render(&b, p, Options{Format: "kubernetes", Platform: "openshift"}); err != nil {
		t.Fatal(err)
	}
	d := decodeDeployment(t, b.Bytes())
	sc := d.Spec.Template.Spec.SecurityContext
	if sc.RunAsUser != nil || sc.RunAsGroup != nil || sc.FSGroup != nil || sc.RunAsNonRoot == nil || !*sc.RunAsNonRoot {
		t.Errorf("openshift securityContext %+v", sc)
	}
	if !strings.Contains(b.String(), "g=u") {
		t.Errorf("no warning about the UID:0 + g=u pattern:\n%s", b.String())
	}
	if len(sc.Sysctls) != 1 || sc.Sysctls[0].Name != "net.ipv4.ip_unprivileged_port_start" {
		t.Errorf("sysctls %+v", sc.Sysctls)
	}
}

// Kubernetes and compose agree with the plan on the hardened essentials.
func TestDeploymentSettings(t *testing.T) {
	src := "FROM debian:bookworm\nRUN mkdir /uploads\nWORKDIR /app\nCOPY . .\nVOLUME /var/lib/app\nEXPOSE 8080\nCMD [\"x\"]\n"
	p := profileOf(t, "Dockerfile", []byte(src), rewrite.DefaultOptions())
	var k, c bytes.Buffer
	if err := Render(&k, p, Options{Format: "kubernetes", Image: "registry.example.com/app:1.0", Name: "web"}); err != nil {
		t.Fatal(err)
	}
	d := decodeDeployment(t, k.Bytes())
	pod := d.Spec.Template.Spec
	if *pod.SecurityContext.RunAsUser != 10001 || *pod.SecurityContext.FSGroup != 10001 || pod.SecurityContext.SeccompProfile.Type != "RuntimeDefault" {
		t.Errorf("pod securityContext %+v", pod.SecurityContext)
	}
	ct := pod.Containers[0]
	if ct.Image != "registry.example.com/app:1.0" || ct.Name != "web" || !*ct.SecurityContext.ReadOnlyRootFilesystem ||
		*ct.SecurityContext.AllowPrivilegeEscalation || ct.SecurityContext.Capabilities.Drop[0] != "ALL" {
		t.Errorf("container %+v", ct)
	}
	mounts := map[string]string{}
	for _, m := range ct.VolumeMounts {
		mounts[m.MountPath] = m.Name
	}
	for _, want := range []string{"/tmp", "/app", "/var/lib/app"} {
		if mounts[want] == "" {
			t.Errorf("no mount at %s: %v", want, mounts)
		}
	}
	if len(pod.InitContainers) != 1 || len(pod.InitContainers[0].VolumeMounts) != 1 {
		t.Errorf("want one initContainer copying /app: %+v", pod.InitContainers)
	}
	if err := Render(&c, p, Options{Format: "compose", Name: "web"}); err != nil {
		t.Fatal(err)
	}
	proj := loadCompose(t, c.Bytes())
	svc := proj.Services["web"]
	if svc.User != "10001:10001" || !svc.ReadOnly || svc.CapDrop[0] != "ALL" || len(svc.Tmpfs) != 1 {
		t.Errorf("service %+v", svc)
	}
	got := map[string]string{}
	for _, v := range svc.Volumes {
		got[v.Target] = v.Type + ":" + v.Source
	}
	want := map[string]string{"/app": "volume:", "/var/lib/app": "volume:web-var-lib-app", "/uploads": "volume:", "/home/app": "volume:"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("compose volumes %v, want %v", got, want)
	}
	if _, ok := proj.Volumes["web-var-lib-app"]; !ok {
		t.Errorf("named volume not declared: %v", proj.Volumes)
	}
}

func TestOptionsValidate(t *testing.T) {
	for _, o := range []Options{{Format: "yaml"}, {Format: "docker", Name: "Web"}, {Format: "docker", Platform: "nomad"}, {Format: "docker", Image: "a b"}} {
		if err := o.Validate(); err == nil {
			t.Errorf("%+v accepted", o)
		}
	}
	if images.ShellLess.CanCreateUser() {
		t.Fatal("ShellLess has a shell?")
	}
}

// The README's "Run it safely" examples are what runtime prints for the
// "Before and after" Dockerfile (header comments aside).
func TestReadmeExamples(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(readme)
	start := strings.Index(s, "## Before and after")
	df := s[start:]
	df = df[strings.Index(df, "```dockerfile\n")+len("```dockerfile\n"):]
	df = df[:strings.Index(df, "```")]
	sec := s[strings.Index(s, "## Run it safely"):]
	p := profileOf(t, "Dockerfile", []byte(df), rewrite.DefaultOptions())
	strip := func(s string) string {
		var out []string
		for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
			if !strings.HasPrefix(l, "# dockerharden runtime") && !strings.HasPrefix(l, "# (every") {
				out = append(out, l)
			}
		}
		return strings.Join(out, "\n")
	}
	for _, f := range []string{"docker", "compose", "kubernetes"} {
		fence := "```yaml\n"
		if f == "docker" {
			fence = "```sh\n"
		}
		i := strings.Index(sec, fence)
		if i < 0 {
			t.Fatalf("no %s example in the README", f)
		}
		sec = sec[i+len(fence):]
		block := sec[:strings.Index(sec, "```")]
		var b bytes.Buffer
		if err := Render(&b, p, Options{Format: f, Image: "registry.example.com/server:1.4", Name: "server"}); err != nil {
			t.Fatal(err)
		}
		if strip(block) != strip(b.String()) {
			t.Errorf("README %s example is stale; runtime prints:\n%s", f, b.String())
		}
	}
}
