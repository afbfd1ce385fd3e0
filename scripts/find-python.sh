#!/usr/bin/env bash
# Print the path of a Python 3.10 interpreter: $PYTHON, python3.10, pyenv's 3.10.x, then uv's.
set -u
is310() { "$1" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; }
try() { [ -n "${1:-}" ] && is310 "$1" && { command -v "$1" || echo "$1"; exit 0; }; }
try "${PYTHON:-}"
try "$(command -v python3.10 2>/dev/null)"
if command -v pyenv >/dev/null 2>&1; then
  for dir in $(ls -d "$(pyenv root)"/versions/3.10.* 2>/dev/null | sort -rV); do
    try "$dir/bin/python3.10"
  done
fi
if command -v uv >/dev/null 2>&1; then try "$(uv python find 3.10 2>/dev/null)"; fi
cat >&2 <<'MSG'
No Python 3.10 found (rasa 3.6 needs exactly 3.10). Install one, then run make again:
  pyenv install 3.10.13     or     uv python install 3.10     or     apt-get install python3.10
or point PYTHON at one:   make run PYTHON=/path/to/python3.10
MSG
exit 1
