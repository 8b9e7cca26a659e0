"""Every POST form of every page, sent back with hostile values: never a server error.

The forms are read from the pages themselves (tests/urlmap.py with region B's real records from
tests/world.py), as Ayu (national admin) and Dewi (region B's coordinator) see them. Each form is sent
with what the page offers (blank text filled in), then with one kind of hostile value at a time in
every field of that kind: 5,000 characters of text, markup and a formula, a choice or hidden value
that is none of the offered ones (``999999``, ``-1``, a bare word: a comment's ``next`` was taken for a
view name, a 500), a date in year 1, and a program renamed to ``../../x.pdf``. Each send runs in a
savepoint rolled back afterwards, so the forms all start from the same records. Bounded: a few sends
per form, so the walk takes two or three minutes and is the same on every machine.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import lxml.html
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse

from conftest import logged_in
from tests.urlmap import VIEWS, url_for

URL_NAMES = sorted(
    name for name, _declared, _route in VIEWS if name != "logout" and not name.startswith("api:")
)
TEXT = {"text", "textarea", "search", "email", "url", "tel"}
OWN = {"csrfmiddlewaretoken", "submission_token", "version"}  # the page layer's own fields
FILLED = {
    "text": "Uji 1",
    "textarea": "Uji 1",
    "number": "1",
    "date": "2026-03-01",
    "email": "uji@example.org",
}
SKIPPED = {"checkbox-off", "radio-off", "submit", "file", "button", "image", "reset"}


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # the input's type, "select", "textarea"; an unchecked box or radio is "<type>-off"
    value: Any  # the offered value; for a select (options, selected)


def forms_on(page: bytes) -> Iterator[tuple[str, list[Field]]]:
    """(action, fields) of every POST form of the page."""
    for form in lxml.html.fromstring(page).iter("form"):
        if (form.get("method") or "get").lower() != "post":
            continue
        fields = []
        for element in form.iter("input", "select", "textarea"):
            name = element.get("name")
            if not name:
                continue
            if element.tag == "select":
                options = [option.get("value", option.text_content()) for option in element.iter("option")]
                chosen = [
                    o.get("value", o.text_content()) for o in element.iter("option") if o.get("selected")
                ]
                fields.append(Field(name, "select", (options, chosen)))
            elif element.tag == "textarea":
                fields.append(Field(name, "textarea", element.text or ""))
            else:
                kind = (element.get("type") or "text").lower()
                if kind in {"checkbox", "radio"} and element.get("checked") is None:
                    kind += "-off"
                fields.append(Field(name, kind, element.get("value", "on")))
        yield form.get("action") or "", fields


def offered(fields: list[Field]) -> dict[str, Any]:
    """What the form sends as the page offers it, blank text filled in so an action is reached."""
    data: dict[str, Any] = {}
    for field in fields:
        if field.kind == "select":
            options, chosen = field.value
            data.setdefault(field.name, chosen[0] if chosen else next((o for o in options if o), ""))
        elif field.kind == "checkbox":
            data.setdefault(field.name, []).append(field.value)
        elif field.kind not in SKIPPED:
            data.setdefault(field.name, field.value or FILLED.get(field.kind, ""))
    if any(field.name == "captcha_1" for field in fields):
        data["captcha_1"] = "PASSED"
    return data


def hostile(fields: list[Field]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(label, data): the offered data, then one kind of hostile value in every field of its kind."""
    base = offered(fields)
    yield "offered", base
    changes: list[tuple[str, Callable[[Field], bool], Any]] = [
        ("long text", lambda f: f.kind in TEXT, "x" * 5000),
        ("markup", lambda f: f.kind in TEXT, '=HYPERLINK("x")<script>alert(1)</script>\u202eع🙂'),
        ("unknown choice", lambda f: f.kind in {"select", "hidden", "radio", "radio-off"}, "999999"),
        ("negative id", lambda f: f.kind in {"select", "hidden"}, "-1"),
        ("bare word", lambda f: f.kind == "hidden", "home"),
        ("year 1", lambda f: f.kind in {"date", "month"}, "0001-01-01"),
        ("huge number", lambda f: f.kind == "number", "99999999999999999999999"),
    ]
    for label, applies, value in changes:
        touched = {f.name: value for f in fields if f.name not in OWN and applies(f)}
        if touched:
            yield label, {**base, **touched}
    uploads = [f.name for f in fields if f.kind == "file"]
    if uploads:
        program = b"MZ\x90\x00" + b"x" * 64
        yield "renamed program", {**base, **{n: SimpleUploadedFile("../../x.pdf", program) for n in uploads}}
        yield "empty file", {**base, **{n: SimpleUploadedFile("kosong.pdf", b"") for n in uploads}}


@pytest.fixture
def people(world: dict[str, Any]) -> list[Client]:
    return [logged_in(world["ayu"]), logged_in(world["dewi"])]


@pytest.mark.django_db
@pytest.mark.parametrize("name", URL_NAMES)
def test_hostile_form_values_are_never_a_server_error(
    world: dict[str, Any], people: list[Client], name: str
) -> None:
    try:
        url = url_for(name, world)
    except KeyError as missing:
        pytest.skip(f"tests/world.py has no record for {missing} ({name})")
    for client in people:
        page = client.get(url)
        if page.status_code != 200 or "html" not in page.get("Content-Type", ""):
            continue
        for action, fields in forms_on(page.content):
            target = action or url
            if target == reverse("logout"):
                continue  # the top bar's logout would sign the person out for the rest of the page
            for label, data in hostile(fields):
                savepoint = transaction.savepoint()
                try:
                    # the test client raises a view's exception instead of answering 500: both fail here
                    response = client.post(target, {**data, "submission_token": secrets.token_hex(16)})
                    assert response.status_code < 500, (name, target, label, response.status_code)
                    assert b"<script>alert(1)" not in response.content, (name, target, label)
                finally:
                    transaction.savepoint_rollback(savepoint)
