"""Which models can carry a comment thread.

An app registers its commentable models once, in its AppConfig.ready()::

    from kotacerdas.discussion.registry import register
    register(Problem)

A registered model must reach its region: by default through a ``region`` foreign key (threads
are scoped to the target's region); a model that reaches it through another record names the
path, ``register(KpiReport, region_path="period__region")``. It should have
``get_absolute_url()`` (where to return after a comment is posted). The URL names a target by its
label, ``"<app_label>.<model_name>"``, so unknown or unregistered labels are a 404.

``on_comment(comment, target)`` lets a higher app react to a new comment (notify the report's
author, say) without this app knowing it; it runs inside the comment's transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models

OnComment = Callable[[Any, models.Model], None]


@dataclass(frozen=True)
class Entry:
    model: type[models.Model]
    region_path: str
    on_comment: OnComment | None


_REGISTRY: dict[str, Entry] = {}


def label_of(model: type[models.Model] | models.Model) -> str:
    return model._meta.label_lower


def _reaches_region(model: type[models.Model], path: str) -> bool:
    current: Any = model
    for part in path.split("__"):
        try:
            field = current._meta.get_field(part)
        except FieldDoesNotExist:
            return False
        current = field.related_model
        if current is None:
            return False
    return bool(current._meta.label_lower == "regions.region")


def register(
    model: type[models.Model], *, region_path: str = "region", on_comment: OnComment | None = None
) -> type[models.Model]:
    if not _reaches_region(model, region_path):
        raise TypeError(f"{label_of(model)} has no region field; threads are scoped to a region")
    _REGISTRY[label_of(model)] = Entry(model, region_path, on_comment)
    return model


def unregister(model: type[models.Model]) -> None:
    _REGISTRY.pop(label_of(model), None)


def model_for(label: str) -> type[models.Model] | None:
    entry = _REGISTRY.get(label)
    return entry.model if entry else None


def region_path_for(label: str) -> str:
    return _REGISTRY[label].region_path


def is_commentable(target: models.Model) -> bool:
    return label_of(target) in _REGISTRY


def region_of(target: models.Model) -> Any:
    """The region a registered target belongs to (None when it has none)."""
    current: Any = target
    for part in _REGISTRY[label_of(target)].region_path.split("__"):
        current = getattr(current, part, None)
        if current is None:
            return None
    return current


def after_comment(comment: Any, target: models.Model) -> None:
    entry = _REGISTRY.get(label_of(target))
    if entry is not None and entry.on_comment is not None:
        entry.on_comment(comment, target)
