#!/bin/sh
# home-dir app: print the real UID and user, write a cache file under $HOME (or
# E2E_WRITE_DIR), print the marker.
set -eu
uid=$(sed -n 's/^Uid:[[:space:]]*\([0-9]*\).*/\1/p' /proc/self/status)
echo "E2E-UID=$uid"
echo "E2E-USER=$(id -un)"
[ "$HOME" = /home/worker ]
dir=${E2E_WRITE_DIR:-$HOME}
mkdir -p "$dir/.cache/worker"
echo "cached by uid $uid" > "$dir/.cache/worker/state"
grep -qx "cached by uid $uid" "$dir/.cache/worker/state"
echo "E2E-WROTE=$dir/.cache/worker/state"
echo E2E-OK
