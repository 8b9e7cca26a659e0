"""Rina sees the region's citizen input on the deliverable she reviews (a panel contributed through
the kernel's review-panel registry: programme sits below participation)."""

from __future__ import annotations

from conftest import logged_in
from kotacerdas.participation.conftest import post_idea
from kotacerdas.programme.tests.conftest import (  # noqa: F401  (fixtures)
    _media,
    candidates,
    cohort,
    deliverable_of,
    kota_x,
    selected,
)
from kotacerdas.programme.tests.test_deliverables import hand_in, url


def test_rina_sees_citizen_input_while_reviewing(
    selected,  # noqa: F811  (the programme fixture imported above)
    as_budi,
    rina,
    warga,
    warga2,
    consultation,
) -> None:
    from kotacerdas.participation.actions.moderation import do_hide
    from kotacerdas.participation.actions.posting import do_support

    shown = post_idea(warga, consultation, title="Lampu jalan mati di Sidorejo")
    do_support(warga2, shown)
    hidden = post_idea(
        warga2,
        consultation,
        title="Iklan toko bangunan murah",
        text="Beli semen murah di toko kami, hubungi kami segera.",
    )
    do_hide(consultation.created_by, hidden, reason="Iklan")
    d = deliverable_of(selected["33.73"], "swot")
    hand_in(as_budi, d)
    page = logged_in(rina).get(url("deliverable", d)).content.decode()
    assert 'id="citizen-input"' in page
    assert "Lampu jalan mati di Sidorejo</a> · Masalah · 1 dukungan" in page
    assert "Iklan toko bangunan" not in page
    other = deliverable_of(selected["34.04"], "swot")  # Sleman has no citizen input: no panel
    assert 'id="citizen-input"' not in logged_in(rina).get(url("deliverable", other)).content.decode()
