"""One decimal field for every form: it reads what a person in Indonesia types and writes back what the
pages print, so a value shown on a page can be typed into a form as it is."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django import forms

from kotacerdas.web.forms import NumberField


class WeightForm(forms.Form):
    weight = NumberField(min_value=0, max_value=1, decimal_places=3, required=False)


@pytest.mark.parametrize(
    ("typed", "read"),
    [("0,25", Decimal("0.25")), ("0.25", Decimal("0.25")), (" 1 ", Decimal("1")), ("", None)],
)
def test_it_reads_the_decimal_comma_and_a_machines_point(typed: str, read: Decimal | None) -> None:
    form = WeightForm({"weight": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["weight"] == read


def _codes(typed: str) -> list[str | None]:
    return [error.code for error in WeightForm({"weight": typed}).errors.as_data()["weight"]]


def test_its_limits_are_decimal_fields_own_and_text_is_refused_with_the_format() -> None:
    assert _codes("1.500") == ["max_value"]  # fifteen hundred: the full stop groups thousands
    assert _codes("0,1234") == ["max_decimal_places"]
    assert _codes("1,500.5") == ["invalid"]  # English grouping is not guessed
    assert WeightForm({"weight": "1,500.5"}).errors["weight"] == ["Tulis angka, misalnya 12,5 atau 1.500."]


def test_it_is_written_back_as_the_pages_print_it_in_a_text_input() -> None:
    html = str(WeightForm(initial={"weight": Decimal("0.250")})["weight"])
    assert 'type="text"' in html and 'inputmode="decimal"' in html and 'value="0,25"' in html
    assert 'value="abc"' in str(WeightForm({"weight": "abc"})["weight"])  # the typing, with its error


def test_a_stored_number_is_shown_so_that_it_reads_back_the_same() -> None:
    """1.125 stored (one and an eighth) was shown as "1.125", which the field reads as 1125."""
    from decimal import Decimal

    from kotacerdas.web.forms import NumberField, NumberInput

    for stored in (Decimal("1.125"), Decimal("4350.0000"), Decimal("0.0625"), 7):
        shown = NumberInput().format_value(stored)
        assert NumberField(max_digits=18, decimal_places=4).clean(shown) == Decimal(stored)
    assert NumberInput().format_value(Decimal("1.125")) == "1,125"
