"""What publishing produces besides the CSV: the DCAT-AP description of the dataset (JSON-LD) and
its row in the SCDL « catalogue simplifié » of the collectivité.

- DCAT-AP 3 (``SEMICeu/DCAT-AP`` release 3.0.1): a ``dcat:Dataset`` with its mandatory
  ``dct:title`` / ``dct:description`` and the recommended publisher, licence, frequency (EU
  « frequency » authority table), temporal and spatial coverage, keywords, contact point and one
  ``dcat:Distribution`` per included resource (``dct:conformsTo`` its declared schema).
- SCDL catalogue simplifié 0.1.3 (``schemas/scdl/catalogue/schema.json``): 20 columns, all
  required. Keywords are written in lower case without accents, separated by « ; », as the
  schema asks; a coverage without an end date ends at the last update.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ._text import fold
from .licences import LICENCES
from .metadata import EU_FREQUENCY, FREQUENCIES, GRANULARITIES, Metadata, Resource

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}

EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
_FILE_TYPES = {
    "csv": "CSV", "json": "JSON", "geojson": "GEOJSON", "xml": "XML", "ods": "ODS", "odt": "ODT", "pdf": "PDF",
    "xls": "XLS", "xlsx": "XLSX", "doc": "DOC", "docx": "DOCX", "txt": "TXT", "rdf": "RDF_XML",
    "ttl": "RDF_TURTLE", "shp": "SHP", "kml": "KML", "gpkg": "GPKG", "zip": "ZIP", "html": "HTML",
    "png": "PNG", "jpeg": "JPEG", "jpg": "JPEG", "svg": "SVG", "rtf": "RTF", "sql": "SQL", "ics": "ICS",
}
SCHEMA_CATALOG = "https://schema.data.gouv.fr/schemas/"

CATALOGUE_HEADER: tuple[str, ...] = (
    "COLL_NOM", "COLL_SIRET", "ID", "TITRE", "DESCRIPTION", "THEME", "PRODUCTEUR_NOM", "PRODUCTEUR_SIRET",
    "COUV_SPAT_MAILLE", "COUV_SPAT_NOM", "COUV_TEMP_DEBUT", "COUV_TEMP_FIN", "DATE_PUBL", "FREQ_MAJ",
    "DATE_MAJ", "MOTS_CLES", "LICENCE", "NOMBRE_RESSOURCES", "FORMAT_RESSOURCES", "URL",
)


def _date(value: date | str) -> dict[str, str]:
    text = value.isoformat() if isinstance(value, date) else value
    return {"@value": text, "@type": "xsd:date"}


def schema_url(schema: str) -> str:
    """``scdl/subventions`` → the schema's JSON on schema.data.gouv.fr; a URL stays as it is."""
    if "://" in schema:
        return schema
    return f"{SCHEMA_CATALOG}{schema.strip('/')}/latest/schema.json"


def resource_url(base_url: str, dataset_id: str, r: Resource) -> str:
    ext = f".{r.format.lower()}" if r.format else ""
    return f"{base_url.rstrip('/')}/{dataset_id}/{r.id}{ext}"


def _format(fmt: str) -> dict[str, str] | str:
    code = _FILE_TYPES.get(fmt.strip().lower())
    return {"@id": EU_FILE_TYPE + code} if code else fmt


def _distribution(r: Resource, meta: Metadata, dataset_id: str, base_url: str) -> dict[str, Any]:
    url = resource_url(base_url, dataset_id, r)
    out: dict[str, Any] = {"@id": url, "@type": "dcat:Distribution", "dct:title": r.title,
                           "dcat:accessURL": {"@id": url}, "dcat:downloadURL": {"@id": url}}
    if r.format:
        out["dct:format"] = _format(r.format)
    if r.description:
        out["dct:description"] = r.description
    if r.schema:
        out["dct:conformsTo"] = {"@id": schema_url(r.schema)}
    licence = LICENCES.get(meta.licence)
    if licence and licence.url:
        out["dct:license"] = {"@id": licence.url}
    return out


def dcat_jsonld(meta: Metadata, *, dataset_id: str, issued: date, modified: date, base_url: str) -> dict[str, Any]:
    """The DCAT-AP description of the dataset, as JSON-LD."""
    doc: dict[str, Any] = {
        "@context": dict(CONTEXT),
        "@id": f"{base_url.rstrip('/')}/{dataset_id}",
        "@type": "dcat:Dataset",
        "dct:identifier": dataset_id,
        "dct:title": meta.title,
        "dct:description": meta.description,
        "dct:issued": _date(issued),
        "dct:modified": _date(modified),
    }
    if meta.publisher:
        doc["dct:publisher"] = {"@type": "foaf:Organization", "foaf:name": meta.publisher}
    licence = LICENCES.get(meta.licence)
    if licence:
        doc["dct:license"] = {"@id": licence.url} if licence.url else licence.name
    freq = FREQUENCIES.get(meta.frequency)
    if freq:
        doc["dct:accrualPeriodicity"] = {"@id": EU_FREQUENCY + freq.eu}
    if meta.temporal_start or meta.temporal_end:
        period: dict[str, Any] = {"@type": "dct:PeriodOfTime"}
        if meta.temporal_start:
            period["dcat:startDate"] = _date(meta.temporal_start)
        if meta.temporal_end:
            period["dcat:endDate"] = _date(meta.temporal_end)
        doc["dct:temporal"] = period
    if meta.spatial_zone:
        doc["dct:spatial"] = {"@type": "dct:Location", "skos:prefLabel": meta.spatial_zone}
    if meta.keywords:
        doc["dcat:keyword"] = list(meta.keywords)
    if meta.contact_name or meta.contact_email:
        contact: dict[str, Any] = {"@type": "vcard:Kind"}
        if meta.contact_name:
            contact["vcard:fn"] = meta.contact_name
        if meta.contact_email:
            contact["vcard:hasEmail"] = {"@id": f"mailto:{meta.contact_email}"}
        doc["dcat:contactPoint"] = contact
    doc["dcat:distribution"] = [_distribution(r, meta, dataset_id, base_url) for r in meta.included()]
    return doc


def _keyword(text: str) -> str:
    return " ".join(fold(text).replace(";", " ").split())


def catalogue_row(meta: Metadata, *, dataset_id: str, collectivite_nom: str, collectivite_siret: str,
                  producteur_nom: str, producteur_siret: str, theme: str, published: date, modified: date,
                  url: str) -> dict[str, str]:
    """The dataset's row in the SCDL catalogue simplifié, keyed by :data:`CATALOGUE_HEADER`."""
    resources = meta.included()
    formats: list[str] = []
    for r in resources:
        f = fold(r.format.strip())
        if f and f not in formats:
            formats.append(f)
    freq = FREQUENCIES.get(meta.frequency)
    gran = GRANULARITIES.get(meta.granularity)
    licence = LICENCES.get(meta.licence)
    row = {
        "COLL_NOM": collectivite_nom,
        "COLL_SIRET": "".join(collectivite_siret.split()),
        "ID": dataset_id,
        "TITRE": meta.title.strip(),
        "DESCRIPTION": meta.description.strip(),
        "THEME": theme,
        "PRODUCTEUR_NOM": producteur_nom,
        "PRODUCTEUR_SIRET": "".join(producteur_siret.split()),
        # every column of the catalogue simplifié is required: what the learner left empty gets the
        # catalogue's own "unknown" values, so the row still passes the schema (the quality score
        # already counted what is missing)
        "COUV_SPAT_MAILLE": gran.catalogue if gran else "Autre",
        "COUV_SPAT_NOM": meta.spatial_zone.strip() or collectivite_nom,
        "COUV_TEMP_DEBUT": _iso(meta.temporal_start) or published.isoformat(),
        "COUV_TEMP_FIN": _iso(meta.temporal_end) or modified.isoformat(),
        "DATE_PUBL": published.isoformat(),
        "FREQ_MAJ": freq.catalogue if freq else FREQUENCIES["unknown"].catalogue,
        "DATE_MAJ": modified.isoformat(),
        "MOTS_CLES": ";".join(k for k in (_keyword(k) for k in meta.keywords) if k) or _keyword(theme) or "donnees",
        "LICENCE": licence.catalogue if licence else "",
        "NOMBRE_RESSOURCES": str(len(resources)),
        "FORMAT_RESSOURCES": ";".join(formats),
        "URL": url,
    }
    return {k: row[k] for k in CATALOGUE_HEADER}


def _iso(text: str) -> str:
    """An ISO date as written, or "" when the text is not one (the catalogue wants real dates)."""
    from datetime import date

    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        return ""
