#!/bin/sh
# reuse-useradd app: print the real UID and name, read the copied notes, write into the
# user's own home, print the marker.
set -eu
uid=$(sed -n 's/^Uid:[[:space:]]*\([0-9]*\).*/\1/p' /proc/self/status)
echo "E2E-UID=$uid"
echo "E2E-USER=$(id -un)"
grep -qx 'remember the milk' /home/svc/notes.txt
dir=${E2E_WRITE_DIR:-/home/svc}
cp /home/svc/notes.txt "$dir/notes.bak"
cmp -s /home/svc/notes.txt "$dir/notes.bak"
echo "E2E-WROTE=$dir/notes.bak"
echo E2E-OK
