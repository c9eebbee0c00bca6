#!/usr/bin/env bash
# The system packages that `make install` needs beyond python3: PyICU (under followthemoney, for the
# FollowTheMoney download) has no wheel on PyPI and compiles against ICU with a C++ compiler.
# Installed from Debian's packages when this is root on a Debian-like machine; otherwise it says what
# to install and stops. Called by the Makefile before pip (and with --browser by `make test`, for Chromium),
# so `make serve` and `make test` need nothing else.
set -euo pipefail
need=()
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
{ command -v pkg-config >/dev/null 2>&1 && pkg-config --exists icu-uc; } || need+=(libicu-dev)
command -v g++ >/dev/null 2>&1 || need+=(g++)
python3 -c "import venv, ensurepip" >/dev/null 2>&1 || need+=(python3-venv)
# --browser: Chromium for the browser tests (`make test`)
if [ "${1:-}" = "--browser" ] && [ ! -x /usr/bin/chromium ]; then need+=(chromium); fi
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing system packages: ${need[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
elif [ "${need[*]}" = "chromium" ]; then
  echo "chromium is missing and this is not root: the browser tests will be skipped (apt-get install chromium)" >&2
else
  echo "missing system packages: ${need[*]} (install them, e.g. sudo apt-get install ${need[*]}; ICU: brew install icu4c on macOS)" >&2
  exit 1
fi
