#!/usr/bin/env bash
# e2e/setup.sh - prepare this machine for the end-to-end suite (no Docker engine, no registry).
#
#   1. apt-get install buildah podman runc debootstrap busybox-static (+ gcc make libc6-dev bzip2
#      for the busybox build) - only what is missing, one `apt-get update` at most
#   2. private containers config under $W (nothing goes to /var/lib/containers):
#      $W/storage.conf, $W/containers.conf and $W/env.sh (the two CONTAINERS_* exports)
#   3. base image debian:bookworm-slim: debootstrap --variant=minbase bookworm, slimmed, tarred
#      into $W/cache, `podman import`ed and tagged docker.io/library/debian:bookworm-slim
#   4. base image alpine:3.20 ("alpine-like"): busybox built from Debian's busybox source with
#      e2e/busybox-min.config (adduser/addgroup applets, static) in a FROM-scratch image,
#      tagged docker.io/library/alpine:3.20
#   5. base image node:22-bookworm-slim ("node-like"): debian:bookworm-slim plus the official
#      node image's user node 1000:1000, built with buildah
#
# Idempotent: every step is skipped when its result is already there (binaries/tarballs are
# cached in $W/cache, images in $W/store). Usage: bash e2e/setup.sh   (W=/dir to move the
# work dir; FRESH=1 to wipe $W/store and re-import the images from the cache).
# Runs as root (apt-get, debootstrap). Exports nothing: source "$W/env.sh" to use the store.
set -euo pipefail

W=${W:-/tmp/dockerharden-e2e}
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$W/cache"
T0=$(date +%s%N)
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
lap() { printf 'setup: %-26s %6d ms\n' "$1" "$(ms "$2")"; }

MIRROR=${MIRROR:-}
[ -n "$MIRROR" ] || MIRROR=$(grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -1 || true)
[ -n "$MIRROR" ] || MIRROR=$(grep -hE '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | grep -v security | head -1 || true)
[ -n "$MIRROR" ] || MIRROR=http://deb.debian.org/debian

# --- 1. packages ------------------------------------------------------------------------------
t=$(date +%s%N)
need=()
for c in buildah podman runc debootstrap gcc make bzip2; do command -v "$c" >/dev/null || need+=("$c"); done
[ -x /bin/busybox ] || need+=(busybox-static)
[ -e /usr/include/stdio.h ] || need+=(libc6-dev)
[ -e /usr/share/keyrings/debian-archive-keyring.gpg ] || need+=(debian-archive-keyring)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  apt-get update -qq
  # --no-install-recommends keeps crun/netavark/slirp4netns out: runc is the runtime used.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
lap "1 packages" "$t"

# --- 2. private config -------------------------------------------------------------------------
cat > "$W/storage.conf" <<CONF
[storage]
driver = "overlay"
runroot = "$W/store/run"
graphroot = "$W/store/graph"
CONF
# runc, not crun: crun 1.8.1 refuses this VM's hybrid cgroup layout.
# ulimits: podman's root defaults (nofile=1048576) need CAP_SYS_RESOURCE, which the VM lacks.
# network_backend pinned to cni: a store first opened while netavark was installed remembers it;
# with --network=none (runs) and --isolation chroot (builds) no network plugin is ever used.
cat > "$W/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
tmp_dir = "$W/libpod-tmp"
static_dir = "$W/store/graph/libpod"
volume_path = "$W/store/graph/volumes"

[network]
network_backend = "cni"
CONF
cat > "$W/env.sh" <<CONF
export CONTAINERS_STORAGE_CONF="$W/storage.conf"
export CONTAINERS_CONF="$W/containers.conf"
CONF
export CONTAINERS_STORAGE_CONF="$W/storage.conf" CONTAINERS_CONF="$W/containers.conf"
if [ "${FRESH:-0}" = 1 ]; then podman system reset -f >/dev/null 2>&1 || true; rm -rf "$W/store"; fi

# --- 3. debian:bookworm-slim ---------------------------------------------------------------------
t=$(date +%s%N)
if ! podman image exists docker.io/library/debian:bookworm-slim; then
  if [ ! -s "$W/cache/bookworm-minbase.tar" ]; then
    echo "setup: debootstrap bookworm from $MIRROR"
    rm -rf "$W/rootfs"
    debootstrap --variant=minbase bookworm "$W/rootfs" "$MIRROR" >"$W/debootstrap.log" 2>&1 \
      || { tail -20 "$W/debootstrap.log"; exit 1; }
    rm -rf "$W/rootfs"/var/cache/apt/archives/*.deb "$W/rootfs"/var/lib/apt/lists/* \
           "$W/rootfs"/usr/share/doc/* "$W/rootfs"/usr/share/man/* "$W/rootfs"/usr/share/locale/* \
           "$W/rootfs"/usr/share/info/*
    tar -C "$W/rootfs" -cf "$W/cache/bookworm-minbase.tar.tmp" .
    mv "$W/cache/bookworm-minbase.tar.tmp" "$W/cache/bookworm-minbase.tar"
    rm -rf "$W/rootfs"
  fi
  podman import -q --change 'CMD ["/bin/bash"]' "$W/cache/bookworm-minbase.tar" localhost/debian:bookworm-slim >/dev/null
  podman tag localhost/debian:bookworm-slim docker.io/library/debian:bookworm-slim
fi
lap "3 debian:bookworm-slim" "$t"

# --- 4. alpine:3.20 (alpine-like busybox) --------------------------------------------------------
t=$(date +%s%N)
BB="$W/cache/busybox-alpine-like"
if [ ! -x "$BB" ]; then
  echo "setup: building busybox from Debian's source package"
  B="$W/busybox-src"; rm -rf "$B"; mkdir -p "$B/srcparts" "$B/lists/partial" "$B/cache/archives/partial"
  cat > "$B/srcparts/src.sources" <<CONF
Types: deb-src
URIs: $MIRROR
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
CONF
  APT=(-o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$B/srcparts"
       -o Dir::State::Lists="$B/lists" -o Dir::Cache="$B/cache")
  apt-get -qq "${APT[@]}" update
  (cd "$B" && apt-get -qq "${APT[@]}" source --download-only busybox >/dev/null 2>&1)
  mkdir -p "$B/build"
  tar xjf "$B"/busybox_*.orig.tar.bz2 -C "$B/build"
  (
    cd "$B"/build/busybox-*
    cp "$HERE/busybox-min.config" .config
    { yes '' || true; } | make oldconfig >/dev/null 2>&1
    make -j"$(nproc)" >"$B/build.log" 2>&1 || { tail -20 "$B/build.log"; exit 1; }
    cp busybox "$BB.tmp"
  )
  "$BB.tmp" --list | grep -qx adduser
  mv "$BB.tmp" "$BB"
  rm -rf "$B"
fi
if ! podman image exists docker.io/library/alpine:3.20; then
  C="$W/ctx-alpine-like"; rm -rf "$C"; mkdir -p "$C"; cp "$BB" "$C/busybox"
  cat > "$C/Dockerfile" <<'CONF'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
RUN mkdir -p /etc /tmp /root /home /sbin /usr/bin /usr/sbin && chmod 1777 /tmp && \
    printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n' > /etc/passwd && \
    printf 'root:x:0:\nnobody:x:65534:\n' > /etc/group && \
    printf '#!/bin/sh\necho "This account is not available"\nexit 1\n' > /sbin/nologin && chmod 755 /sbin/nologin
CMD ["/bin/sh"]
CONF
  buildah bud -q --pull=never --isolation chroot --layers=false -t localhost/busybox:alpine-like "$C" >/dev/null
  podman tag localhost/busybox:alpine-like docker.io/library/alpine:3.20
  rm -rf "$C"
fi
lap "4 alpine:3.20" "$t"

# --- 5. node:22-bookworm-slim (node-like: debian with the official image's node user) ----------
# The official node images ship user node 1000:1000; dockerharden reuses it. The e2e apps are
# shell scripts, so the user (not node itself) is what the image must have.
t=$(date +%s%N)
if ! podman image exists docker.io/library/node:22-bookworm-slim; then
  C="$W/ctx-node-like"; rm -rf "$C"; mkdir -p "$C"
  cat > "$C/Dockerfile" <<'CONF'
FROM docker.io/library/debian:bookworm-slim
RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
CMD ["/bin/bash"]
CONF
  buildah bud -q --pull=never --isolation chroot --layers=false -t localhost/node:node-like "$C" >/dev/null
  podman tag localhost/node:node-like docker.io/library/node:22-bookworm-slim
  rm -rf "$C"
fi
lap "5 node:22-bookworm-slim" "$t"

lap "TOTAL" "$T0"
