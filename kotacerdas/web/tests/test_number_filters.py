"""One number format on every page: the template filters over kotacerdas.core.formatting."""

from decimal import Decimal

from django.template import Context, Template


def render(text: str, **context: object) -> str:
    return Template(text).render(Context(context))


def test_the_filters_are_built_in_and_write_indonesian_numbers() -> None:
    assert render("{{ v|rupiah }}", v=Decimal(1_500_000_000)) == "Rp1.500.000.000"
    assert render("{{ v|rupiah }}", v=0) == "Rp0"
    assert render("{{ v|rupiah }}|{{ v|number }}|{{ v|score }}", v=None) == "–|–|–"
    assert render("{{ v|number }}", v=192322) == "192.322"
    # the same kind of number once read 66.67, 66.6667 and 83,3 on three pages
    assert render("{{ v|score }}", v=Decimal("66.6667")) == "66,67"
    assert render("{{ v|score }}", v=66.666) == "66,67"
    assert render("{{ v|score }}", v=83.3) == "83,30"
    assert render("{{ v|decimal:3 }}", v=0.0951) == "0,095"
    assert render("{{ v|percent }}", v=12.5) == "12,5%"
    assert render("{{ v|decimal_plain }}|{{ w|decimal_plain }}", v="75.5", w=Decimal("40.0000")) == "75,5|40"
    # a computed float (an interpolated rank quantile) is rounded first, its padding zeros still dropped
    assert render("{{ v|decimal_plain:2 }}|{{ w|decimal_plain:2 }}", v=5.950000000000001, w=6.0) == "5,95|6"
    assert render("{{ v|decimal_plain:2 }}|{{ w|decimal_plain:2 }}", v=1234.5, w=None) == "1.234,5|–"


def test_a_file_size_has_a_decimal_comma_in_both_languages() -> None:
    from django.utils import translation

    with translation.override("en"):
        assert render("{{ a|filesize }}|{{ b|filesize }}|{{ c|filesize }}", a=40960, b=10 * 2**20, c=1) == (
            "40,0 KB|10,0 MB|1 byte"
        )
    with translation.override("id"):
        assert render("{{ a|filesize }}|{{ b|filesize }}|{{ c|filesize }}", a=1536, b=None, c=5) == (
            "1,5 KB|–|5 bita"
        )


def test_a_unit_follows_the_number_and_a_per_cent_sign_touches_it() -> None:
    text = "{{ a|number|with_unit:'%' }}|{{ b|number|with_unit:'kunjungan' }}|{{ c|number|with_unit:u }}"
    assert render(text, a=80, b=5000, c=3, u=None) == "80%|5.000 kunjungan|3"
