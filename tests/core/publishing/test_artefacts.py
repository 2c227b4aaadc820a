"""The DCAT-AP JSON-LD and the SCDL catalogue row written when a dataset is published."""

import csv
from datetime import date
from pathlib import Path

from game.core.publishing import CATALOGUE_HEADER, Resource, catalogue_row, dcat_jsonld
from game.core.table import Table
from game.core.tableschema import validate
from game.storage.schemas import load_schema, load_schema_descriptor

from .helpers import ROQUES_SIRET, complete

ROOT = Path(__file__).resolve().parents[3]
PUBLISHED, MODIFIED = date(2026, 3, 1), date(2026, 3, 2)


def row(meta=None, **kw):
    args = dict(dataset_id="subventions-roques-2017", collectivite_nom="Commune de Roques",
                collectivite_siret=ROQUES_SIRET, producteur_nom="Commune de Roques", producteur_siret=ROQUES_SIRET,
                theme="Vie associative", published=PUBLISHED, modified=MODIFIED,
                url="https://data.example.fr/subventions-roques-2017")
    args.update(kw)
    return catalogue_row(meta or complete(), **args)


def test_the_siret_comes_from_the_shipped_scenario_data():
    with open(ROOT / "scenarios/subventions/data/haute-garonne-2018.csv", encoding="utf-8", newline="") as f:
        ids = {r["idAttribuant"] for r in csv.DictReader(f, delimiter=";")}
    assert ROQUES_SIRET in ids


def test_the_header_is_the_catalogue_schema_field_list():
    names = tuple(f["name"] for f in load_schema_descriptor("scdl/catalogue")["fields"])
    assert CATALOGUE_HEADER == names and len(names) == 20


def test_the_catalogue_row_of_complete_metadata_passes_the_catalogue_schema():
    r = row()
    assert tuple(r) == CATALOGUE_HEADER
    table = Table.from_rows(CATALOGUE_HEADER, [[r[h] for h in CATALOGUE_HEADER]])
    report = validate(table, load_schema("scdl/catalogue"))
    assert report.errors == ()


def test_the_catalogue_row_translates_the_vocabularies():
    r = row()
    assert r["LICENCE"] == "Licence Ouverte-LO"
    assert r["FREQ_MAJ"] == "Annuelle"
    assert r["COUV_SPAT_MAILLE"] == "Communale"
    assert r["MOTS_CLES"] == "subventions;associations;vie associative"
    assert r["NOMBRE_RESSOURCES"] == "2" and r["FORMAT_RESSOURCES"] == "csv;pdf"
    assert (r["DATE_PUBL"], r["DATE_MAJ"]) == ("2026-03-01", "2026-03-02")


def test_a_bad_siret_fails_the_catalogue_schema():
    r = row(collectivite_siret="21860194600000")
    table = Table.from_rows(CATALOGUE_HEADER, [[r[h] for h in CATALOGUE_HEADER]])
    assert not validate(table, load_schema("scdl/catalogue")).valid


def test_a_coverage_without_end_ends_at_the_last_update_and_no_frequency_is_unknown():
    r = row(complete(temporal_end="", frequency=""))
    assert r["COUV_TEMP_FIN"] == "2026-03-02" and r["FREQ_MAJ"] == "Inconnue"


def test_only_included_resources_are_counted():
    meta = complete(resources=(Resource("d", "Données", "csv"), Resource("x", "Excel", "xlsx", included=False)))
    r = row(meta)
    assert r["NOMBRE_RESSOURCES"] == "1" and r["FORMAT_RESSOURCES"] == "csv"


def jsonld(meta=None):
    return dcat_jsonld(meta or complete(), dataset_id="subventions-roques-2017", issued=PUBLISHED,
                       modified=MODIFIED, base_url="portail://apprenant")


def test_the_dcat_dataset_has_its_mandatory_and_recommended_properties():
    d = jsonld()
    assert set(d["@context"]) >= {"dcat", "dct", "foaf", "vcard", "xsd"}
    assert d["@type"] == "dcat:Dataset"
    assert d["dct:title"].startswith("Subventions") and len(d["dct:description"]) > 100
    assert d["dct:publisher"] == {"@type": "foaf:Organization", "foaf:name": "Commune de Roques"}
    assert d["dct:license"] == {"@id": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"}
    assert d["dct:accrualPeriodicity"] == {"@id": "http://publications.europa.eu/resource/authority/frequency/ANNUAL"}
    assert d["dct:temporal"]["dcat:startDate"] == {"@value": "2017-01-01", "@type": "xsd:date"}
    assert d["dct:temporal"]["dcat:endDate"]["@value"] == "2017-12-31"
    assert d["dct:spatial"]["skos:prefLabel"] == "Roques (Haute-Garonne)"
    assert d["dcat:keyword"] == ["subventions", "associations", "Vie associative"]
    assert d["dcat:contactPoint"]["vcard:hasEmail"] == {"@id": "mailto:vie-associative@mairie-roques.fr"}
    assert d["dct:issued"]["@value"] == "2026-03-01" and d["dct:modified"]["@value"] == "2026-03-02"


def test_one_distribution_per_included_resource_with_its_schema():
    meta = complete(resources=complete().resources + (Resource("x", "Excel", "xlsx", included=False),))
    dists = jsonld(meta)["dcat:distribution"]
    assert [x["dct:title"] for x in dists] == ["Subventions 2017", "Notice"]
    csv_dist = dists[0]
    assert csv_dist["@type"] == "dcat:Distribution"
    assert csv_dist["dcat:accessURL"] == csv_dist["dcat:downloadURL"] == {
        "@id": "portail://apprenant/subventions-roques-2017/donnees.csv"}
    assert csv_dist["dct:format"] == {"@id": "http://publications.europa.eu/resource/authority/file-type/CSV"}
    assert csv_dist["dct:conformsTo"] == {
        "@id": "https://schema.data.gouv.fr/schemas/scdl/subventions/latest/schema.json"}
    assert csv_dist["dct:description"] == "Le fichier au format SCDL."
    assert "dct:conformsTo" not in dists[1]


def test_empty_optional_metadata_is_left_out():
    d = jsonld(complete(contact_name="", contact_email="", keywords=(), spatial_zone="", frequency=""))
    assert not {"dcat:contactPoint", "dcat:keyword", "dct:spatial", "dct:accrualPeriodicity"} & set(d)


def test_a_row_from_sparse_metadata_still_passes_the_catalogue_schema():
    """Spatial and temporal coverage and keywords left empty: the catalogue's own fallbacks."""
    from datetime import date

    from game.core.publishing import Metadata, Resource, catalogue_row
    from game.core.table import Table
    from game.core.tableschema import validate
    from game.storage.schemas import load_schema

    meta = Metadata(title="Subventions", description="x" * 120, licence="lo-2.0",
                    resources=(Resource("donnees", "Données", "csv"),))
    row = catalogue_row(meta, dataset_id="subventions", collectivite_nom="Commune de Roques",
                        collectivite_siret="21310458100011", producteur_nom="Commune de Roques",
                        producteur_siret="21310458100011", theme="Économie", published=date(2026, 11, 27),
                        modified=date(2026, 11, 27), url="https://exemple.fr/subventions")
    table = Table.from_rows(list(row), [list(row.values())])
    report = validate(table, load_schema("scdl/catalogue"))
    assert report.error_count == 0, [e.message for e in report.errors]
