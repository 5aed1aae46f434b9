package images

import (
	"strings"
	"testing"
)

func TestLookup(t *testing.T) {
	for _, tc := range []struct {
		image   string
		family  Family
		variant string
	}{
		{"debian:bookworm-slim", Debian, ""},
		{"docker.io/library/ubuntu:24.04", Debian, ""},
		{"python:3.12", Debian, ""},
		{"python:3.12-alpine3.20", Alpine, ""},
		{"python:3.12-windowsservercore-ltsc2022", Windows, ""},
		{"node", Debian, ""},
		{"node:20-alpine@sha256:0123", Alpine, ""},
		{"golang:1.22-bookworm", Debian, ""},
		{"eclipse-temurin:21-jre", Debian, ""},
		{"eclipse-temurin:21-jre-ubi9-minimal", RHEL, "ubi-minimal"},
		{"alpine", Alpine, ""},
		{"busybox:1.36-musl", Alpine, "busybox"},
		{"registry.access.redhat.com/ubi9/ubi-minimal:9.4", RHEL, "ubi-minimal"},
		{"registry.access.redhat.com/ubi9/ubi-micro", RHEL, "ubi-micro"},
		{"redhat/ubi9", RHEL, ""},
		{"fedora:40", RHEL, ""},
		{"quay.io/centos/centos:stream9", RHEL, ""},
		{"rockylinux:9", RHEL, ""},
		{"almalinux:9-minimal", RHEL, "minimal"},
		{"oraclelinux:9-slim", RHEL, ""},
		{"amazonlinux:2023", RHEL, "amazonlinux"},
		{"public.ecr.aws/amazonlinux/amazonlinux:2023", RHEL, "amazonlinux"},
		{"mcr.microsoft.com/azurelinux/base/core:3.0", RHEL, "azurelinux"},
		{"gcr.io/distroless/static-debian12", ShellLess, "distroless"},
		{"gcr.io/distroless/base:nonroot", ShellLess, "distroless"},
		{"cgr.dev/chainguard/static", ShellLess, "chainguard"},
		{"cgr.dev/chainguard/python:latest-dev", Alpine, "wolfi"},
		{"cgr.dev/chainguard/wolfi-base", Alpine, "wolfi"},
		{"scratch", ShellLess, "scratch"},
		{"mcr.microsoft.com/windows/nanoserver:ltsc2022", Windows, ""},
		{"mcr.microsoft.com/dotnet/aspnet:8.0", Debian, ""},
		{"mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled", ShellLess, "distroless"},
		{"mcr.microsoft.com/dotnet/runtime:8.0-alpine", Alpine, ""},
		{"mirror.gcr.io/library/debian:12", Debian, ""},
		{"registry.example.com/team/base:1.2", Unknown, ""},
		{"mycorp/python:3.12", Unknown, ""},
		{"${BASE}", Unknown, ""},
		{"localhost:5000/app", Unknown, ""},
	} {
		b := Lookup(tc.image)
		if b.Family != tc.family || b.Variant != tc.variant {
			t.Errorf("Lookup(%q) = %s/%s, want %s/%s", tc.image, b.Family, b.Variant, tc.family, tc.variant)
		}
	}
	if u := Lookup("gcr.io/distroless/base:nonroot").User; u != "65532" {
		t.Errorf("distroless :nonroot default user = %q, want 65532", u)
	}
	for _, tc := range []struct {
		image, appUser string
		uid, gid       int
		stepDown       bool
		noUserAdd      bool
	}{
		{"node:22-bookworm-slim", "node", 1000, 1000, false, false},
		{"node:22-alpine", "node", 1000, 1000, false, false},
		{"mcr.microsoft.com/dotnet/aspnet:8.0", "app", 1654, 1654, false, false},
		{"mcr.microsoft.com/dotnet/aspnet:6.0", "", 0, 0, false, false},
		{"gcr.io/distroless/static-debian12", "nonroot", 65532, 65532, false, false},
		{"cgr.dev/chainguard/static", "nonroot", 65532, 65532, false, false},
		{"php:8.3-fpm", "www-data", 33, 33, false, false},
		{"php:8.3-apache", "", 0, 0, true, false},
		{"wordpress:6", "", 0, 0, true, false},
		{"wordpress:6-fpm-alpine", "www-data", 33, 33, false, false},
		{"nginx:1.27-alpine", "", 0, 0, true, false},
		{"registry.access.redhat.com/ubi9/ubi-minimal", "", 0, 0, false, true},
		{"python:3.12", "", 0, 0, false, false},
	} {
		img := Lookup(tc.image)
		u, ok := img.AppAccount()
		if ok != (tc.appUser != "") || u.Name != tc.appUser || u.UID != tc.uid || u.GID != tc.gid || img.StepDown != tc.stepDown || img.NoUserAdd != tc.noUserAdd {
			t.Errorf("Lookup(%q): app user %q %d:%d (%v), root by design %v, no useradd %v", tc.image, u.Name, u.UID, u.GID, ok, img.StepDown, img.NoUserAdd)
		}
	}
}

func TestSplitAndParseRef(t *testing.T) {
	for _, tc := range []struct{ ref, split, splitTag, parsed string }{
		{"node:20", "node", "20", "node"},
		{"Docker.io/Library/Node:20@sha256:00", "Docker.io/Library/Node", "20", "node"},
		{"localhost:5000/app", "localhost:5000/app", "", "localhost:5000/app"},
		{"reg:5000/a/b:1.2@sha256:ab", "reg:5000/a/b", "1.2", "reg:5000/a/b"},
	} {
		repo, tag := SplitRef(tc.ref)
		parsed, ptag := ParseRef(tc.ref)
		if repo != tc.split || tag != tc.splitTag || parsed != tc.parsed || ptag != strings.ToLower(tc.splitTag) {
			t.Errorf("%q: SplitRef = %q %q, ParseRef = %q %q", tc.ref, repo, tag, parsed, ptag)
		}
	}
}

func TestPromptByDefault(t *testing.T) {
	for ref, want := range map[string]bool{
		"python:3.12-slim": true, "node:22": true, "debian:12": true, "php:8.3-cli": true,
		"php:8.3-fpm": false, "nginx:1.27": false, "tomcat:10": false, "gcr.io/distroless/base": false,
		"mcr.microsoft.com/dotnet/sdk:8.0": true, "mcr.microsoft.com/dotnet/aspnet:8.0": false,
		"registry.example.com/x:1": false,
	} {
		if got := PromptByDefault(Lookup(ref)); got != want {
			t.Errorf("PromptByDefault(%s) = %v, want %v", ref, got, want)
		}
	}
}
