"""Every HTML page carries the Content-Security-Policy; the browser journeys check that the pages work
under it (tests/browser/conftest.py fails a journey on any CSP refusal)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _policy(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    header = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in header.split(";") if part.strip()}


def test_pages_forbid_inline_and_foreign_scripts(as_budi) -> None:
    policy = _policy(as_budi.get("/"))
    assert policy["script-src"] == "script-src 'self'"
    assert policy["object-src"] == "object-src 'none'"
    assert policy["frame-ancestors"] == "frame-ancestors 'none'"


def test_the_landing_and_login_pages_carry_it_for_anonymous_visitors(db) -> None:
    assert "script-src 'self'" in Client().get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in Client().get("/masuk/").headers["Content-Security-Policy"]


def test_the_browsable_api_docs_are_the_one_exception(db) -> None:
    assert "Content-Security-Policy" not in Client().get("/api/v1/docs").headers
