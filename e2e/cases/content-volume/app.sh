#!/bin/sh
# content-volume app: print the real UID, read the seed the image ships in the write directory,
# append to it and write a new file beside it, then print the marker.
set -eu
uid=$(sed -n 's/^Uid:[[:space:]]*\([0-9]*\).*/\1/p' /proc/self/status)
echo "E2E-UID=$uid"
grep -qx 'seed=shipped in the image' /srv/data/seed.txt
dir=${E2E_WRITE_DIR:-/srv/data}
if [ "$dir" = /srv/data ]; then
  echo "appended by uid $uid" >> /srv/data/seed.txt
  grep -qx "appended by uid $uid" /srv/data/seed.txt
fi
echo "written by uid $uid" > "$dir/new.txt"
grep -qx "written by uid $uid" "$dir/new.txt"
echo "E2E-WROTE=$dir/new.txt"
echo E2E-OK
