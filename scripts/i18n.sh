#!/usr/bin/env bash
# Met à jour les catalogues après un changement de texte : extrait le .pot, met à jour fr et en.
# Ensuite : traduire les nouvelles entrées de locales/en/LC_MESSAGES/explorateurs.po.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
.venv/bin/pybabel extract -F babel.cfg -k N_ -k ngettext:1,2 --no-location --sort-output \
  --project "Explorateurs des données" --copyright-holder "Explorateurs des données" \
  -o locales/explorateurs.pot game
for lang in fr en; do
  if [ -f "locales/$lang/LC_MESSAGES/explorateurs.po" ]; then
    .venv/bin/pybabel update --no-fuzzy-matching --ignore-obsolete -D explorateurs -l "$lang" -i locales/explorateurs.pot -d locales
  else
    .venv/bin/pybabel init -D explorateurs -l "$lang" -i locales/explorateurs.pot -d locales
  fi
done
.venv/bin/pybabel compile -D explorateurs -d locales
