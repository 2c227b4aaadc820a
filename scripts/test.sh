#!/usr/bin/env bash
# Installe ce que les tests demandent (Xvfb, venv, extras de test) puis lance toute la suite.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh --test
export SDL_AUDIODRIVER=dummy
set +e
.venv/bin/python -m pytest --xvfb-backend=xvfb "$@"
rc=$?
set -e
if [ "$rc" = 5 ]; then echo "Aucun test n'a été exécuté : échec." >&2; exit 1; fi
exit "$rc"
