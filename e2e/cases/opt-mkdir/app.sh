#!/bin/sh
# opt-mkdir app: write into the mkdir'd upload and log directories; the script itself must
# not be writable by the app (code stays root's).
set -eu
uid=$(sed -n 's/^Uid:[[:space:]]*\([0-9]*\).*/\1/p' /proc/self/status)
echo "E2E-UID=$uid"
[ "$uid" = 0 ] || ! [ -w /usr/local/bin/app.sh ]
for dir in ${E2E_WRITE_DIR:-/opt/svc/uploads /var/log/svc}; do
  echo "written by uid $uid" > "$dir/e2e-write.txt"
  grep -qx "written by uid $uid" "$dir/e2e-write.txt"
done
echo E2E-OK
