"""The audit log read as sentences: "Budi (contoh) menyimpan inisiatif GOV-01 Satu Data Salatiga".

The stored entries keep their action names (``masterplan.initiative.save``) and raw before/after
state for machines; people read one Indonesian sentence per entry (its text from
``audit_sentence_texts``), a link to the record, and the fields an edit changed with their labels.
Links are built from URL names only, so this module does not import the apps above accounts (the
layer contract)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.accounts.audit_sentence_texts import ADMIN_SENTENCES, SENTENCES
from kotacerdas.audit import reasons
from kotacerdas.audit.models import AuditEntry
from kotacerdas.core import formatting

L = gettext_lazy


# object type → (URL name, how to fill it from the entry); regions come from the entry's region.
LINKS: dict[str, tuple[str, str]] = {
    "planning.initiative": ("planning:initiative", "code+id"),
    "planning.problem": ("planning:problem", "code+id"),
    "planning.quickwin": ("planning:quickwin", "code+id"),
    "planning.roadmaprun": ("planning:roadmap_run", "code+id"),
    "planning.masterplan": ("planning:overview", "code"),
    "planning.swotitem": ("planning:swot", "code"),
    "planning.statement": ("planning:strategy", "code"),
    "planning.keyindicator": ("planning:indicators", "code"),
    "planning.programmemapping": ("planning:programmes", "code"),
    "assessment.assessment": ("assessment:detail", "code+id"),
    "documents.bookversion": ("documents:version", "code+number"),
    "documents.booktext": ("documents:index", "code"),
    "regions.opd": ("regions:opds", "code"),
    "accounts.user": ("accounts:user_detail", "id"),
    "programme.cohort": ("programme:cohort", "id"),
    "programme.candidacy": ("programme:region", "code"),
    "programme.deliverable": ("programme:region", "code"),
    "programme.institution": ("programme:institutions", "code"),
    "programme.mou": ("programme:region", "code"),
}

TRANSLATED_NAMES = {"programme.deliverable", "programme.checklistitem"}
HIDDEN = {"id", "version", "region", "created_at", "updated_at", "heartbeat_at", "updated_by", "created_by"}
FIELDS: dict[str, Any] = {
    "status": L("status"),
    "state": L("state"),
    "reason": L("reason"),
    "total": L("total score"),
    "scores": L("scores"),
    "weights": L("weights"),
    "name": L("name"),
    "short_name": L("short name"),
    "text": L("text"),
    "value": L("answer"),
    "explanation": L("explanation"),
    "start_year": L("start year"),
    "duration": L("duration"),
    "budget_ceilings": L("yearly ceilings"),
    "opd_capacity": L("capacity per OPD"),
    "assessor": L("assessor"),
    "is_active": L("active"),
    # keys of a snapshot that are no model field (the rest are named by their model's verbose_name)
    "assignments": L("assignments"),
    "code": L("code"),
    "indicators": L("indicators"),
    "opd": L("OPD"),
    "input_hash": L("input hash"),
    "consistency_ratio": L("consistency ratio"),
    "experts": L("experts"),
}
# A number kept as text in a snapshot (a Decimal: "3.06"), written as every number is (3,06); codes and
# versions that look like numbers (33.73, 2022.1) keep their full stop.
DECIMAL_TEXT = re.compile(r"-?\d+\.\d+")
LITERAL_KEYS = ("code", "version")
VALUES: dict[str, Any] = {
    "queued": L("waiting"),
    "running": L("running"),
    "done": L("done"),
    "failed": L("failed"),
    "draft": L("draft"),
    "submitted": L("submitted"),
    "in_review": L("in review"),
    "verified": L("verified"),
    "closed": L("closed"),
    "pending": L("not submitted yet"),
    "approved": L("approved"),
    "returned": L("returned for revision"),
    "yes": L("yes"),
    "no": L("no"),
    "True": L("yes"),
    "False": L("no"),
}


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class Sentence:
    entry: AuditEntry
    text: str
    link: str | None
    changes: list[Change]


def object_name(entry: AuditEntry) -> str:
    """The record's name; the English programme names stored in it ("Vision keywords · Kota X") read in
    the page's language (their translations live in the programme catalogue)."""
    head, sep, tail = entry.object_repr.partition(" · ")
    if entry.object_type not in TRANSLATED_NAMES or not head:
        return entry.object_repr
    return _(head) + sep + tail


def template_of(action: str) -> Any | None:
    """The sentence of an action name, None for a name that has none (it reads "changed …")."""
    if action.startswith("admin."):
        return ADMIN_SENTENCES.get(action.rpartition(".")[2])
    return SENTENCES.get(action)


def sentence(entry: AuditEntry) -> Sentence:
    template = template_of(entry.action) or L("changed %(object)s")
    what = str(template) % {"object": object_name(entry)}
    who = entry.who
    # a quoted sentence that ends itself ("… juga panjang.”") takes no second full stop
    end = "" if what.endswith((".”", "!”", "?”")) else "."
    return Sentence(entry, f"{who} {what}{end}", link_of(entry), changes_of(entry))


def link_of(entry: AuditEntry) -> str | None:
    target = LINKS.get(entry.object_type)
    if target is None or (entry.action.endswith((".delete", ".remove"))):
        return None
    name, shape = target
    code = entry.region.code if entry.region else None
    number = (entry.after or {}).get("number")
    shapes: dict[str, list[Any]] = {
        "code": [code],
        "code+id": [code, entry.object_id],
        "code+number": [code, number],
        "id": [entry.object_id],
    }
    kwargs = shapes[shape]
    if any(value in (None, "") for value in kwargs):
        return None
    try:
        return reverse(name, args=kwargs)
    except NoReverseMatch:
        return None


def changes_of(entry: AuditEntry) -> list[Change]:
    """What an edit changed, in words; a creation or a deletion is said by its sentence alone."""
    if not entry.before or not entry.after:
        return []
    changes = []
    for key, old, new in entry.changed_fields():
        if key in HIDDEN or key.endswith("_at"):
            continue
        literal = key.endswith(LITERAL_KEYS)
        choices = choice_labels(entry.object_type, key)
        before, after = (
            choices[str(v)] if str(v) in choices and str(v) not in VALUES else _value(v, literal)
            for v in (old, new)
        )
        if before != after:  # a reason stored as "" where there was none reads "–" both times
            changes.append(Change(field_label(entry.object_type, key), before, after))
    return changes


def _model_field(object_type: str, key: str) -> Any:
    try:
        return apps.get_model(object_type)._meta.get_field(key)
    except (LookupError, ValueError, FieldDoesNotExist):
        return None


def field_label(object_type: str, key: str) -> str:
    """A changed field's name in the reader's language: the label above, else its model field's
    verbose_name (translated where the model is), else the key in words."""
    if key in FIELDS:
        return str(FIELDS[key])
    verbose = getattr(_model_field(object_type, key), "verbose_name", None)
    return str(verbose) if verbose else key.replace("_", " ")


def choice_labels(object_type: str, key: str) -> dict[str, str]:
    """A field with choices: each stored code → its label in the reader's language ("not_taken" →
    "tidak diambil"), as the record's own page shows it."""
    field = _model_field(object_type, key)
    return {str(code): str(label) for code, label in getattr(field, "flatchoices", None) or []}


def _value(value: Any, literal: bool = False) -> str:
    if value is None or value == "" or value == {} or value == []:
        return "–"
    if isinstance(value, bool) or str(value) in VALUES:
        return str(VALUES.get(str(value), value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return formatting.decimal(value, 0 if float(value).is_integer() else 2)
    if reasons.is_reason(value):
        text = reasons.wording(value)  # a reason the system gave, in the reader's language
    elif isinstance(value, dict):
        text = ", ".join(f"{k}: {_value(v, literal)}" for k, v in value.items())
    elif isinstance(value, list):
        text = ", ".join(_value(v, literal) for v in value)
    elif not literal and isinstance(value, str) and DECIMAL_TEXT.fullmatch(value):
        text = formatting.editable(value)  # 3.06 → 3,06, 2.4490 → 2,449
    elif str(value).isdigit() and len(str(value)) > 3:
        text = formatting.number(int(value))  # rupiah and counts: 900.000.000
    else:
        text = str(value)
    return text if len(text) <= 120 else text[:119] + "…"
