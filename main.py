"""Start Explorateurs des données: ``python main.py`` (same as ``explorateurs`` or ``python -m game``)."""

import sys

from game.cli import main

if __name__ == "__main__":
    sys.exit(main())
