"""The participation card on the region page counts consultations, published ideas and, for its
moderators only, the ideas held for redaction — and follows a new idea at once (the card is kept)."""

from __future__ import annotations

import re

from kotacerdas.participation.conftest import post_idea


def card(client) -> dict[str, str]:  # type: ignore[no-untyped-def]
    html = client.get("/r/33.73/").content.decode()
    section = html[html.index('id="section-participation"') :]
    section = section[: section.index("</section>")]
    return dict(re.findall(r"<dt>([^<]+)</dt><dd[^>]*>(\d+)</dd>", section))


def test_the_card_counts_and_shows_held_ideas_to_moderators_only(
    as_budi, as_sari, warga, idea, consultation
) -> None:
    post_idea(warga, consultation, title="Satu lagi", text="Lampu mati. HP saya 081234567890.")  # held
    assert list(card(as_budi).values()) == ["1", "1", "1"]
    assert list(card(as_sari).values()) == ["1", "1"]  # no held count for a reader
    post_idea(warga, consultation, title="Taman kota")
    assert list(card(as_budi).values()) == ["1", "2", "1"]
