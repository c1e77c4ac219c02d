#!/usr/bin/env bash
# Build the one-folder BranchDesk program with PyInstaller and smoke-test it.
#
#   tools/build_installer.sh [OUTPUT_DIR]      (default: dist → dist/BranchDesk/branchdesk)
#   tools/build_installer.sh --no-build [OUTPUT_DIR]     only the checks and the smoke test
#
# PYTHON (default .venv/bin/python) must have the project and the test extra installed
# (pip install -e ".[test]": PyInstaller). BUILD_DIR (default build/pyinstaller) holds PyInstaller's
# work files. The smoke test runs the frozen program, never the checkout, on a fresh data folder:
# init --demo --cases 20, the 5-copy handling form of one case as PDF, the monthly workbook, and a
# start of the desktop app (offscreen); it reads the files back with pdfinfo/pdftotext/pdffonts
# (poppler-utils) and openpyxl. Exit status 0 only when all of that worked.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
BUILD=yes
if [[ ${1:-} == --no-build ]]; then BUILD=no; shift; fi
OUT=$(realpath -m "${1:-dist}")
WORK=$(realpath -m "${BUILD_DIR:-build/pyinstaller}")

fail() { echo "build_installer: $*" >&2; exit 1; }
[[ -x $PYTHON ]] || command -v "$PYTHON" >/dev/null || fail "no Python at $PYTHON (set PYTHON=…)"
"$PYTHON" -c 'import PyInstaller' 2>/dev/null ||
  fail "PyInstaller is not installed for $PYTHON (pip install -e \".[test]\")"
for tool in pdfinfo pdftotext pdffonts; do
  command -v "$tool" >/dev/null || fail "$tool missing (apt-get install poppler-utils)"
done

build_seconds="-"
if [[ $BUILD == yes ]]; then
  echo "== build ($("$PYTHON" -m PyInstaller --version 2>/dev/null | tail -1), $("$PYTHON" -V))"
  started=$(date +%s)
  "$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$OUT" --workpath "$WORK" build_installer.spec
  build_seconds=$(($(date +%s) - started))
fi
APP="$OUT/BranchDesk"
BIN="$APP/branchdesk"
[[ -x $BIN ]] || fail "no program at $BIN"
echo "built $APP in ${build_seconds} s, size $(du -sh "$APP" | cut -f1)"

echo "== contents"
internal="$APP/_internal"
for wanted in \
  branchdesk/_resources/fonts/wqy-microhei.ttc \
  branchdesk/_resources/fonts/HanaMinA-ExtA.ttf \
  branchdesk/_resources/fonts/HanaMinB-ExtB.ttf \
  branchdesk/_resources/translations/branchdesk_zh_CN.qm \
  branchdesk/_resources/licenses/README.md \
  branchdesk/_resources/licenses/Apache-2.0.txt \
  branchdesk/_resources/licenses/LGPL-3.0.txt \
  branchdesk/_resources/licenses/Qt-PySide6-LGPL-3.0-NOTICE.txt \
  branchdesk/_resources/licenses/Hanazono-Font-License-or-OFL-1.1.txt \
  branchdesk/storage/migrations/env.py \
  PySide6/Qt/plugins/platforms/libqoffscreen.so \
  PySide6/Qt/plugins/platforms/libqxcb.so \
  ; do
  [[ -e $internal/$wanted ]] || fail "missing from the build: _internal/$wanted"
done
[[ -n $(find "$internal" -name 'libQt6Pdf.so*' -print -quit) ]] || fail "missing from the build: libQt6Pdf"
grep -q "ui.main:run" "$internal"/branchdesk*-info/entry_points.txt 2>/dev/null ||
  fail "missing from the build: branchdesk's metadata with the branchdesk.gui entry point"
for unwanted in pytest mypy psycopg; do
  [[ ! -e $internal/$unwanted ]] || fail "bundled by mistake: $unwanted"
done
echo "fonts, translations, licences, migrations, Qt platform plugins (offscreen, xcb), QtPdf, metadata: present"

echo "== smoke test of the frozen program"
SMOKE=$(mktemp -d "${TMPDIR:-/tmp}/branchdesk-smoke.XXXXXX")
trap 'rm -rf "$SMOKE"' EXIT
DB="$SMOKE/branch.sqlite3"
# A fresh data folder, and nothing from the checkout or a Python environment on the way.
run_frozen() {  # in a subshell (or a background job): becomes the frozen program, so its pid is ours
  cd "$SMOKE"
  exec env -u PYTHONPATH -u PYTHONHOME -u VIRTUAL_ENV XDG_DATA_HOME="$SMOKE/data" \
    XDG_CONFIG_HOME="$SMOKE/config" QT_QPA_PLATFORM=offscreen "$BIN" "$@"
}
frozen() { (run_frozen "$@"); }
started=$(date +%s.%N)
demo=$(frozen --db "$DB" init --demo --cases 20)
echo "${demo%%$'\n'演示用户*}"
case_no=$("$PYTHON" -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(
  \"SELECT case_no FROM complaint_case WHERE status NOT IN ('draft', 'void') ORDER BY id\").fetchone()[0])" "$DB")
month="${case_no:0:4}-${case_no:4:2}"
# print and export run as a named user: the demo's CR manager, password on standard input.
frozen --db "$DB" --user crm --password-stdin print "$case_no" --form handling -o "$SMOKE/handling.pdf" \
  <<<"demo1234"
pages=$(pdfinfo "$SMOKE/handling.pdf" | awk '/^Pages:/ {print $2}')
[[ $pages == 5 ]] || fail "handling form of $case_no: $pages pages, expected 5 copies"
# Whole outputs first, then grep (grep -q in a pipe would stop its writer: SIGPIPE under pipefail).
text=$(pdftotext "$SMOKE/handling.pdf" -)
grep -q -F "$case_no" <<<"$text" || fail "case number $case_no not in the printed form"
grep -q -F "审计链 " <<<"$text" || fail "the audit anchor is not on the printed form"
font=$(pdffonts "$SMOKE/handling.pdf" | awk '!f && /WenQuanYiMicroHei/ && $(NF-4) == "yes" {print $1; f=1}')
[[ -n $font ]] || fail "the form's font is not embedded: $(pdffonts "$SMOKE/handling.pdf")"
echo "handling form of $case_no: $pages pages, case number found, font $font embedded"
frozen --db "$DB" --user crm --password-stdin export monthly --month "$month" -o "$SMOKE/monthly.xlsx" \
  <<<"demo1234"
"$PYTHON" - "$SMOKE/monthly.xlsx" <<'EOF' || fail "the monthly workbook does not open"
import sys

import openpyxl

book = openpyxl.load_workbook(sys.argv[1])
sheet = book.worksheets[0]
print(f"monthly workbook: sheets {book.sheetnames}, {sheet.max_row} rows × {sheet.max_column} columns")
assert sheet.max_row > 1
EOF
# The desktop app: it must reach its event loop (the login window) and stay up until stopped.
run_frozen --db "$DB" app >"$SMOKE/app.log" 2>&1 &
app_pid=$!
trap 'kill "$app_pid" 2>/dev/null || true; rm -rf "$SMOKE"' EXIT
sleep 8
alive=no
if kill -0 "$app_pid" 2>/dev/null; then alive=yes; fi
kill "$app_pid" 2>/dev/null || true
wait "$app_pid" 2>/dev/null || true
[[ $alive == yes ]] || { cat "$SMOKE/app.log" >&2; fail "the desktop app did not stay up"; }
if grep -q -E "Traceback|Error|could not load" "$SMOKE/app.log"; then
  cat "$SMOKE/app.log" >&2
  fail "the desktop app reported errors"
fi
echo "desktop app (offscreen): started and running after 8 s"
echo "smoke test passed in $(printf '%.0f' "$(echo "$(date +%s.%N) - $started" | bc)") s"
echo "SUMMARY build ${build_seconds} s, $(du -sh "$APP" | cut -f1) at $APP"
