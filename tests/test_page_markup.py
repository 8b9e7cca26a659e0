"""Every HTML page, walked with region B's records: a plain <title>, and every aria-describedby
names an element that is on the page (a screen reader reads nothing for a missing id)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from conftest import logged_in
from tests.urlmap import VIEWS, url_for

PAGES = sorted(name for name, _declared, _route in VIEWS if not name.startswith("api:"))


def html_pages(client: Client, world: dict[str, Any]) -> dict[str, str]:
    pages = {}
    for name in PAGES:
        try:
            url = url_for(name, world)
        except KeyError:
            continue
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            pages[name] = response.content.decode()
    return pages


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["ayu", "dewi"])
def test_titles_are_text_and_every_described_by_id_exists(world: dict[str, Any], persona: str) -> None:
    pages = html_pages(logged_in(world[persona]), world)
    assert len(pages) > 20
    bad_titles = {}
    missing_ids = {}
    for name, html in pages.items():
        title = re.search(r"<title>(.*?)</title>", html, re.S)
        if title is None or "<" in title.group(1) or len(title.group(1)) > 200:
            bad_titles[name] = title.group(1)[:120] if title else None
        ids = set(re.findall(r'\sid="([^"]+)"', html))
        described = {i for value in re.findall(r'aria-describedby="([^"]*)"', html) for i in value.split()}
        if described - ids:
            missing_ids[name] = sorted(described - ids)
    assert bad_titles == {}
    assert missing_ids == {}


class _Controls(HTMLParser):
    """The form controls of a page and what names them: a label (wrapping, or for= its unique id)."""

    UNNAMED_TYPES = {"hidden", "submit", "button", "reset", "image"}

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str | None]] = []
        self.label_for: list[str] = []
        self.ids: list[str] = []
        self.open_labels = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.append(str(attributes["id"]))
        if tag == "label":
            self.open_labels += 1
            self.label_for.append(attributes.get("for") or "")
        elif tag in ("input", "select", "textarea"):
            if tag == "input" and (attributes.get("type") or "text") in self.UNNAMED_TYPES:
                return
            self.controls.append({**attributes, "tag": tag, "wrapped": "yes" if self.open_labels else None})

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self.open_labels = max(0, self.open_labels - 1)

    def unlabelled(self) -> list[str]:
        found = []
        for control in self.controls:
            own = control.get("id")
            named = control["wrapped"] or control.get("aria-label") or control.get("aria-labelledby")
            if named or (own and own in self.label_for and self.ids.count(own) == 1):
                continue
            found.append(f"{control['tag']}[name={control.get('name')}] id={own}")
        return found


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["ayu", "dewi"])
def test_every_form_control_has_its_own_label(world: dict[str, Any], persona: str) -> None:
    """A screen reader names an input by its label: one that points at no id, or at an id that two
    fields share, names nothing (or names the other field)."""
    unlabelled = {}
    for name, html in html_pages(logged_in(world[persona]), world).items():
        controls = _Controls()
        controls.feed(html)
        if found := controls.unlabelled():
            unlabelled[name] = found
    assert unlabelled == {}


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["planning:quickwin", "programme:institutions"])
def test_two_forms_on_one_page_keep_their_labels_apart(world: dict[str, Any], name: str) -> None:
    """The Quick Win page (profile and risk both have an owner) and the bodies page (one member form
    per body): each label names its own field."""
    controls = _Controls()
    controls.feed(logged_in(world["dewi"]).get(url_for(name, world)).content.decode())
    assert len(controls.controls) > 3
    assert controls.unlabelled() == []


TEMPLATES = Path(__file__).resolve().parent.parent / "kotacerdas"
# A number or a placeholder, then " %" (not a tag's closing "%}"): "12,5 %" where the pages write 12,5%.
SPACED_PERCENT = re.compile(r"(\}\}|\d|%\}) %(?!\})")


def test_a_per_cent_sign_touches_its_number_on_every_page() -> None:
    """kotacerdas.core.formatting.percent writes 12,5%; a template once wrote 25 % beside it."""
    found = [
        f"{path.relative_to(TEMPLATES)}:{number}: {line.strip()[:80]}"
        for path in sorted(TEMPLATES.rglob("templates/**/*.html"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if SPACED_PERCENT.search(line)
    ]
    assert found == []


def test_a_per_cent_sign_touches_its_number_in_every_message() -> None:
    """The same for the catalogues' messages (a form's help text: "up to ±25%", not "±25 %")."""
    import polib

    spaced = re.compile(r"(\d|\)s|\)d) %%?(?![(a-z])")
    found = [
        f"{po_path.relative_to(TEMPLATES)}: {text[:80]}"
        for po_path in sorted(TEMPLATES.rglob("locale/id/LC_MESSAGES/django.po"))
        for entry in polib.pofile(str(po_path))
        for text in (entry.msgid, entry.msgstr)
        if spaced.search(text)
    ]
    assert found == []


def markup_problems(html: str) -> list[str]:
    """What the walks above check, on one page: a plain <title>, every aria-describedby id on the
    page, every control labelled; and the page never reloads itself (a <meta> refresh moves the focus
    to the top and has a screen reader read the whole page again: a job's status refreshes in its own
    live region, kotacerdas/static/kotacerdas/live-status.js, the refresh kept for <noscript> only)."""
    found = []
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    if title is None or "<" in title.group(1) or len(title.group(1)) > 200:
        found.append(f"title {title.group(1)[:120] if title else None}")
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    described = {i for value in re.findall(r'aria-describedby="([^"]*)"', html) for i in value.split()}
    found += [f"aria-describedby={missing} names no element" for missing in sorted(described - ids)]
    controls = _Controls()
    controls.feed(html)
    found += [f"unlabelled {control}" for control in controls.unlabelled()]
    outside_noscript = re.sub(r"<noscript>.*?</noscript>", "", html, flags=re.S)
    if re.search(r"<meta[^>]+http-equiv=\"refresh\"", outside_noscript, re.I):
        found.append("the page reloads itself (meta refresh)")
    return found
