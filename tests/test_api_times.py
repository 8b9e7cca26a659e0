"""Every time the API gives is written one way: ISO 8601 in the site's time zone with its offset, to the
second (``kotacerdas.web.api.TimeField``). The evaluation cycle's ``published_at`` came with
microseconds (``2027-01-05T09:30:00.123456+07:00``) while the portal's did not, and a model serializer's
own DateTimeField (a submitted item's ``added_at``) did too."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path

from rest_framework import serializers

import kotacerdas
from kotacerdas.web.api import TimeField

ROOT = Path(kotacerdas.__file__).parent


def _api_modules() -> list[str]:
    found = [*ROOT.glob("*/api.py"), *ROOT.glob("*/*_api.py"), *ROOT.glob("*/serializers.py")]
    return sorted(".".join(path.relative_to(ROOT.parent).with_suffix("").parts) for path in found)


def _subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _project_serializers() -> list[type[serializers.BaseSerializer]]:
    for module in _api_modules():
        importlib.import_module(module)
    found = {c for c in _subclasses(serializers.Serializer) if c.__module__.startswith("kotacerdas.")}
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__qualname__}")


def test_the_api_modules_are_found() -> None:
    modules = _api_modules()
    assert {"kotacerdas.evaluation.api", "kotacerdas.portal.api", "kotacerdas.programme.api"} <= set(modules)
    names = {c.__qualname__ for c in _project_serializers()}
    assert {"CycleSerializer", "SubmittedItemSerializer", "RunSerializer"} & names


def test_every_time_field_of_every_api_serializer_is_written_to_the_second() -> None:
    plain = []
    timed = 0
    for cls in _project_serializers():
        if getattr(getattr(cls, "Meta", None), "abstract", False) or cls.__name__ == "ModelSerializer":
            continue
        for name, field in cls().fields.items():
            if isinstance(field, serializers.DateTimeField):
                timed += 1
                if not isinstance(field, TimeField):
                    plain.append(f"{cls.__module__}.{cls.__qualname__}.{name}")
    assert plain == []
    assert timed >= 8  # published_at ×3, adopted_at, created_at, finished_at, when, added_at, …
