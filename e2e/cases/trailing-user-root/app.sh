#!/bin/sh
# trailing-user-root app: print the real UID, sum the copied CSV, write the report into the
# WORKDIR, print the marker.
set -eu
uid=$(sed -n 's/^Uid:[[:space:]]*\([0-9]*\).*/\1/p' /proc/self/status)
echo "E2E-UID=$uid"
total=0
while IFS=, read -r _ n; do total=$((total + n)); done < /opt/report/rows.csv
[ "$total" = 6 ]
dir=${E2E_WRITE_DIR:-/opt/report}
{ cat /usr/local/share/report/defaults; echo "total=$total"; } > "$dir/report.txt"
grep -qx "total=6" "$dir/report.txt"
echo "E2E-WROTE=$dir/report.txt"
echo E2E-OK
