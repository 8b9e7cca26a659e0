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
