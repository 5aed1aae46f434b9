#!/bin/sh
# stage-chain app: print the real UID, read what the base stage wrote and the ENV the middle
# stage set, write into the WORKDIR, print the marker.
set -eu
uid=$(sed -n 's/^Uid:[[:space:]]*\([0-9]*\).*/\1/p' /proc/self/status)
echo "E2E-UID=$uid"
grep -qx "made in the base stage" /opt/shared/base.txt
[ "${CHAIN_LEVEL:-}" = runtime ]
dir=${E2E_WRITE_DIR:-/srv/chain}
date > "$dir/last-run"
test -s "$dir/last-run"
echo "E2E-WROTE=$dir/last-run"
echo E2E-OK
