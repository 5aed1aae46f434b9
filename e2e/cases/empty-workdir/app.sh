#!/bin/sh
# empty-workdir app: print the real UID, check its working directory starts empty, write a
# file into it (or into E2E_WRITE_DIR), print the marker.
set -eu
uid=$(sed -n 's/^Uid:[[:space:]]*\([0-9]*\).*/\1/p' /proc/self/status)
echo "E2E-UID=$uid"
[ "$(pwd)" = /var/cache/worker ]
[ -z "$(ls -A /var/cache/worker)" ]
dir=${E2E_WRITE_DIR:-/var/cache/worker}
echo "job done by uid $uid" > "$dir/job.out"
grep -qx "job done by uid $uid" "$dir/job.out"
echo "E2E-WROTE=$dir/job.out"
echo E2E-OK
