# Shared by scripts/run and scripts/test: make .venv with Python 3.11+ and install the project
# (with EXTRAS) when pyproject.toml changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."

find_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "rosterdesk needs Python 3.11 or newer; none was found on PATH." >&2
  return 1
}

ensure_venv() {
  local extras="$1"
  if [ ! -x .venv/bin/python ]; then
    "$(find_python)" -m venv .venv
  fi
  local stamp=".venv/.rosterdesk-installed-${extras:-base}"
  local digest
  digest=$(cat pyproject.toml | .venv/bin/python -c 'import hashlib,sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())')
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$digest" ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    if [ -n "$extras" ]; then
      .venv/bin/python -m pip install --quiet -e ".[$extras]"
    else
      .venv/bin/python -m pip install --quiet -e .
    fi
    echo "$digest" > "$stamp"
  fi
}
