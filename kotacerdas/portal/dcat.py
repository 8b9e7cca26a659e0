"""The DCAT-AP catalogue of the open data, in JSON-LD, for a CKAN-based Satu Data portal to harvest.

One ``dcat:Dataset`` per public table, each with a ``dcat:Distribution`` per format (CSV, JSON, XLSX)
and one for its Frictionless descriptor, each naming its ``dcat:downloadURL``.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.portal.opendata import TABLES, Table
from kotacerdas.portal.opendata_files import download_url

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
MEDIA_TYPES = {
    "csv": "text/csv",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
IANA = "http://www.iana.org/assignments/media-types/"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"


def _distribution(url: str, fmt: str, media_type: str) -> dict[str, Any]:
    return {
        "@id": url,
        "@type": "dcat:Distribution",
        "dct:title": fmt.upper(),
        "dct:format": fmt.upper(),
        "dcat:mediaType": {"@id": IANA + media_type},
        "dcat:accessURL": {"@id": url},
        "dcat:downloadURL": {"@id": url},
        "dct:license": {"@id": LICENSE},
    }


def _dataset(table: Table, base: str, issued: str | None) -> dict[str, Any]:
    descriptor = base + reverse("portal:datapackage", kwargs={"table": table.name})
    distributions = [_distribution(download_url(base, table, f), f, t) for f, t in MEDIA_TYPES.items()]
    distributions.append(_distribution(descriptor, "datapackage", "application/json"))
    dataset = {
        "@id": base + reverse("portal:data_index") + "#" + table.name,
        "@type": "dcat:Dataset",
        "dct:identifier": f"kotacerdas-{table.name}",
        "dct:title": str(table.title),
        "dct:description": str(table.description),
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/IND"},
        "dcat:keyword": ["smart city", "masterplan", table.name],
        "dcat:distribution": distributions,
    }
    if issued:
        dataset["dct:modified"] = {"@value": issued, "@type": "xsd:dateTime"}
    return dataset


def catalogue(base: str, issued: str | None) -> dict[str, Any]:
    """The catalogue of every table; ``base`` is the site's origin, ``issued`` the newest snapshot's time."""
    return {
        "@context": CONTEXT,
        "@id": base + reverse("portal:catalogue"),
        "@type": "dcat:Catalog",
        "dct:title": _("Open data of the Smart City masterplans"),
        "dct:description": _("What the regions published on their public portals (published snapshots)."),
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": "kotacerdas"},
        "foaf:homepage": {"@id": base + reverse("portal:national")},
        "dcat:dataset": [_dataset(table, base, issued) for table in TABLES],
    }
