#!/usr/bin/env bash
# Install what the tests need (system packages too, when root) and run the whole suite.
set -euo pipefail
cd "$(dirname "$0")"
source ./scripts_common.sh
ensure_system_packages postgresql   # the PostgreSQL tests start a throw-away server
ensure_venv "[test,postgres]"
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/mypy
exec .venv/bin/python -m pytest -q "$@"
