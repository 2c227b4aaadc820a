"""The licences on offer, what the law allows and how each one is explained."""

import json

from game.core.publishing import LICENCES
from game.storage.schemas import load_schema_descriptor

IDS = {"lo-2.0", "odbl", "cc-by-4.0", "cc-by-sa-4.0", "cc-by-nc-4.0", "tous-droits-reserves", "licence-maison"}


def test_the_seven_licences_are_offered_with_their_ids():
    assert set(LICENCES) == IDS
    assert all(lic.id == key for key, lic in LICENCES.items())


def test_only_the_licence_ouverte_and_the_odbl_are_allowed_by_the_decree():
    assert {k for k, lic in LICENCES.items() if lic.allowed} == {"lo-2.0", "odbl"}


def test_udata_counts_lo_odbl_cc_by_and_cc_by_sa_as_open():
    assert {k for k, lic in LICENCES.items() if lic.open} == {"lo-2.0", "odbl", "cc-by-4.0", "cc-by-sa-4.0"}


def test_every_licence_explains_why_in_plain_french():
    for lic in LICENCES.values():
        text = lic.why.format_source()
        assert len(text) > 80 and "{" not in text, lic.id
        assert lic.source and lic.name


def test_the_explanations_say_what_matters():
    assert "partage à l'identique" in LICENCES["odbl"].why.format_source()
    assert "commercial" in LICENCES["cc-by-nc-4.0"].why.format_source()
    assert "homologation" in LICENCES["licence-maison"].why.format_source()
    assert "pas de l'open data" in LICENCES["tous-droits-reserves"].why.format_source()


def test_catalogue_values_belong_to_the_scdl_licence_enum():
    fields = {f["name"]: f for f in load_schema_descriptor("scdl/catalogue")["fields"]}
    enum = set(fields["LICENCE"]["constraints"]["enum"])
    assert {lic.catalogue for lic in LICENCES.values()} == enum
    assert LICENCES["lo-2.0"].catalogue == "Licence Ouverte-LO"
    assert json.dumps(LICENCES["odbl"].url).startswith('"https://')
