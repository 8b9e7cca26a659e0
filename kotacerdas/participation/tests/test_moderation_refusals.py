"""Moderation refused with a specific message (nothing changes), and what a person may not see is a 404."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.http import Http404

from kotacerdas.participation import access
from kotacerdas.participation.actions.moderation import (
    do_decline_idea,
    do_hide,
    do_link_initiative,
    do_promote_idea,
    do_redact_comment,
    do_redact_idea,
)
from kotacerdas.participation.actions.posting import do_comment
from kotacerdas.participation.models import Idea
from kotacerdas.planning.analysis.actions import do_save_profile
from kotacerdas.planning.conftest import add_initiative

pytestmark = pytest.mark.django_db
NUMBERS_LEFT = {"text": ["Teks masih memuat NIK atau nomor telepon."]}


def state_of(idea: Idea) -> tuple[str, str, str]:
    idea.refresh_from_db()
    return (idea.state, idea.outcome, idea.text)


def test_hiding_and_declining_need_a_reason(budi, idea) -> None:
    before = state_of(idea)
    with pytest.raises(ValidationError) as error:
        do_hide(budi, idea, reason="  ")
    assert error.value.message_dict == {"reason": ["Tuliskan alasannya; penulis dan log audit melihatnya."]}
    with pytest.raises(ValidationError) as error:
        do_decline_idea(budi, idea, reason="")
    assert error.value.message_dict == {"reason": ["Tuliskan alasannya; warga melihatnya di halaman ide."]}
    assert state_of(idea) == before


def test_a_redaction_that_keeps_a_number_is_refused(budi, idea, warga2) -> None:
    before = state_of(idea)
    with pytest.raises(ValidationError) as error:
        do_redact_idea(
            budi, idea, title="Lampu jalan mati", text="Hubungi 0812-3456-7890 soal lampu jalan ini."
        )
    assert error.value.message_dict == NUMBERS_LEFT
    comment = do_comment(warga2, idea, text="Setuju, segera diperbaiki")
    with pytest.raises(ValidationError) as error:
        do_redact_comment(budi, comment, text="Telepon saya 0812-3456-7890")
    assert error.value.message_dict == NUMBERS_LEFT
    comment.refresh_from_db()
    assert comment.text == "Setuju, segera diperbaiki"
    assert state_of(idea) == before


def test_an_idea_is_decided_once_and_only_while_published(budi, idea, warga, consultation) -> None:
    do_decline_idea(budi, idea, reason="Sudah ditangani PLN")
    with pytest.raises(ValidationError) as error:
        do_promote_idea(budi, idea, code="M-09", title="Lampu jalan")
    assert error.value.messages == ["Keputusan atas ide ini sudah dibuat."]
    other = Idea.objects.get(pk=idea.pk)
    assert other.outcome == Idea.Outcome.NOT_TAKEN and other.problem is None
    do_hide(budi, idea, reason="Spam")
    with pytest.raises(ValidationError) as error:
        do_decline_idea(budi, idea, reason="Tidak relevan")
    assert error.value.messages == ["Hanya ide yang sudah tayang yang dapat diangkat atau tidak diambil."]


def test_an_initiative_is_linked_to_a_promoted_idea_of_its_own_region(
    budi, dewi, idea, region_a, region_b, dinkes_a, dinkes_b
) -> None:
    do_save_profile(budi, region_a, period_start=2026, period_end=2030, vision="Salatiga cerdas")
    do_save_profile(dewi, region_b, period_start=2026, period_end=2030, vision="Sleman cerdas")
    ours = add_initiative(budi, region_a, "PL-01", dinkes_a, budget={(2026, "APBD"): Decimal(1)})
    theirs = add_initiative(dewi, region_b, "PL-01", dinkes_b, budget={(2026, "APBD"): Decimal(1)})
    with pytest.raises(ValidationError) as error:
        do_link_initiative(budi, idea, ours)
    assert error.value.message_dict == {"initiative": ["Angkat ide ini menjadi masalah terlebih dahulu."]}
    problem = do_promote_idea(budi, idea, code="M-09", title="Lampu jalan")
    with pytest.raises(ValidationError) as error:
        do_link_initiative(budi, idea, theirs)
    assert error.value.message_dict == {"initiative": ["Pilih inisiatif wilayah ini."]}
    assert not theirs.problems.exists()
    do_link_initiative(budi, idea, ours)
    assert list(ours.problems.all()) == [problem]


def test_a_hidden_idea_is_a_404_for_others_and_out_of_region_records_too(
    budi, warga, warga2, idea, consultation, region_b
) -> None:
    comment = do_comment(warga2, idea, text="Setuju, segera diperbaiki")
    do_hide(budi, idea, reason="Spam")
    assert access.get_idea(warga, idea.pk) == idea  # its author
    assert access.get_idea(budi, idea.pk) == idea  # its moderator
    with pytest.raises(Http404):
        access.get_idea(warga2, idea.pk)
    with pytest.raises(Http404):
        access.get_idea(budi, idea.pk + 1000)
    with pytest.raises(Http404):
        access.get_consultation(consultation.pk + 1000)
    assert list(access.visible_comments(AnonymousUser(), idea)) == [comment]
    with pytest.raises(Http404):
        access.get_consultation_in_region(region_b, consultation.pk)
    with pytest.raises(Http404):
        access.get_idea_in_region(region_b, idea.pk)
    with pytest.raises(Http404):
        access.get_comment_in_region(region_b, comment.pk)
    assert not access.is_verified_citizen(AnonymousUser())
