"""Metadata round-trips through JSON, tolerates old drafts, and its vocabularies match udata and the SCDL."""

from game.core.publishing import (
    CLOSED_FORMATS,
    FREQUENCIES,
    GRANULARITIES,
    OPEN_FORMATS,
    Metadata,
    Resource,
    is_open_format,
)
from game.storage.schemas import load_schema_descriptor

from .helpers import complete


def _enum(name):
    fields = {f["name"]: f for f in load_schema_descriptor("scdl/catalogue")["fields"]}
    return set(fields[name]["constraints"]["enum"])


def test_metadata_round_trips_through_json():
    meta = complete()
    assert Metadata.from_json(meta.to_json()) == meta


def test_a_draft_from_an_older_version_still_loads():
    old = {"title": "Subventions", "licence": "odbl", "obsolete_field": 3,
           "resources": [{"id": "donnees", "title": "Données", "format": "csv"}]}
    meta = Metadata.from_json(old)
    assert meta.title == "Subventions" and meta.licence == "odbl" and meta.description == ""
    assert meta.resources == (Resource("donnees", "Données", "csv"),)
    assert meta.resources[0].included and meta.resources[0].available


def test_keywords_may_be_a_list_or_a_semicolon_string():
    assert Metadata.from_json({"keywords": ["a", " b ", ""]}).keywords == ("a", "b")
    assert Metadata.from_json({"keywords": "a;b; c"}).keywords == ("a", "b", "c")


def test_an_empty_document_gives_empty_metadata():
    assert Metadata.from_json({}) == Metadata()


def test_frequencies_are_udata_ids_with_a_french_label_and_a_catalogue_value():
    for fid in ("unknown", "punctual", "continuous", "hourly", "daily", "weekly", "monthly", "bimonthly",
                "quarterly", "semiannual", "annual", "biennial", "triennial", "quinquennial", "irregular"):
        assert fid in FREQUENCIES
    assert {f.catalogue for f in FREQUENCIES.values()} <= _enum("FREQ_MAJ")
    assert FREQUENCIES["annual"].catalogue == "Annuelle"
    assert all(f.label.format_source() and f.eu for f in FREQUENCIES.values())


def test_granularities_map_to_the_catalogue_mesh():
    for gid in ("fr:commune", "fr:epci", "fr:departement", "fr:region", "country", "other"):
        assert gid in GRANULARITIES
    assert {g.catalogue for g in GRANULARITIES.values()} <= _enum("COUV_SPAT_MAILLE")
    assert GRANULARITIES["fr:departement"].catalogue == "Départementale"


def test_open_formats_exclude_office_and_pdf():
    for f in ("csv", "json", "geojson", "xml", "ods", "odt", "txt"):
        assert f in OPEN_FORMATS and is_open_format(f)
    for f in ("xls", "xlsx", "pdf", "doc", "docx"):
        assert f not in OPEN_FORMATS and not is_open_format(f) and f in CLOSED_FORMATS
    assert is_open_format("CSV") and not is_open_format("")
