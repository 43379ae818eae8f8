#!/bin/sh
# Make sure the system programs handouts needs are present; install them with apt-get
# when they are missing and we can, otherwise say exactly what to install.
set -eu

missing=""
command -v dot >/dev/null 2>&1 || missing="$missing graphviz"
command -v pdftoppm >/dev/null 2>&1 || missing="$missing poppler-utils"  # download thumbnails
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] \
  || [ -f /usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf ] \
  || [ -f /usr/share/fonts/dejavu/DejaVuSans.ttf ] \
  || [ -f /usr/share/fonts/TTF/DejaVuSans.ttf ] \
  || missing="$missing fonts-dejavu-core"
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
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq$missing >/dev/null
else
  echo "handouts needs these system packages, which make cannot install here:" >&2
  for pkg in $missing; do
    case $pkg in
      graphviz) echo "  - Graphviz, providing the 'dot' program (brew install graphviz; dnf install graphviz)" >&2 ;;
      poppler-utils) echo "  - poppler, providing 'pdftoppm' (brew install poppler; dnf install poppler-utils)" >&2 ;;
      fonts-dejavu-core) echo "  - the DejaVu Sans fonts (brew install --cask font-dejavu; dnf install dejavu-sans-fonts)" >&2 ;;
    esac
  done
  exit 1
fi
