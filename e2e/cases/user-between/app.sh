#!/bin/sh
# user-between app: use the installed program, write into the WORKDIR.
set -eu
uid=$(sed -n 's/^Uid:[[:space:]]*\([0-9]*\).*/\1/p' /proc/self/status)
echo "E2E-UID=$uid"
echo "E2E-USER=$(id -un)"
[ "$(hello)" = "Hello, world!" ]
dir=${E2E_WRITE_DIR:-/srv/work}
echo "written by uid $uid" > "$dir/e2e-write.txt"
grep -qx "written by uid $uid" "$dir/e2e-write.txt"
echo E2E-OK
