#!/bin/sh
# usr-src app: print the real UID, create a logs directory in the working directory and write
# into it, print the marker.
set -eu
uid=$(sed -n 's/^Uid:[[:space:]]*\([0-9]*\).*/\1/p' /proc/self/status)
echo "E2E-UID=$uid"
dir=${E2E_WRITE_DIR:-/usr/src}/logs
mkdir -p "$dir"
date > "$dir/app.log"
test -s "$dir/app.log"
echo "E2E-WROTE=$dir/app.log"
echo E2E-OK
