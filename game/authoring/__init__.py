"""Authoring: what a trainer's scenario must pass beyond reading, built on core, play and storage.

- ``reference``: the reference path replayed (clean recipe, publish metadata, reuse questions);
- ``check``: those deep checks for ``explorateurs check`` and ``play --watch``, run on demand;
- ``library``: the game's library, which replays no shipped scenario and takes a user scenario's
  deep checks from a cache keyed by its content (``storage.check_cache``).

Storage reads and builds a scenario and stops; it never imports this package nor ``play``.
"""
