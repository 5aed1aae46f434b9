package rewrite

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestBuildContext: the start script the stage copies from the build
// context tells fix what the Dockerfile alone cannot.
func TestBuildContext(t *testing.T) {
	const dockerfile = "FROM debian:bookworm-slim\nWORKDIR /app\nCOPY docker-entrypoint.sh /usr/local/bin/\nCOPY . .\nENTRYPOINT [\"docker-entrypoint.sh\"]\nCMD [\"./server\"]\n"
	for _, tc := range []struct {
		name, script string
		want         string // a finding's rule and text, or the line the output must have
	}{
		{"step-down", "#!/bin/sh\nchown -R app /data\nexec gosu app \"$@\"\n", "DH010 the start script docker-entrypoint.sh (from the build context) steps down from root with gosu"},
		{"install-at-start", "#!/bin/sh\napt-get update && apt-get install -y jq\nexec \"$@\"\n", "DH018 the start script docker-entrypoint.sh (from the build context) runs apt-get update at start"},
		{"chown-at-start", "#!/bin/sh\nchown -R 1000 /app/data\nexec \"$@\"\n", "DH018 the start script docker-entrypoint.sh (from the build context) runs chown at start"},
		{"writes", "#!/bin/sh\nmkdir -p /var/lib/server\necho ready > /run/server/ready\nexec \"$@\"\n", "    && chown 10001:10001 /app /run/server /var/lib/server"},
		{"plain", "#!/bin/sh\nexec \"$@\"\n", "RUN chown 10001:10001 /app"},
		{"daemon-at-start", "#!/bin/sh\nssh-keygen -A\n/usr/sbin/sshd\nexec \"$@\"\n", "DH018 the start script docker-entrypoint.sh (from the build context) runs sshd at start, which needs root; left alone (sshd needs root"},
		{"writes-etc", "#!/bin/sh\ncat > /etc/app/app.conf <<EOF\nurl=$URL\nEOF\nexec \"$@\"\n", "DH018 the start script docker-entrypoint.sh (from the build context) writes /etc/app/app.conf at start, which only root can"},
		{"writes-etc-sed", "#!/bin/sh\nsed -i \"s/x/$X/\" /etc/hosts\nexec \"$@\"\n", "writes /etc/hosts at start"},
		{"writes-dev-null", "#!/bin/sh\ncommand -v jq > /dev/null\necho ok >> /tmp/log\nexec \"$@\"\n", "RUN chown 10001:10001 /app"},
		{"sed-in-place", "#!/bin/sh\nhost=\"${HOST//\\\"/}\"\nsed -i \"s/%host%/$host/\" /etc-app/server.conf\nexec \"$@\"\n", "    && chown 10001:10001 /app /etc-app"},
		{"step-down-only-as-root", "#!/bin/sh\nif [ \"$(id -u)\" = '0' ]; then\n  chown -R app /app/data\n  exec gosu app \"$@\"\nfi\nexec \"$@\"\n", "    && chown 10001:10001 /app /app/data"},
		{"chown-only-as-root", "#!/bin/sh\nif [ \"$(id -u)\" = '0' ]; then\n  chown -R app /app/data\n  exec gosu app \"$@\"\nfi\nexec \"$@\"\n", "DH013 the start script docker-entrypoint.sh chowns its directories only when it starts as root: as 10001:10001, a bind mount or an existing volume there must already be owned by 10001:10001"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := DefaultOptions()
			opts.Context = fstest.MapFS{"docker-entrypoint.sh": {Data: []byte(tc.script)}}
			_, text := fixText(t, dockerfile, opts)
			if !strings.Contains(text, tc.want) {
				t.Errorf("want %q in:\n%s", tc.want, text)
			}
			if strings.Contains(text, "decided from the Dockerfile alone") {
				t.Errorf("the context was there, yet the finding says it was not read")
			}
		})
	}
	res, err := Fix("Dockerfile", []byte(dockerfile), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Findings[0].Message, "decided from the Dockerfile alone: /usr/local/bin/docker-entrypoint.sh comes from the build context") {
		t.Errorf("without a context the finding must say so: %q", res.Findings[0].Message)
	}
}

// TestInPlaceWrites: a Node start script that runs import-meta-env over
// the built site rewrites those files at start, so they become the app's.
func TestInPlaceWrites(t *testing.T) {
	opts := DefaultOptions()
	opts.Context = fstest.MapFS{"run.mjs": {Data: []byte("import { execSync } from 'child_process'\nexecSync(`npx import-meta-env -x .env.example -p \"/srv/www/**/*\"`)\nexecSync('caddy run')\n")}}
	res, _ := fixText(t, "FROM node:22-slim\nCOPY dist/ /srv/www/\nCOPY run.mjs /opt/run.mjs\nCMD [\"node\", \"/opt/run.mjs\"]\n", opts)
	for _, want := range []string{"COPY --chown=1000:1000 dist/ /srv/www/\n", "COPY run.mjs /opt/run.mjs\n", "chown 1000:1000 /srv/www"} {
		if !strings.Contains(string(res.Output), want) {
			t.Errorf("want %q in:\n%s", want, res.Output)
		}
	}
}

// TestSourceWrites: a directory the app's code writes by a hard-coded path
// (a model cache) is created and made the app's; one in an OS tree or
// /tmp is left alone.
func TestSourceWrites(t *testing.T) {
	opts := DefaultOptions()
	opts.Context = fstest.MapFS{"models.py": {Data: []byte("import os\nemb = Embeddings(model=\"m\", cache_folder=\"/embedding_model\")\nos.makedirs('/var/lib/x', exist_ok=True)\nos.makedirs(\"/tmp/scratch\")\n")}}
	res, _ := fixText(t, "FROM python:3.12-slim\nWORKDIR /app\nCOPY models.py .\nCMD [\"python\", \"models.py\"]\n", opts)
	if want := "RUN mkdir -p /embedding_model /var/lib/x \\\n    && chown 10001:10001 /app /embedding_model /var/lib/x\n"; !strings.Contains(string(res.Output), want) {
		t.Errorf("want %q in:\n%s", want, res.Output)
	}
}

// TestDirectoryCopiedIn: ADD files / copies a directory's contents (the
// context shows it is one), so /run.sh is files/run.sh.
func TestDirectoryCopiedIn(t *testing.T) {
	opts := DefaultOptions()
	opts.Context = fstest.MapFS{"files/run.sh": {Data: []byte("#!/bin/sh\nchown -R app /data\nexec su app -c server\n")}}
	res, _ := fixText(t, "FROM debian:bookworm-slim\nADD files /\nCMD [\"/run.sh\"]\n", opts)
	if res.Changed || !strings.Contains(formatFindings(res.Findings), "the start script files/run.sh (from the build context) steps down from root with su") {
		t.Errorf("the script in the directory was not read:\n%s%s", formatFindings(res.Findings), res.Output)
	}
}

// TestSourcePorts: a low port hard-coded in a source file that a builder
// stage compiles is reported on the final image, once.
func TestSourcePorts(t *testing.T) {
	opts := DefaultOptions()
	opts.Context = fstest.MapFS{
		"main.go":   {Data: []byte("package main\nfunc main() { http.ListenAndServe(\":80\", nil) }\n")},
		"server.js": {Data: []byte("app.listen(8080)\n")},
	}
	res, _ := fixText(t, "FROM golang:1.23 AS build\nCOPY main.go server.js ./\nRUN go build -o /app main.go\nFROM debian:bookworm-slim\nCOPY --from=build /app /usr/local/bin/app\nCMD [\"app\"]\n", opts)
	got := formatFindings(res.Findings)
	if !strings.Contains(got, "2-2 DH005 warning: main.go listens on port 80:") || strings.Contains(got, "listens on port 8080") {
		t.Errorf("findings:\n%s", got)
	}
}

// fixText runs Fix and returns its findings ("DH013 message" lines) and
// output as one text, for tests that look for a phrase in either.
func fixText(t *testing.T, src string, opts Options) (*Result, string) {
	t.Helper()
	res, err := Fix("Dockerfile", []byte(src), opts)
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, f := range res.Findings {
		all = append(all, f.Rule.ID+" "+f.Message)
	}
	return res, strings.Join(all, "\n") + "\n" + string(res.Output)
}
