"""A complete, valid set of metadata that earns every point, to break one field at a time."""

from __future__ import annotations

from datetime import date

from game.core.publishing import Metadata, Resource

TODAY = date(2026, 3, 1)
#: SIRET of the Commune de Roques, as published in scenarios/subventions/data/haute-garonne-2018.csv
ROQUES_SIRET = "21310458100011"

DESCRIPTION = ("Liste des subventions versées en 2017 par la commune de Roques aux associations : "
               "une ligne par convention, avec le bénéficiaire, son SIRET, l'objet et le montant en euros.")


def complete(**changes) -> Metadata:
    base = dict(
        publisher="Commune de Roques",
        title="Subventions aux associations de la commune de Roques en 2017",
        short_description="Subventions 2017 de Roques",
        description=DESCRIPTION,
        licence="lo-2.0",
        frequency="annual",
        temporal_start="2017-01-01",
        temporal_end="2017-12-31",
        spatial_zone="Roques (Haute-Garonne)",
        granularity="fr:commune",
        keywords=("subventions", "associations", "Vie associative"),
        contact_name="Service vie associative",
        contact_email="vie-associative@mairie-roques.fr",
        resources=(
            Resource("donnees", "Subventions 2017", "csv", "Le fichier au format SCDL.", "main", "scdl/subventions"),
            Resource("notice", "Notice", "pdf", "", "documentation", "", True, True),
        ),
    )
    base.update(changes)
    return Metadata(**base)
