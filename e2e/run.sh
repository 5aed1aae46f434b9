#!/usr/bin/env bash
# e2e/run.sh - prepare the machine (e2e/setup.sh) and run the end-to-end suite.
# Usage: bash e2e/run.sh [extra go test flags, e.g. -run 'TestCases/alpine']
# W=/dir moves the work dir (default /tmp/dockerharden-e2e). Needs root.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export W=${W:-/tmp/dockerharden-e2e}
bash "$ROOT/e2e/setup.sh"
# shellcheck source=/dev/null
. "$W/env.sh"                       # CONTAINERS_STORAGE_CONF, CONTAINERS_CONF
export DOCKERHARDEN_E2E_REQUIRE=1   # missing tools or images fail instead of skipping
cd "$ROOT"
go test -tags e2e -count=1 -timeout 30m -v "$@" ./e2e/...
