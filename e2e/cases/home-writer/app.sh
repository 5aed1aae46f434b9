#!/bin/sh
# home-writer app: write a cache file under $HOME.
set -eu
uid=$(sed -n 's/^Uid:[[:space:]]*\([0-9]*\).*/\1/p' /proc/self/status)
echo "E2E-UID=$uid"
echo "E2E-HOME=$HOME"
[ "$uid" = 0 ] || [ "$HOME" = /home/app ]
base=${E2E_WRITE_DIR:-$HOME}
mkdir -p "$base/.cache/app"
echo "written by uid $uid" > "$base/.cache/app/state"
grep -qx "written by uid $uid" "$base/.cache/app/state"
echo E2E-OK
