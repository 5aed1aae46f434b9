#!/bin/sh
# root-subdir app: read a file under /root by absolute path and write next to it; root's
# home itself must not become listable.
set -eu
uid=$(sed -n 's/^Uid:[[:space:]]*\([0-9]*\).*/\1/p' /proc/self/status)
echo "E2E-UID=$uid"
grep -qx 'tool=ready' /root/app/tool.txt
[ "$uid" = 0 ] || ! ls /root >/dev/null 2>&1
dir=${E2E_WRITE_DIR:-/root/app}
echo "written by uid $uid" > "$dir/e2e-write.txt"
grep -qx "written by uid $uid" "$dir/e2e-write.txt"
echo E2E-OK
