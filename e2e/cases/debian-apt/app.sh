#!/bin/sh
# debian-apt app: print the real UID, use the apt-installed program, read the copied file,
# write into a directory the user must own, then print the marker.
set -eu
uid=$(sed -n 's/^Uid:[[:space:]]*\([0-9]*\).*/\1/p' /proc/self/status)
echo "E2E-UID=$uid"
[ "$(hello)" = "Hello, world!" ]
grep -qx 'greeting=hello from debian-apt' /app/greeting.txt
dir=${E2E_WRITE_DIR:-/app}
echo "written by uid $uid" > "$dir/e2e-write.txt"
grep -qx "written by uid $uid" "$dir/e2e-write.txt"
echo "E2E-WROTE=$dir/e2e-write.txt"
echo E2E-OK
