#!/bin/sh
# node-like app: print the user name, write into the WORKDIR.
set -eu
uid=$(sed -n 's/^Uid:[[:space:]]*\([0-9]*\).*/\1/p' /proc/self/status)
echo "E2E-UID=$uid"
echo "E2E-USER=$(id -un)"
dir=${E2E_WRITE_DIR:-/usr/src/app}
echo "written by uid $uid" > "$dir/e2e-write.txt"
grep -qx "written by uid $uid" "$dir/e2e-write.txt"
echo E2E-OK
