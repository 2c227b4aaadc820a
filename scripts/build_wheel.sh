#!/usr/bin/env bash
# Construit la roue (wheel) du jeu dans dist/ : le code, les scénarios, les schémas, les polices et les
# catalogues compilés (setup.py les range sous game/_bundle/). La roue s'installe avec pip ou pipx :
#   pipx install dist/explorateurs_des_donnees-*.whl
# Usage : bash scripts/build_wheel.sh [DOSSIER_DE_SORTIE]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="${1:-dist}"
PY=".venv/bin/python"; [ -x "$PY" ] || PY="${PYTHON:-python3}"
"$PY" -m babel.messages.frontend compile -D explorateurs -d locales >/dev/null 2>&1 \
  || .venv/bin/pybabel compile -D explorateurs -d locales
# une copie propre, pour que la construction n'écrive rien dans le dépôt (build/, *.egg-info)
src="$(mktemp -d)"; trap 'rm -rf "$src"' EXIT
tar -cf - --exclude='__pycache__' --exclude='*.pyc' pyproject.toml setup.py README.md game scenarios assets locales schemas \
  | tar -xf - -C "$src"
mkdir -p "$out"
"$PY" -m pip wheel -q --disable-pip-version-check --no-deps -w "$out" "$src"
ls "$out"/explorateurs_des_donnees-*.whl
