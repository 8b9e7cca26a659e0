"""A region member who may look but not change is refused (403) on every write and nothing changes.

The write URLs are found, not listed: every form with ``method="post"`` that region B's coordinator
or the national admin sees on any region-scoped page (sent with the values the form is filled with,
so an edit form arrives valid), every view that answers GET with 405 (POST-only), and every API view
with a POST handler. Each region-scoped URL is one case: a write must answer 403 and leave the
database as it was; any other URL must not change anything either.

Who may look but not change follows docs/reference/roles.md: the region's mentor (assigned to its
candidacy, so every programme page opens) except where a mentor acts (reviewing deliverables and
approving books); there it is the OPD contributor; on a group-AHP expert's own judgements (which
mentors and OPD contributors give) it is the assessor. Commenting is open to every member.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.urls import Resolver404, resolve

from conftest import logged_in
from kotacerdas.web.access_classes import REGION_SCOPED
from tests.urlmap import names_in, url_for

MENTOR_MAY = {"documents:approve", "programme:deliverable_review", "api:programme:deliverable_review"}
# the group-AHP experts are the coordinator, the OPD contributors and the mentor: the assessor only looks
EXPERTS_MAY = {"planning:expert_judgements"}
EVERY_MEMBER_MAY = {"discussion:add_comment"}


def reader_of(name: str) -> str:
    """The world's member of region B who may open this URL's page but not do what it does."""
    if name in EXPERTS_MAY:
        return "assessor"
    return "contributor" if name in MENTOR_MAY else "mentor"


@dataclass
class Form:
    action: str
    data: dict[str, str] = field(default_factory=dict)


class PostForms(HTMLParser):
    """The POST forms of a page with what a browser sends when the form's first button is pressed."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._textarea: str | None = None
        self._pressed = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._form = Form(a.get("action", "")) if a.get("method", "").lower() == "post" else None
            self._pressed = False
        elif self._form is not None:
            self._field(tag, a, self._form.data)

    def _field(self, tag: str, a: dict[str, str], data: dict[str, str]) -> None:
        kind = a.get("type", "submit" if tag == "button" else "text").lower()
        name = a.get("name")
        if tag in ("button", "input") and kind == "submit":
            if name and not self._pressed:
                data[name] = a.get("value", "")
            self._pressed = True
        elif name is None or kind == "file":
            return
        elif tag == "input" and kind in ("checkbox", "radio"):
            if "checked" in a:
                data[name] = a.get("value", "on")
        elif tag == "input":
            data[name] = a.get("value", "")
        elif tag == "textarea":
            self._textarea, data[name] = name, ""
        elif tag == "select":
            self._select = name
        if tag == "option" and self._select and (self._select not in data or "selected" in a):
            data[self._select] = a.get("value", "")

    def handle_data(self, text: str) -> None:
        if self._form is not None and self._textarea:
            self._form.data[self._textarea] += text

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._form is not None and self._textarea:
            # like a browser: the newline right after <textarea> is not part of the value
            value = self._form.data[self._textarea]
            self._form.data[self._textarea] = value.removeprefix("\r\n").removeprefix("\n")
            self._textarea = None


def url_name(url: str) -> str | None:
    try:
        return resolve(urlsplit(url).path).view_name
    except Resolver404:
        return None


def has_post_handler(url: str) -> bool:
    """An API view (a DRF class) that accepts POST."""
    view_class = getattr(resolve(urlsplit(url).path).func, "cls", None)
    return view_class is not None and hasattr(view_class, "post")


@dataclass
class Crawl:
    urls: dict[str, str]  # every region-scoped URL name → its URL with region B's records
    writes: dict[str, Form]  # the write URLs among them → where and what their form posts


def post_forms(page: str, html: str) -> Iterator[tuple[str, Form]]:
    parser = PostForms()
    parser.feed(html)
    for form in parser.forms:
        target = urljoin(page, form.action or page)
        name = url_name(target)
        if name is not None:
            yield name, Form(urlsplit(target).path, form.data)


@pytest.fixture(scope="module")
def crawl(module_world: dict[str, Any]) -> Crawl:
    """Open every region-scoped page as region B's coordinator and as the national admin, once."""
    names = names_in(REGION_SCOPED)
    urls = {name: url_for(name, module_world) for name in names}
    writes: dict[str, Form] = {}
    for person in ("dewi", "ayu"):
        client = logged_in(module_world[person])
        for name, url in urls.items():
            if name.startswith("api:"):
                if has_post_handler(url):
                    writes.setdefault(name, Form(url))
                continue
            response = client.get(url)
            if response.status_code == 405:  # POST-only
                writes.setdefault(name, Form(url))
            if "text/html" in response.get("Content-Type", ""):
                for target, form in post_forms(url, response.content.decode()):
                    if target in urls:
                        writes.setdefault(target, form)
    return Crawl(urls, writes)


def fingerprint() -> dict[str, int]:
    """How many rows each of the project's models has (the audit log included)."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model.__module__.startswith("kotacerdas.")
    }


@pytest.mark.django_db
@pytest.mark.parametrize("name", [n for n in names_in(REGION_SCOPED) if n not in EVERY_MEMBER_MAY])
def test_a_member_who_may_only_look_is_refused_and_nothing_changes(module_world, crawl, name) -> None:
    member = logged_in(module_world[reader_of(name)])
    form = crawl.writes.get(name, Form(crawl.urls[name]))
    before = fingerprint()
    response = member.post(form.action, form.data)
    assert fingerprint() == before
    if name in crawl.writes:
        assert response.status_code == 403
    else:  # no form posts here and GET is allowed: a page that ignores or refuses a POST
        assert response.status_code in (200, 403, 405)


@pytest.mark.django_db
def test_the_crawl_finds_the_writes_of_every_app(crawl) -> None:
    expected = {
        "planning:problems",
        "planning:problem_delete",
        "planning:initiative_edit",
        "assessment:answer",
        "documents:generate",
        "programme:institutions",
        "programme:deliverable_submit",
        "regions:opd_edit",
        "api:programme:deliverable_submit",
    }
    assert expected <= set(crawl.writes)
