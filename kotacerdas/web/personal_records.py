"""Generic pieces the apps' personal-data sources are built from (see web/personal_data.py).

An app's source is usually "every row of my models that points at the person, for the export" and
"the person's name, username and e-mail replaced by the pseudonym in every text and JSON column of my
models, for the erasure". Both read the app's models through Django's app registry, so the kernel
still imports no feature app; an app with more to do (delete what is only the person's) wraps these.

The name is replaced word by word (case-insensitive, whole words, longest first): "Budi Santoso"
and "budi@contoh.id" become "Warga #12" wherever they stand, in a comment body or deep inside an audit
snapshot. Another person with the same first name in the same text is pseudonymised too: under UU PDP
erasing too much of a name is the safe side.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date, datetime, time
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q, TextField
from django.db.models.fields.files import FieldFile
from django.db.models.functions import Cast

from kotacerdas.web.personal_data import PersonalDataSource

TEXT_TYPES = {"CharField", "TextField", "EmailField", "SlugField"}
# A term shorter than this is not replaced on its own (a one-letter first name would hit every word).
MIN_TERM = 3


def identifying_terms(user: Any) -> list[str]:
    """What names the person in text: full name, each name part, username, e-mail; longest first."""
    candidates = [
        user.get_full_name(),
        user.first_name,
        user.last_name,
        user.get_username(),
        user.email,
        str(user),
    ]
    terms = {term.strip() for term in candidates if term and len(term.strip()) >= MIN_TERM}
    return sorted(terms, key=lambda term: (-len(term), term))


def _pattern(terms: list[str]) -> re.Pattern[str]:
    # (?<!\w)…(?!\w): whole words, also for terms that start or end with a non-word character (e-mail)
    alternatives = "|".join(re.escape(term) for term in terms)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def replace_terms(value: Any, terms: list[str], pseudonym: str) -> Any:
    """``value`` (text, or JSON of dicts/lists/text) with every term replaced by ``pseudonym``."""
    if not terms:
        return value
    return _replace(value, _pattern(terms), pseudonym)


def _replace(value: Any, pattern: re.Pattern[str], pseudonym: str) -> Any:
    if isinstance(value, str):
        return pattern.sub(pseudonym, value)
    if isinstance(value, list):
        return [_replace(item, pattern, pseudonym) for item in value]
    if isinstance(value, dict):
        return {
            _replace(key, pattern, pseudonym): _replace(item, pattern, pseudonym)
            for key, item in value.items()
        }
    return value


def text_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [
        field
        for field in model._meta.concrete_fields
        if field.get_internal_type() in TEXT_TYPES or field.get_internal_type() == "JSONField"
    ]


def _mentions(model: type[models.Model], terms: list[str]) -> tuple[dict[str, Any], Q]:
    """Annotations and a filter: rows where any text/JSON column contains any term (a superset)."""
    annotations: dict[str, Any] = {}
    condition = Q()
    for field in text_fields(model):
        column = field.name
        if field.get_internal_type() == "JSONField":
            column = f"_pd_{field.name}"
            annotations[column] = Cast(field.name, TextField())
        for term in terms:
            condition |= Q(**{f"{column}__icontains": term})
            escaped = json.dumps(term)[1:-1]  # JSON text may hold "\u00e9" for "é"
            if escaped != term:
                condition |= Q(**{f"{column}__icontains": escaped})
    return annotations, condition


def scrub_model(model: type[models.Model], user: Any, pseudonym: str) -> int:
    """Replace the person's terms in every text/JSON column of ``model``; returns the rows changed.

    Writes with ``update()``: no save() side effects (versions, period guards), no audit of its own."""
    terms = identifying_terms(user)
    fields = text_fields(model)
    if not terms or not fields:
        return 0
    annotations, condition = _mentions(model, terms)
    pattern = _pattern(terms)
    changed = 0
    rows = (
        model._default_manager.annotate(**annotations).filter(condition).only("pk", *[f.name for f in fields])
    )
    for row in rows.iterator():
        updates = {}
        for field in fields:
            value = getattr(row, field.attname)
            new = _replace(value, pattern, pseudonym)
            if new != value:
                updates[field.attname] = new
        if updates:
            model._default_manager.filter(pk=row.pk).update(**updates)
            changed += 1
    return changed


def models_of(app_label: str) -> list[type[models.Model]]:
    return list(apps.get_app_config(app_label).get_models())


def user_links(model: type[models.Model]) -> list[str]:
    """The model's foreign keys to the person model."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.is_relation
        and field.related_model is not None
        and field.related_model._meta.label == settings.AUTH_USER_MODEL
    ]


def json_safe(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, FieldFile):
        return value.name or None
    return str(value)


def row(instance: models.Model) -> dict[str, Any]:
    """The record's own fields (foreign keys by id), as the export shows them."""
    return {
        field.attname: json_safe(getattr(instance, field.attname))
        for field in instance._meta.concrete_fields
        if field.name != "password"
    }


def export_linked(app_label: str, user: Any, skip: Iterable[str] = ()) -> dict[str, list[dict[str, Any]]]:
    """Every row of the app's models that points at the person, per model label."""
    exported: dict[str, list[dict[str, Any]]] = {}
    for model in models_of(app_label):
        links = user_links(model)
        if not links or model._meta.label in set(skip):
            continue
        condition = Q()
        for name in links:
            condition |= Q(**{name: user})
        rows = [row(instance) for instance in model._default_manager.filter(condition).order_by("pk")]
        if rows:
            exported[model._meta.label] = rows
    return exported


def scrub_app(app_label: str, user: Any, pseudonym: str, skip: Iterable[str] = ()) -> int:
    """Pseudonymise the person in every model of the app (except those in ``skip``)."""
    skipped = set(skip)
    return sum(
        scrub_model(model, user, pseudonym)
        for model in models_of(app_label)
        if model._meta.label not in skipped
    )


def app_source(app_label: str) -> PersonalDataSource:
    """The source of an app whose export is "rows pointing at the person" and whose erasure is the
    pseudonym in every text column (the person's rows stay: they are the region's record)."""
    return PersonalDataSource(
        app_label,
        lambda user: export_linked(app_label, user),
        lambda user, pseudonym: scrub_app(app_label, user, pseudonym),
    )
