#!/usr/bin/env bash
# Prépare l'environnement : venv .venv, installation du jeu (et des outils de test avec --test),
# catalogues de traduction compilés. Sans effet de bord hors du dépôt, sauf apt pour Xvfb, Node.js, npm et Chromium
# (--test : le LRS des tests d'intégration, installé une fois sous .lrs/ par scripts/lrs.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
want_test=0
[ "${1:-}" = "--test" ] && want_test=1
PY="${PYTHON:-python3}"
if [ "$want_test" = 1 ]; then  # ce que les tests demandent à la machine, installé en une fois
  apt_packages=()
  command -v Xvfb >/dev/null 2>&1 || apt_packages+=(xvfb xauth)                        # fenêtre réelle
  { command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; } || apt_packages+=(nodejs npm)  # LRS
  [ -x /usr/bin/chromium ] || apt_packages+=(chromium fonts-dejavu-core)                # rapport HTML
  if [ "${#apt_packages[@]}" -gt 0 ]; then
    echo "Installation (apt) : ${apt_packages[*]}…" >&2
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
  fi
fi
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
fi
# Installé une fois : on ne réinstalle que si pyproject.toml, setup.py ou les catalogues ont changé
# (un tampon dans .venv), pour que le deuxième lancement soit rapide et marche sans réseau.
what="jeu"; [ "$want_test" = 1 ] && what="jeu+tests"
stamp_of() { { echo "$1"; cat pyproject.toml setup.py; } | sha256sum | cut -d' ' -f1; }
install_stamp=".venv/.explorateurs-installe"
if [ "$(cat "$install_stamp" 2>/dev/null)" != "$(stamp_of "$what")" ] \
   && ! { [ "$what" = "jeu" ] && [ "$(cat "$install_stamp" 2>/dev/null)" = "$(stamp_of "jeu+tests")" ]; }; then
  if [ "$want_test" = 1 ]; then
    .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
  else
    .venv/bin/python -m pip install -q --disable-pip-version-check -e .
  fi
  stamp_of "$what" > "$install_stamp"
fi
catalogues_stamp=".venv/.explorateurs-catalogues"
catalogues="$(cat locales/*/LC_MESSAGES/explorateurs.po | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$catalogues_stamp" 2>/dev/null)" != "$catalogues" ] || ! ls locales/*/LC_MESSAGES/explorateurs.mo >/dev/null 2>&1; then
  .venv/bin/pybabel compile -D explorateurs -d locales
  echo "$catalogues" > "$catalogues_stamp"
fi
if [ "$want_test" = 1 ]; then
  bash scripts/lrs.sh install  # npm ci une fois (lrs/package-lock.json), rien si déjà à jour
fi
