#!/bin/sh
# env-workdir app: print the real UID, write into the WORKDIR named by an ENV, print the marker.
set -eu
uid=$(sed -n 's/^Uid:[[:space:]]*\([0-9]*\).*/\1/p' /proc/self/status)
echo "E2E-UID=$uid"
dir=${E2E_WRITE_DIR:-$APP_HOME}
date > "$dir/last-run"
test -s "$dir/last-run"
echo "E2E-WROTE=$dir/last-run"
echo E2E-OK
