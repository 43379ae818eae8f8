#!/bin/sh
# Make sure the system programs handouts needs are present; install them with apt-get when
# they are missing and we can, otherwise say exactly what to install.
#   sh scripts/system-deps.sh          what a build needs: Graphviz, DejaVu fonts, pdftoppm
#   sh scripts/system-deps.sh --tests  also what only the tests use: Chromium (headless, for
#                                      the download page and the HTML editions), zbarimg (to
#                                      read QR codes), and Node.js with npm (axe-core)
set -eu

missing=""
need() {  # need PACKAGE TEST...: add PACKAGE unless one of the tests passes
  pkg=$1; shift
  for test in "$@"; do
    if sh -c "$test" >/dev/null 2>&1; then return 0; fi
  done
  missing="$missing $pkg"
}
need graphviz "command -v dot"
need poppler-utils "command -v pdftoppm"
need fonts-dejavu-core "test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf" \
  "test -f /usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf" \
  "test -f /usr/share/fonts/dejavu/DejaVuSans.ttf" "test -f /usr/share/fonts/TTF/DejaVuSans.ttf"
if [ "${1:-}" = "--tests" ]; then
  need chromium "command -v chromium" "test -x /usr/bin/chromium"
  need zbar-tools "command -v zbarimg"
  need nodejs "command -v node"
  need npm "command -v npm"
fi
[ -n "$missing" ] || exit 0

if command -v apt-get >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "handouts needs:$missing. Run as root: apt-get install -y$missing" >&2
      exit 1
    fi
  fi
  echo "Installing$missing with apt-get" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    $missing >/dev/null
else
  echo "handouts needs these system packages, which make cannot install here:" >&2
  for pkg in $missing; do
    case $pkg in
      graphviz) echo "  - Graphviz, providing 'dot' (brew install graphviz; dnf install graphviz)" >&2 ;;
      poppler-utils) echo "  - Poppler, providing 'pdftoppm' (brew install poppler; dnf install poppler-utils)" >&2 ;;
      fonts-dejavu-core) echo "  - the DejaVu Sans fonts (brew install --cask font-dejavu; dnf install dejavu-sans-fonts)" >&2 ;;
      chromium) echo "  - Chromium, for the download page's test (brew install --cask chromium; dnf install chromium)" >&2 ;;
      zbar-tools) echo "  - ZBar, providing 'zbarimg', to read QR codes (brew install zbar; dnf install zbar)" >&2 ;;
      nodejs|npm) echo "  - Node.js and npm, to run axe-core in the browser (brew install node; dnf install nodejs npm)" >&2 ;;
    esac
  done
  exit 1
fi
