#!/usr/bin/env bash
# Installe ce qu'il faut (première fois) puis lance le jeu. Les options sont passées au jeu.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
exec .venv/bin/explorateurs "$@"
