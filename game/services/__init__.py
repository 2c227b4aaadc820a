"""The service layer: what the screens may ask of the game (the play layer's
:class:`~game.play.services.GameServices`), implemented over the storage adapters.

- :mod:`~game.services.game_services`: :class:`Services` (profiles, library, attempts, portal,
  exports, reports, settings, LRS sender);
- :mod:`~game.services.sessions`: how a scenario's session opens and closes (:class:`SessionPolicy`),
  and the learners' policy :class:`Attempts` (resume the attempt in progress);
- :mod:`~game.services.preview`: the trainer's preview policy (throwaway profile, replayed path);
- :mod:`~game.services.reports`: a report rendered by :mod:`game.report`, written by storage.
"""

from game.services.game_services import Services
from game.services.sessions import Attempts, SessionPolicy

__all__ = ["Attempts", "Services", "SessionPolicy"]
