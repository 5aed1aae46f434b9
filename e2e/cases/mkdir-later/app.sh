#!/bin/sh
# mkdir-later app: read the state the build wrote, write next to it.
set -eu
uid=$(sed -n 's/^Uid:[[:space:]]*\([0-9]*\).*/\1/p' /proc/self/status)
echo "E2E-UID=$uid"
grep -qx ready /data/state
dir=${E2E_WRITE_DIR:-/data}
echo "written by uid $uid" > "$dir/e2e-write.txt"
grep -qx "written by uid $uid" "$dir/e2e-write.txt"
echo E2E-OK
