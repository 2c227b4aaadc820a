#!/usr/bin/env bash
# Met à jour les catalogues après un changement de texte.
#   scripts/i18n.sh            le jeu puis les scénarios fournis
#   scripts/i18n.sh jeu        seulement le jeu
#   scripts/i18n.sh scenarios  seulement les scénarios fournis
# Le jeu : extrait locales/explorateurs.pot, met à jour fr et en ; ensuite traduire les nouvelles
# entrées de locales/en/LC_MESSAGES/explorateurs.po.
# Chaque scénario fourni : extrait ses textes avec l'extracteur du projet (scenarios/babel.cfg,
# déclaré dans pyproject.toml), puis met à jour scenarios/<id>/locales/<langue>/LC_MESSAGES/scenario.po
# (l'anglais est créé s'il manque : les scénarios fournis sont complets en anglais). Un texte modifié
# garde son ancienne traduction marquée « fuzzy » (à revoir) ; explorateurs check liste les textes
# sans traduction. Pas de .mo pour les scénarios : le jeu lit leurs .po.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$PWD"
what="${1:-tout}"

if [ "$what" != scenarios ]; then
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
fi

if [ "$what" != jeu ]; then
  pot="$(mktemp --suffix=.pot)"
  trap 'rm -f "$pot"' EXIT
  for dir in scenarios/*/; do
    dir="${dir%/}"
    [ -f "$dir/scenario.yaml" ] || continue
    id="$(basename "$dir")"
    # extrait depuis le dossier du scénario : les renvois des .po sont « scenario.yaml:<ligne> »
    (cd "$dir" && "$root/.venv/bin/pybabel" -q extract -F "$root/scenarios/babel.cfg" --no-wrap \
      --project "Explorateurs des données — scénario $id" --copyright-holder "Explorateurs des données" \
      -o "$pot" .)
    source_lang="$(sed -n 's/^language: *["'"'"']\{0,1\}\([a-z][a-z]\).*/\1/p' "$dir/scenario.yaml" | head -1)"
    langs="$(find "$dir/locales" -path '*/LC_MESSAGES/scenario.po' 2>/dev/null | awk -F/ '{print $(NF-2)}' || true)"
    [ "$source_lang" = en ] || langs="$langs en"
    for lang in $(echo "$langs" | tr ' ' '\n' | sort -u); do
      .venv/bin/pybabel -q update --init-missing --no-wrap --ignore-obsolete \
        -D scenario -l "$lang" -i "$pot" -d "$dir/locales"
    done
  done
  # babel marque « python-format » un texte où « 40 % des » ressemble à « %d » : les textes d'un
  # scénario ne sont pas des formats, et Poedit (msgfmt -c) refuserait leur traduction « 40% of ».
  .venv/bin/python - scenarios/*/locales/*/LC_MESSAGES/scenario.po <<'PY'
import sys
from pathlib import Path

for po in map(Path, sys.argv[1:]):
    out = []
    for line in po.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("#, "):
            flags = [f for f in line[3:].strip().split(", ") if f not in ("python-format", "python-brace-format")]
            line = "#, " + ", ".join(flags) + "\n" if flags else ""
        out.append(line)
    po.write_text("".join(out), encoding="utf-8")
PY
fi
