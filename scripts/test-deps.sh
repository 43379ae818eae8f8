#!/bin/sh
# Make sure the system programs some tests need are present: a headless browser (chromium)
# to load the download page, pdftoppm (poppler-utils) to draw page thumbnails, and zbarimg
# (zbar-tools) to read QR codes. Install them with apt-get when they are missing and we
# can, otherwise say exactly what to install. Tests that need a missing tool are skipped.
set -eu

missing=""
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing="$missing chromium"
command -v pdftoppm >/dev/null 2>&1 || missing="$missing poppler-utils"
command -v zbarimg >/dev/null 2>&1 || missing="$missing zbar-tools"
[ -n "$missing" ] || exit 0

if command -v apt-get >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "the tests need:$missing. Run as root: apt-get install -y$missing" >&2
      exit 1
    fi
  fi
  echo "Installing$missing with apt-get" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends$missing \
    >/dev/null
else
  echo "the tests need these system packages, which this script cannot install here:" >&2
  for pkg in $missing; do
    case $pkg in
      chromium) echo "  - Chromium, providing the 'chromium' program, for the headless browser" \
        "test (brew install --cask chromium; dnf install chromium)" >&2 ;;
      poppler-utils) echo "  - Poppler's command-line tools, providing 'pdftoppm', for page" \
        "thumbnails (brew install poppler; dnf install poppler-utils)" >&2 ;;
      zbar-tools) echo "  - ZBar's command-line tools, providing 'zbarimg', to read QR codes" \
        "(brew install zbar; dnf install zbar)" >&2 ;;
    esac
  done
  exit 1
fi
