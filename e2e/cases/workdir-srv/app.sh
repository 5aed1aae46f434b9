#!/bin/sh
# workdir-srv app: read the copied file, write into the WORKDIR /srv.
set -eu
uid=$(sed -n 's/^Uid:[[:space:]]*\([0-9]*\).*/\1/p' /proc/self/status)
echo "E2E-UID=$uid"
grep -qx 'data=srv' /srv/data.txt
dir=${E2E_WRITE_DIR:-/srv}
echo "written by uid $uid" > "$dir/e2e-write.txt"
grep -qx "written by uid $uid" "$dir/e2e-write.txt"
echo E2E-OK
