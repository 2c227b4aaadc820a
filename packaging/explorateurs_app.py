"""Entry point of the desktop app (PyInstaller): the same command line as ``explorateurs``."""

import sys

from game.cli import main

if __name__ == "__main__":
    sys.exit(main())
