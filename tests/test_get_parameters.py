"""Every GET parameter the code reads, with odd values, on every URL: never a server error.

A superscript digit was a 500 (``str.isdigit()`` then ``int()``, issue 13 item 6). The parameters are
collected from the source (``GET.get("…")``, ``GET["…"]``, ``query_params.get("…")``,
``query_int(…, "…")`` and the fields of the filter forms bound to ``request.GET``) plus the common
``page``, ``q`` and ``next``; every named URL (tests/urlmap.py, with region B's real records from
tests/world.py) is requested as Ayu (national admin) and as Dewi (region B's coordinator) with a random
subset of them, each with a value from odd unicode digits, control characters, very long strings,
signs, zero and the empty string. Bounded: a few derandomized examples per URL, so the whole walk takes
about a minute and is the same on every machine.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import logged_in
from tests.urlmap import VIEWS, url_for

SOURCE = Path(__file__).resolve().parent.parent / "kotacerdas"
READS = re.compile(
    r"""(?:GET|query_params)\.get\(\s*["'](\w+)["']"""
    r"""|(?:GET|query_params)\[\s*["'](\w+)["']\s*\]"""
    r"""|query_int\(\s*[\w.]+\s*,\s*["'](\w+)["']"""
)
FILTER_FORMS = re.compile(r"(\w+Form)\(\s*request\.(?:GET|query_params)\b")
COMMON = {"page", "q", "next"}


def parameters_read_by_the_code() -> list[str]:
    """Every query parameter name a view reads, found in the source (tests excluded)."""
    names = set(COMMON)
    forms: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        if "tests" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        names |= {next(group for group in match if group) for match in READS.findall(text)}
        forms |= set(FILTER_FORMS.findall(text))
    for form_name in forms:
        names |= form_fields(form_name)
    return sorted(names)


def form_fields(form_name: str) -> set[str]:
    import importlib
    import pkgutil

    import kotacerdas

    for module_info in pkgutil.walk_packages(kotacerdas.__path__, "kotacerdas."):
        if not module_info.name.endswith("forms") or ".tests" in module_info.name:
            continue
        form = getattr(importlib.import_module(module_info.name), form_name, None)
        if form is not None:
            return set(form.base_fields)
    raise AssertionError(f"{form_name} is bound to request.GET but no forms module defines it")


PARAMETERS = parameters_read_by_the_code()

ODD = [
    "²",
    "٣",
    "٣٣.٧٣",
    "¹²",
    "Ⅻ",
    "",
    " ",
    "0",
    "-1",
    "+1",
    "1.5",
    "1e9",
    "99999999999999999999999",
    "\x1b[31m",
    "\x0b",
    "\x07",
    "\x00",
    "x" * 5000,
    "٣" * 2000,
    "'; --",
    "%",
    "../",
    "null",
    "https://contoh.invalid/",
]
VALUES = st.sampled_from(ODD) | st.sampled_from(ODD) | st.text(max_size=40)  # odd values twice as often
QUERIES = st.fixed_dictionaries({}, optional=dict.fromkeys(PARAMETERS, VALUES)).filter(bool)
# Every parameter at once with the values that broke pages before (always run, before the random ones).
EXPLICIT = ["²", "٣", "-1", ""]
URL_NAMES = sorted(name for name, _declared, _route in VIEWS if name not in {"logout"})


READS_GET: dict[str, bool] = {}  # URL name → whether it answers GET at all (asked once)


def test_the_parameters_are_found() -> None:
    # the ones issue 13 named, the filter forms' fields and the common ones
    assert {"berkas", "dengan", "tahun", "page", "q", "province", "size_class", "cohort"} <= set(PARAMETERS)


@pytest.fixture
def people(world: dict[str, Any]) -> list[Client]:
    return [logged_in(world["ayu"]), logged_in(world["dewi"])]


@pytest.mark.django_db
@pytest.mark.parametrize("name", URL_NAMES)
@settings(
    max_examples=2,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=QUERIES)
@example(query=dict.fromkeys(PARAMETERS, EXPLICIT[0]))
@example(query=dict.fromkeys(PARAMETERS, EXPLICIT[1]))
@example(query=dict.fromkeys(PARAMETERS, EXPLICIT[2]))
@example(query=dict.fromkeys(PARAMETERS, EXPLICIT[3]))
def test_odd_query_parameters_are_never_a_server_error(
    world: dict[str, Any], people: list[Client], name: str, query: dict[str, str]
) -> None:
    try:
        url = url_for(name, world)
    except KeyError as missing:
        pytest.skip(f"tests/world.py has no record for {missing} ({name})")
    if name not in READS_GET:
        READS_GET[name] = people[0].get(url).status_code != 405
    if not READS_GET[name]:
        return  # a POST-only view reads no query parameter
    for client in people:
        # the test client raises a view's exception instead of answering 500: both fail here
        response = client.get(url, query)
        assert response.status_code < 500, (name, query, response.status_code)
