#!/bin/sh
# parent-workdir app: print the real UID, write into the inherited WORKDIR and its uploads
# directory, print the marker.
set -eu
uid=$(sed -n 's/^Uid:[[:space:]]*\([0-9]*\).*/\1/p' /proc/self/status)
echo "E2E-UID=$uid"
dir=${E2E_WRITE_DIR:-/srv/inherit}
date > "$dir/last-run"
up=${E2E_WRITE_DIR:-/srv/inherit/uploads}
date > "$up/upload.txt"
test -s "$dir/last-run" && test -s "$up/upload.txt"
echo "E2E-WROTE=$up/upload.txt"
echo E2E-OK
