# Shared by run.sh and test.sh: find a supported Python, make .venv, install the project.
# shellcheck shell=bash

# Debian packages Qt needs to start (offscreen or on X11), a CJK font so Chinese renders,
# and poppler (pdftotext/pdftoppm) for reading printed forms back.
SYSTEM_PACKAGES=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0
  libxcb-randr0 libxcb-xkb1 libxcb-xinerama0 fonts-wqy-microhei poppler-utils)

pick_python() {
  for candidate in python3 python3.12 python3.13 python3.11; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if (3, 11) <= sys.version_info[:2] < (3, 14) else 1)' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}

ensure_system_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0   # not Debian/Ubuntu: nothing we can do here
  local missing=()
  for pkg in "${SYSTEM_PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  ((${#missing[@]})) || return 0
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing system packages: ${missing[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Note: missing system packages (install them as root): ${missing[*]}" >&2
  fi
}

ensure_venv() {
  local extras=$1
  if [[ ! -x .venv/bin/python ]]; then
    local py
    py=$(pick_python) || { echo "Need Python 3.11–3.13 (python3.11/3.12/3.13 on PATH)" >&2; exit 1; }
    if ! "$py" -m venv .venv 2>/dev/null; then
      rm -rf .venv
      ensure_system_packages python3-venv
      "$py" -m venv .venv
    fi
  fi
  # One stamp per set of extras, so ./run.sh and ./test.sh do not undo each other's install.
  local stamp_file stamp_value
  stamp_file=".venv/.install-stamp-$(echo "$extras" | tr -c 'a-z0-9' '_')"
  stamp_value="$(sha256sum pyproject.toml | cut -d' ' -f1)"
  if [[ ! -f $stamp_file || "$(cat "$stamp_file")" != "$stamp_value" ]]; then
    .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
    .venv/bin/python -m pip install -q --disable-pip-version-check -e ".$extras"
    echo "$stamp_value" > "$stamp_file"
  fi
}
