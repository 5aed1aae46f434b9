#!/bin/sh
# user-before-apt app: print the real UID, run the package that needed root to install,
# write into the WORKDIR, print the marker.
set -eu
uid=$(sed -n 's/^Uid:[[:space:]]*\([0-9]*\).*/\1/p' /proc/self/status)
echo "E2E-UID=$uid"
hello -g "installed as root, running as $uid"
dir=${E2E_WRITE_DIR:-/app}
hello > "$dir/hello.out"
grep -qx "Hello, world!" "$dir/hello.out"
echo "E2E-WROTE=$dir/hello.out"
echo E2E-OK
