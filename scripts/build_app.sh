#!/usr/bin/env bash
# Construit l'application de bureau (un dossier qui se lance sans Python) avec PyInstaller, à partir de
# la roue du jeu, dans un venv à part (.venv-app) ; avec --smoke, la lance ensuite sous Xvfb sur un
# parcours scripté et vérifie la capture d'écran.
#   bash scripts/build_app.sh [--smoke]      -> dist/app/explorateurs/explorateurs
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
smoke=0; [ "${1:-}" = "--smoke" ] && smoke=1
PY="${PYTHON:-python3}"
[ -x .venv-app/bin/python ] || "$PY" -m venv .venv-app
wheels="$(mktemp -d)"; work="$(mktemp -d)"; trap 'rm -rf "$wheels" "$work"' EXIT
bash scripts/build_wheel.sh "$wheels" >/dev/null
.venv-app/bin/python -m pip install -q --disable-pip-version-check "$(ls "$wheels"/*.whl)" "pyinstaller>=6.10"
.venv-app/bin/python -m pip install -q --disable-pip-version-check --force-reinstall --no-deps "$wheels"/*.whl
rm -rf dist/app
.venv-app/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist/app --workpath "$work/build" \
  packaging/explorateurs.spec
echo "Application : dist/app/explorateurs/ ($(du -sh dist/app/explorateurs | cut -f1))"
if [ "$smoke" = 1 ]; then
  .venv/bin/python scripts/app_smoke.py dist/app/explorateurs/explorateurs
fi
