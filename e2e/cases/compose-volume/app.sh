#!/bin/sh
# compose-volume app: print the real UID, write a file into the volume, then print the marker.
set -eu
uid=$(sed -n 's/^Uid:[[:space:]]*\([0-9]*\).*/\1/p' /proc/self/status)
echo "E2E-UID=$uid"
dir=${E2E_WRITE_DIR:-/models}
echo "written by uid $uid" > "$dir/new.txt"
grep -qx "written by uid $uid" "$dir/new.txt"
echo "E2E-WROTE=$dir/new.txt"
echo E2E-OK
