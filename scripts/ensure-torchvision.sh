#!/usr/bin/env bash
# Make sure a python3 with torchvision exists for test/lib/tfjs/snippets-run.test.ts (the
# PyTorch export snippets are run for real). Uses Debian's python3-torchvision via apt; honors
# PYTHON (a python3 that already imports torchvision).
set -euo pipefail

for PY in "${PYTHON:-}" /usr/bin/python3 python3; do
  [ -n "$PY" ] || continue
  if "$PY" -c "import torchvision" >/dev/null 2>&1; then
    echo "ensure-torchvision: using $PY (torchvision $("$PY" -c 'import torchvision; print(torchvision.__version__)'))"
    exit 0
  fi
done

echo "ensure-torchvision: no python3 with torchvision, installing Debian python3-torchvision..."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "ensure-torchvision: not root and no sudo; install python3-torchvision manually" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends python3-torchvision

if ! /usr/bin/python3 -c "import torchvision" >/dev/null 2>&1; then
  echo "ensure-torchvision: python3-torchvision installed but /usr/bin/python3 cannot import it" >&2
  exit 1
fi
echo "ensure-torchvision: installed torchvision $(/usr/bin/python3 -c 'import torchvision; print(torchvision.__version__)')"
