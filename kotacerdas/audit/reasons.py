"""Reasons kotacerdas gives itself, kept as facts and worded in the reader's language when read.

A reason a person types ("the evidence is a draft, not the signed decree") is kept as they typed it. A
reason the system writes (publishing the 2027 evaluation cycle closed Budi's self-assessment) is not a
sentence in one language: stored as ``{"code": "cycle_published", "cycle": 12, "year": 2027,
"published_on": "2027-12-05"}`` in the transition and the audit entry, and worded by ``wording`` in
the language of whoever reads it (the banner, the refusal, the history, the audit log).
The closing action and the publication are above this layer; its readers (accounts' audit log,
assessment pages) too: the wording lives here, once, for all of them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeGuard

from django.utils.formats import date_format
from django.utils.translation import gettext as _

Facts = dict[str, Any]

CYCLE_PUBLISHED = "cycle_published"


def cycle_published(*, cycle: int | None, year: int, published_on: date) -> Facts:
    """An evaluation cycle was published: what was still open of it is closed (the cycle's id, its
    year, and the day of publication, which a later data migration's transition does not carry)."""
    return {"code": CYCLE_PUBLISHED, "cycle": cycle, "year": year, "published_on": published_on.isoformat()}


def _cycle_published(facts: Facts) -> str:
    day = date_format(date.fromisoformat(facts["published_on"]), "j F Y")  # 5 Desember / December 2027
    return _("Closed because the evaluation cycle %(year)d was published on %(date)s.") % {
        "year": int(facts["year"]),
        "date": day,
    }


WORDINGS: dict[str, Callable[[Facts], str]] = {CYCLE_PUBLISHED: _cycle_published}


def is_reason(value: object) -> TypeGuard[Facts]:
    """Facts of a reason worded here (a dict with a known code), as opposed to a person's text."""
    return isinstance(value, dict) and value.get("code") in WORDINGS


def wording(facts: Facts) -> str:
    """The reason in the active language."""
    return WORDINGS[facts["code"]](facts)
