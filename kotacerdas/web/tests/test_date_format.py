"""A date a template prints without a format reads like the pages' ``|date:"j M Y"``."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation


@pytest.mark.parametrize(
    ("language", "expected"),
    [("id", "31 Okt 2027 · 5 Des 2027 · 31 Agu 2027"), ("en", "31 Oct 2027 · 5 Dec 2027 · 31 Aug 2027")],
)
def test_a_bare_date_has_the_pages_format(language: str, expected: str) -> None:
    dates = [datetime.date(2027, 10, 31), datetime.date(2027, 12, 5), datetime.date(2027, 8, 31)]
    template = Template("{{ a }} · {{ b }} · {{ c }}")
    with translation.override(language):
        assert template.render(Context(dict(zip("abc", dates, strict=True)))) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2027-08-31", "31 Agu 2027"), ("", ""), (None, ""), ("kemarin", "kemarin")],
)
def test_a_date_kept_as_iso_text_reads_as_the_pages_dates(value: object, expected: str) -> None:
    with translation.override("id"):
        assert Template("{{ v|iso_date }}").render(Context({"v": value})) == expected
