"""The command line (``explorateurs``, ``python -m game``): one module per command.

:mod:`~game.cli.commands` parses the options and dispatches; :mod:`~game.cli.arguments` merges options
written before or after the command; :mod:`~game.cli.checks`, :mod:`~game.cli.new`,
:mod:`~game.cli.records`, :mod:`~game.cli.reports` and :mod:`~game.cli.validate` are the trainers'
commands; :mod:`~game.cli.terminal` keeps escape sequences out of the terminal.
"""

from game.cli.commands import main, parse_args

__all__ = ["main", "parse_args"]
