#!/bin/sh
# alpine app: print the real UID, check the user name resolves (busybox adduser wrote
# /etc/passwd), read the root-owned config, write into the WORKDIR, print the marker.
set -eu
uid=$(sed -n 's/^Uid:[[:space:]]*\([0-9]*\).*/\1/p' /proc/self/status)
echo "E2E-UID=$uid"
echo "E2E-USER=$(id -un)"
grep -qx "mode=alpine" /etc/app/app.conf
dir=${E2E_WRITE_DIR:-/var/lib/app}
mkdir -p "$dir/cache"
echo ok > "$dir/cache/entry"
[ "$(cat "$dir/cache/entry")" = ok ]
echo "E2E-WROTE=$dir/cache/entry"
echo E2E-OK
