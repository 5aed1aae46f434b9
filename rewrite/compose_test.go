package rewrite

import (
	"fmt"
	"path"
	"strings"
	"testing"
)

// TestComposeMounts: the volumes of the services that build this
// Dockerfile, in both syntaxes; services with their own user, other
// Dockerfiles and tmpfs mounts are not read.
func TestComposeMounts(t *testing.T) {
	const compose = `x-common: &common
  volumes:
    - cache:/var/cache/app
services:
  web:
    build: .
    volumes:
      - ./data:/srv/data
      - uploads:/app/uploads:rw
      - ./nginx.conf:/etc/app/app.conf:ro
      - /app/node_modules
      - type: bind
        source: ./logs
        target: /app/logs
      - type: tmpfs
        target: /run
  worker:
    build:
      context: .
      dockerfile: api/Dockerfile
      target: Worker
    volumes:
      - ${PWD}/models:/models
  merged:
    <<: *common
    build: .
  other:
    build: ./elsewhere
    volumes:
      - ./x:/x
  chosen-user:
    build: .
    user: "1000:1000"
    volumes:
      - ./y:/y
`
	got := composeMounts([]ComposeFile{{Name: "compose.yaml", Data: []byte(compose), Dir: "/r", Dockerfile: "/r/Dockerfile"}, {Name: "../compose.yaml", Data: []byte(compose), Dir: "/r", Dockerfile: "/r/api/Dockerfile"}})
	var lines []string
	for _, m := range got {
		lines = append(lines, fmt.Sprintf("%s:%d %s stage=%q %q→%s bind=%v ro=%v", m.file, m.line, m.service, m.stage, m.source, m.target, m.bind, m.ro))
	}
	want := []string{
		`compose.yaml:8 web stage="" "./data"→/srv/data bind=true ro=false`,
		`compose.yaml:9 web stage="" "uploads"→/app/uploads bind=false ro=false`,
		`compose.yaml:10 web stage="" "./nginx.conf"→/etc/app/app.conf bind=true ro=true`,
		`compose.yaml:11 web stage="" ""→/app/node_modules bind=false ro=false`,
		`compose.yaml:12 web stage="" "./logs"→/app/logs bind=true ro=false`,
		`compose.yaml:3 merged stage="" "cache"→/var/cache/app bind=false ro=false`,
		`../compose.yaml:23 worker stage="worker" "${PWD}/models"→/models bind=true ro=false`,
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	// A context of ".." with a dockerfile relative to it, from a compose
	// file kept next to the Dockerfile.
	up := composeMounts([]ComposeFile{{Name: "compose.yml", Dir: "/r/docker", Dockerfile: "/r/docker/Dockerfile", Data: []byte("services:\n  a:\n    build:\n      context: ..\n      dockerfile: docker/Dockerfile\n    volumes: [\"d:/d\"]\n")}})
	if len(up) != 1 || up[0].target != "/d" {
		t.Errorf("context .. did not match the Dockerfile: %v", up)
	}
	// compose substitutes the .env file's variables, with defaults.
	env := composeMounts([]ComposeFile{{Name: "compose.yml", Dir: "/r", Dockerfile: "/r/src/agent/Dockerfile", DotEnv: []byte("# agent\nAGENT_DOCKERFILE=\"./src/agent/Dockerfile\"\nexport DATA=./fixtures\n"), Data: []byte("services:\n  a:\n    build:\n      context: ./\n      dockerfile: ${AGENT_DOCKERFILE}\n    volumes: [\"${DATA}:/app/fixtures\", \"${LOGS:-./logs}:/var/log/agent\"]\n")}})
	if len(env) != 2 || env[0].source != "./fixtures" || env[1].source != "./logs" {
		t.Errorf(".env variables were not substituted: %+v", env)
	}
	// Files that are not compose files, or not YAML, are no mounts.
	for _, bad := range []string{"", "services: [", "- a\n- b\n", "services: 3\n", "services:\n  a:\n    build: .\n    volumes: ./x:/x\n"} {
		if m := composeMounts([]ComposeFile{{Name: "c.yaml", Data: []byte(bad), Dir: "/r", Dockerfile: "/r/Dockerfile"}}); len(m) != 0 {
			t.Errorf("%q: got mounts %v", bad, m)
		}
	}
}

// TestComposeDecisions: what the mounts of the compose service that
// builds the file do to the decision.
func TestComposeDecisions(t *testing.T) {
	const df = "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD [\"python\", \"app.py\"]\n"
	for _, tc := range []struct {
		name, volumes string
		want          []string // substrings of the findings and output
		decline       bool
	}{
		{"data-bind-mount", "      - ./models:/models\n", []string{"DH013 compose.yaml:6 (service app) bind-mounts ./models at /models read-write", "left alone (give the host directory to 10001:10001"}, true},
		{"data-name-in-code", "      - ./data:/app/data\n", []string{"bind-mounts ./data at /app/data read-write"}, true},
		{"read-only", "      - ./models:/models:ro\n", []string{"USER 10001:10001"}, false},
		{"file", "      - ./settings.toml:/etc/app/settings.toml\n", []string{"USER 10001:10001"}, false},
		{"code-mount", "      - .:/app\n", []string{"DH013 compose.yaml:6 (service app) bind-mounts . over the app's code at /app", "USER 10001:10001"}, false},
		{"named-volume", "      - models:/models\n", []string{"chown 10001:10001 /app /models", "USER 10001:10001"}, false},
		{"named-volume-os-dir", "      - logs:/var/log\n", []string{"RUN chown 10001:10001 /app\n"}, false},
		{"anonymous-over-code", "      - /app/node_modules\n", []string{"RUN chown 10001:10001 /app\n"}, false},
		{"root-home", "      - flowise:/root/.flowise\n", []string{"DH021 compose.yaml:6 (service app) mounts volume flowise at /root/.flowise: the app keeps what it needs in root's home"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := DefaultOptions()
			opts.Compose = []ComposeFile{{Name: "compose.yaml", Dir: "/r", Dockerfile: "/r/Dockerfile", Data: []byte("services:\n  app:\n    build: .\n    ports: [\"8000:8000\"]\n    volumes:\n" + tc.volumes)}}
			res, text := fixText(t, df, opts)
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("want %q in:\n%s", w, text)
				}
			}
			if res.Changed == tc.decline {
				t.Errorf("changed = %v, want %v:\n%s", res.Changed, !tc.decline, text)
			}
		})
	}
	// The Dockerfile sets no command and its base's is a prompt (a
	// toolchain image, DH019), but the compose file runs a program in it.
	for _, tc := range []struct {
		command string
		changed bool
	}{{"gunicorn main:app -b 0.0.0.0:8080", true}, {"[\"python\", \"-m\", \"app\"]", true}, {"bash", false}, {"sleep infinity", false}} {
		opts := DefaultOptions()
		opts.Compose = []ComposeFile{{Name: "compose.yaml", Dir: "/r", Dockerfile: "/r/Dockerfile", Data: []byte("services:\n  web:\n    build: .\n    user: \"1000\"\n    command: " + tc.command + "\n")}}
		res, err := Fix("Dockerfile", []byte("FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n"), opts)
		if err != nil {
			t.Fatal(err)
		}
		if res.Changed != tc.changed {
			t.Errorf("command %s: changed = %v, want %v", tc.command, res.Changed, tc.changed)
		}
		if tc.changed && !strings.Contains(res.Findings[0].Message, "compose.yaml:2 (service web) runs") {
			t.Errorf("command %s: the DH001 finding does not say why: %s", tc.command, res.Findings[0].Message)
		}
	}
	// A service that builds another stage, or sets its own user, says
	// nothing about the last stage.
	for _, svc := range []string{"    build:\n      context: .\n      target: dev\n", "    build: .\n    user: \"1000\"\n"} {
		opts := DefaultOptions()
		opts.Compose = []ComposeFile{{Name: "compose.yaml", Dir: "/r", Dockerfile: "/r/Dockerfile", Data: []byte("services:\n  app:\n" + svc + "    volumes:\n      - ./models:/models\n")}}
		res, err := Fix("Dockerfile", []byte("FROM python:3.12-slim AS dev\nFROM dev\nWORKDIR /app\nCOPY . .\nCMD [\"python\", \"app.py\"]\n"), opts)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Changed {
			t.Errorf("%q: the mount of another stage or user declined the fix", svc)
		}
	}
}

// FuzzCompose: any compose file next to any Dockerfile keeps the
// invariants of FuzzFix (no panic, output parses, a second run changes
// nothing), and every mount it yields has a clean absolute target.
func FuzzCompose(f *testing.F) {
	f.Add([]byte("FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD [\"python\", \"app.py\"]\n"), []byte("services:\n  app:\n    build: .\n    volumes:\n      - ./data:/data\n      - cache:/app/cache\n      - /app/node_modules\n"))
	f.Add([]byte("FROM node:22\nCOPY . /srv\nCMD node /srv/i.js\n"), []byte("x: &a\n  volumes: [\"v:/srv/v\"]\nservices:\n  s:\n    <<: *a\n    build: {context: ., target: x}\n"))
	f.Fuzz(func(t *testing.T, src, compose []byte) {
		files := []ComposeFile{{Name: "compose.yaml", Data: compose, Dir: "/r", Dockerfile: "/r/Dockerfile"}}
		for _, m := range composeMounts(files) {
			if !strings.HasPrefix(m.target, "/") || path.Clean(m.target) != m.target {
				t.Fatalf("mount target %q is not clean and absolute", m.target)
			}
		}
		opts := DefaultOptions()
		opts.Compose = files
		checkInvariantsWith(t, src, opts)
	})
}
