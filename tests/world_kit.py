"""The means the shared world (tests/world.py) is built with: the actions found by name, a small PDF
upload, a person with one role, and the world's year and instrument."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from functools import cache
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import PASSWORD

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
INSTRUMENT = "readiness-2019"
INDICATOR = "struktur.sdm.1"
YEAR = 2026


@cache
def _actions() -> dict[str, Callable[..., Any]]:
    import kotacerdas

    found: dict[str, Callable[..., Any]] = {}
    for module_info in pkgutil.walk_packages(kotacerdas.__path__, "kotacerdas."):
        if "actions" not in module_info.name.split(".")[2:]:  # actions.py or a module of an actions/ package
            continue
        module = importlib.import_module(module_info.name)
        app = module_info.name.split(".")[1]
        for name, value in vars(module).items():
            if name.startswith("do_") and callable(value) and value.__module__ == module.__name__:
                found[f"{app}.{name}"] = value
    return found


def action(name: str) -> Callable[..., Any]:
    """The action ``"<app>.do_<verb>"`` wherever it lives inside the app.

    Found by name rather than imported from a module path, so moving an action between an app's
    modules (planning is being split into sub-packages) does not break every URL test at once."""
    return _actions()[name]


def pdf_file(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def new_person(ayu: Any, username: str, role: str, region: Any = None, opd: Any = None) -> Any:
    user = action("accounts.do_create_user")(
        ayu, username=username, password=PASSWORD, first_name=username.capitalize()
    )
    action("accounts.do_add_membership")(ayu, user, role=role, region=region, opd=opd)
    return user
