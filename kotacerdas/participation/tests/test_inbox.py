"""Citizens' posts in the coordinator's inbox: held posts to redact, ideas waiting for a decision."""

from __future__ import annotations

import pytest

from kotacerdas.participation.actions.moderation import do_decline_idea, do_redact_comment, do_redact_idea
from kotacerdas.participation.actions.posting import do_comment
from kotacerdas.participation.conftest import post_idea
from kotacerdas.web.inbox import collect_inbox, count_inbox

pytestmark = pytest.mark.django_db


def participation_items(person) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    inbox = collect_inbox(person)
    assert count_inbox(person) == inbox.count  # the navigation's count is the items'
    return sorted((item.kind, item.title) for item in inbox.items if item.source == "participation")


def test_budi_decides_on_ideas_and_redacts_held_posts(budi, sari, dewi, warga, warga2, consultation) -> None:
    first = post_idea(warga, consultation)
    post_idea(warga2, consultation, title="Halte tanpa atap", address_key="addr-2")
    held = post_idea(
        warga2, consultation, title="Hubungi saya", text="Telepon 0812-3456-7890.", address_key="a3"
    )
    comment = do_comment(warga, first, text="Nomor saya 0812 3456 7891")
    assert participation_items(budi) == [
        ("review", "Putuskan 2 ide warga di “Masalah kota untuk masterplan”"),
        ("review", "Samarkan nomor pribadi dalam ide “Hubungi saya”"),
        ("review", "Samarkan nomor pribadi dalam komentar pada “Lampu jalan mati di Sidorejo”"),
    ]
    assert participation_items(sari) == participation_items(dewi) == []  # not the coordinator here
    do_redact_idea(budi, held, title="Hubungi saya", text="Telepon [disamarkan].")
    do_redact_comment(budi, comment, text="Nomor saya [disamarkan]")
    do_decline_idea(budi, first, reason="Sudah ditangani Dinas PU.")
    assert participation_items(budi) == [
        ("review", "Putuskan 2 ide warga di “Masalah kota untuk masterplan”")
    ]
