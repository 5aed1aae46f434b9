#!/bin/sh
# gosu-stepdown app: print the real UID after the step-down, write into the service user's
# directory, print the marker.
set -eu
uid=$(sed -n 's/^Uid:[[:space:]]*\([0-9]*\).*/\1/p' /proc/self/status)
echo "E2E-UID=$uid"
dir=${E2E_WRITE_DIR:-/srv/app}
echo "pid $$" > "$dir/service.pid"
test -s "$dir/service.pid"
echo "E2E-WROTE=$dir/service.pid"
echo E2E-OK
