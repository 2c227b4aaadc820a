"""The two shapes of an e-mail address the publishing rules know, side by side on purpose.

- :func:`is_address_value`: a *cell* that holds an address, for the personal-data detector. Strict
  (ASCII letters, digits and ``._%+'-`` before the ``@``): a cell of free text must not pass for
  an address, or an organisation's table would be flagged for nothing.
- :func:`is_complete_address`: the form's contact field *written in full*, checked while it is
  typed. Loose (anything but spaces and ``@`` around one ``@``, a domain ending with a dot and two
  letters or more): it only catches an address left half-typed (``etat-civil@ville``), and accepts
  ``état-civil@ville.fr``, which the detector would not count.
"""

from __future__ import annotations

import re

_ADDRESS_VALUE = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_COMPLETE_ADDRESS = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", re.IGNORECASE)


def is_address_value(value: str) -> bool:
    """Whether a cell holds one e-mail address (and nothing else)."""
    return _ADDRESS_VALUE.match(value) is not None


def is_complete_address(text: str) -> bool:
    """Whether a contact address is written in full (a name, ``@``, a domain with its ending)."""
    return _COMPLETE_ADDRESS.fullmatch(text) is not None
