"""Which models can carry a comment thread.

An app registers its commentable models once, in its AppConfig.ready()::

    from kotacerdas.discussion.registry import register
    register(Problem)

A registered model must have a ``region`` foreign key (threads are scoped to
the target's region) and should have ``get_absolute_url()`` (where to return
after a comment is posted). The URL names a target by its label,
``"<app_label>.<model_name>"``, so unknown or unregistered labels are a 404.
"""

from __future__ import annotations

from django.db import models

_REGISTRY: dict[str, type[models.Model]] = {}


def label_of(model: type[models.Model] | models.Model) -> str:
    return model._meta.label_lower


def register(model: type[models.Model]) -> type[models.Model]:
    if "region" not in {field.name for field in model._meta.get_fields()}:
        raise TypeError(f"{label_of(model)} has no region field; threads are scoped to a region")
    _REGISTRY[label_of(model)] = model
    return model


def unregister(model: type[models.Model]) -> None:
    _REGISTRY.pop(label_of(model), None)


def model_for(label: str) -> type[models.Model] | None:
    return _REGISTRY.get(label)


def is_commentable(target: models.Model) -> bool:
    return label_of(target) in _REGISTRY
