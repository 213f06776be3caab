#!/usr/bin/env bash
# Installs Chromium (for the dashboard's browser tests) and a CJK font (the dashboard is Chinese first)
# from Debian's packages when missing, and prints the browser's path. Used by .ci/run; safe by hand.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi 'wenquanyi\|noto.*cjk'; then
  echo "installing Chromium and fonts-wqy-zenhei from Debian packages…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq chromium fonts-wqy-zenhei >&2
fi
command -v chromium
