"""The play session's ``Publisher`` (:class:`game.play.publish.Publisher`) over the learner's portal."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.core.messages import N_, msg
from game.play.publish import Publisher
from game.play.services import ServiceError

if TYPE_CHECKING:
    from game.core.table import Table
    from game.storage.portal import Portal


class PortalPublisher(Publisher):
    """The cleaned table as a quality CSV, the scenario's resource files, the metadata and the
    catalogue row, written to the learner's portal all at once."""

    def __init__(self, portal: Portal, data_folder: Path) -> None:
        self.portal, self.data_folder = portal, data_folder

    def publish(self, learner: str, dataset_id: str, *, table: Table, metadata: dict[str, Any],
                summary: dict[str, Any], catalogue_header: Sequence[str], catalogue_row: Mapping[str, str],
                extra_files: Mapping[str, str]) -> str:
        from game.storage.csvfile import quality_csv_text
        from game.storage.folders import inside
        from game.storage.oserrors import french_reason

        try:
            extra = {name: inside(self.data_folder, src).read_bytes() for name, src in extra_files.items()}
        except OSError as e:  # a resource of the scenario went missing: the portal is left as it was
            raise ServiceError(msg(N_("Le portail n'a pas pu être écrit ({reason}). Votre brouillon est conservé."),
                                   reason=french_reason(e))) from e
        where = self.portal.publish(learner, dataset_id, csv_bytes=quality_csv_text(table, drop_extras=True).encode("utf-8"),
                                    metadata=metadata, summary=summary, catalogue_header=catalogue_header,
                                    catalogue_row=catalogue_row, extra_files=extra)
        return str(where)
