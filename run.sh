#!/usr/bin/env bash
# Install (first time) and start BranchDesk on the local embedded database.
#   ./run.sh          the branch's own database (created on first start)
#   ./run.sh --demo   a separate demo database with demo users and ~300 cases
set -euo pipefail
cd "$(dirname "$0")"
source ./scripts_common.sh
ensure_system_packages
# Only what the app needs: the PostgreSQL driver is the "postgres" extra, for branches with several
# PCs (README); ./test.sh installs it for the PostgreSQL tests.
ensure_venv ""
if [[ "${1:-}" == "--demo" ]]; then
  shift
  exec .venv/bin/branchdesk app --demo "$@"
fi
exec .venv/bin/branchdesk app "$@"
