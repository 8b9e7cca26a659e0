"""Every named URL of the project with its declared access class, and how to fill its parameters."""

from __future__ import annotations

import importlib
import re
from types import ModuleType
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.world import kwarg_value

SKIPPED_NAMESPACES = ("admin",)  # Django's own admin: staff-only by Django
SKIPPED = {"set_language"}  # Django's language switch: public by design


def named_views(
    patterns: list[Any] | None = None, prefix: str = "", urlconf_name: str | ModuleType = "kotacerdas.urls"
) -> list[tuple[str, str | None, str]]:
    """(full name, declared class, route) of every named URL in the project."""
    found: list[tuple[str, str | None, str]] = []
    module = importlib.import_module(urlconf_name) if isinstance(urlconf_name, str) else urlconf_name
    access = getattr(module, "access", {})
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in SKIPPED_NAMESPACES or not hasattr(entry.urlconf_name, "__name__"):
                continue  # admin, i18n and other third-party URL lists
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            found += named_views(entry.url_patterns, namespace, entry.urlconf_name.__name__)
        elif isinstance(entry, URLPattern) and entry.name and entry.name not in SKIPPED:
            found.append((prefix + entry.name, access.get(entry.name), str(entry.pattern)))
    return found


VIEWS = named_views()


def names_in(access_class: str) -> list[str]:
    return sorted(name for name, declared, _route in VIEWS if declared == access_class)


def route_params(name: str) -> list[tuple[str, str]]:
    """(converter, name) of each parameter in the URL's route."""
    route = next(route for n, _declared, route in VIEWS if n == name)
    return re.findall(r"<(?:(\w+):)?(\w+)>", route)


def url_for(name: str, world: dict[str, Any], **override: Any) -> str:
    """The URL with every parameter naming one of region B's real records."""
    kwargs = {key: kwarg_value(world, name, key) for _converter, key in route_params(name)}
    if name.startswith("api:"):
        kwargs["version"] = "v1"
    return reverse(name, kwargs=kwargs | override)


def names_objects(name: str) -> bool:
    """The URL names a record by its id (not only a region, a kind or an indicator code)."""
    return any(converter == "id" for converter, _key in route_params(name))
