"""How the public pages, the API and the open data read a snapshot, in one place so they agree.

- **Evaluation results** are not the region's to freeze: they are the national admin's immutable
  publications. A region that publishes the evaluation part shows its rows in every publication,
  read when the page is read (``sources.evaluation_results``); its snapshot holds none (older ones
  still do, and are not read for it).
- **Progress** is given to one decimal (``snapshot.progress``), also for snapshots frozen before.
- **Times** are ISO 8601 in the site's time zone with its offset, to the second
  (``2027-01-05T09:30:00+07:00``), in the CSV, the JSON, the XLSX, the API and the catalogue.
- **Statuses** are stored as the region's code with the label of the publisher's language; the page
  names a default status in the reader's language, a region's own label as written, and an
  initiative without an approved report by its category ("belum dimulai").
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any

from django.utils import translation

from kotacerdas.monitoring.statuses import CATEGORY_LABELS, DEFAULT_LABELS
from kotacerdas.portal.models import Snapshot
from kotacerdas.portal.snapshot import EVALUATION
from kotacerdas.portal.sources import evaluation_results
from kotacerdas.web.api import api_time

NOTHING = "–"


def shows_evaluations(snap: Snapshot) -> bool:
    return EVALUATION in (snap.parts or snap.content.get("parts", []))


def evaluations_of(snapshots: list[Snapshot]) -> dict[str, list[dict[str, Any]]]:
    """Region code → its published evaluation rows, for the snapshots that publish the part (one query)."""
    return evaluation_results([s.content["region"]["code"] for s in snapshots if shows_evaluations(s)])


def published_time(moment: datetime) -> str:
    """``2027-01-05T09:30:00+07:00``: the site's time zone, to the second, as every API time
    (``kotacerdas.web.api.api_time``; see the module's docstring)."""
    return api_time(moment)


@lru_cache(maxsize=1)
def _default_spellings() -> dict[str, set[str]]:
    """Each default status's label in every language a snapshot may have been frozen in."""
    spellings: dict[str, set[str]] = {code: set() for code in DEFAULT_LABELS}
    for language in ("id", "en"):
        with translation.override(language):
            for code, label in DEFAULT_LABELS.items():
                spellings[code].add(str(label))
    return spellings


def status_name(item: dict[str, Any]) -> str:
    """An initiative's status as the reader reads it (a snapshot stores the code and the frozen label)."""
    code, frozen = item.get("status") or "", item.get("status_label") or ""
    if not code and frozen:  # a snapshot without the code: the label it froze
        return frozen
    if not code:  # no approved report yet: its category says where it stands
        category = CATEGORY_LABELS.get(item.get("category") or "")
        return str(category) if category is not None else NOTHING
    if code in DEFAULT_LABELS and (not frozen or frozen in _default_spellings()[code]):
        return str(DEFAULT_LABELS[code])
    return frozen or code  # a region's own status keeps the label it gave it
