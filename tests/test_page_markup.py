"""Every HTML page, walked with region B's records: a plain <title>, and every aria-describedby
names an element that is on the page (a screen reader reads nothing for a missing id)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from conftest import logged_in
from tests.urlmap import VIEWS, url_for

PAGES = sorted(name for name, _declared, _route in VIEWS if not name.startswith("api:"))


@pytest.fixture
def world(module_world: dict[str, Any], db: None) -> dict[str, Any]:
    return module_world


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
