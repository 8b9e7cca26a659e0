"""Every date form's field (kotacerdas.web.forms.DateField): a calendar date between 1900 and 2100."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django import forms

from kotacerdas.web.forms import DateField


class Form(forms.Form):
    on = DateField()
    maybe = DateField(required=False)


@pytest.mark.parametrize("typed", ["1900-01-01", "2026-02-28", "2100-12-31"])
def test_a_date_of_the_programme_is_taken(typed: str) -> None:
    form = Form({"on": typed})
    assert form.is_valid() and form.cleaned_data["on"] == date.fromisoformat(typed)


@pytest.mark.parametrize("typed", ["0001-01-01", "1899-12-31", "2101-01-01", "9999-12-31"])
def test_a_year_out_of_range_is_refused(typed: str) -> None:
    form = Form({"on": typed, "maybe": typed})
    assert not form.is_valid()
    assert set(form.errors) == {"on", "maybe"}


def test_the_picker_offers_the_same_range() -> None:
    html = str(Form()["on"])
    assert 'type="date"' in html and 'min="1900-01-01"' in html and 'max="2100-12-31"' in html


def test_every_date_form_uses_it() -> None:
    package = Path(__file__).resolve().parents[2]
    sources = [path for path in package.rglob("*.py") if "tests" not in path.parts]
    plain = [str(path.relative_to(package)) for path in sources if "forms.DateField(" in path.read_text()]
    assert plain == []
