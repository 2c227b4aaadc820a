#!/usr/bin/env bash
# Prépare l'environnement : venv .venv, installation du jeu (et des outils de test avec --test),
# catalogues de traduction compilés. Sans effet de bord hors du dépôt, sauf apt pour Xvfb, Node.js, npm et Chromium
# (--test : le LRS des tests d'intégration, installé une fois sous .lrs/ par scripts/lrs.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
want_test=0
[ "${1:-}" = "--test" ] && want_test=1
PY="${PYTHON:-python3}"
if [ "$want_test" = 1 ] && ! command -v Xvfb >/dev/null 2>&1; then
  echo "Installation de Xvfb (apt)…" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends xvfb xauth >/dev/null
fi
if [ "$want_test" = 1 ] && { ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; }; then
  echo "Installation de Node.js et npm (apt) pour le LRS des tests…" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
if [ "$want_test" = 1 ] && [ ! -x /usr/bin/chromium ]; then
  echo "Installation de Chromium (apt) pour le test du rapport dans un navigateur…" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
if [ "$want_test" = 1 ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
else
  .venv/bin/python -m pip install -q --disable-pip-version-check -e .
fi
.venv/bin/pybabel compile -D explorateurs -d locales
if [ "$want_test" = 1 ]; then
  bash scripts/lrs.sh install  # npm ci une fois (lrs/package-lock.json), rien si déjà à jour
fi
