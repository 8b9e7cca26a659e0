"""Setting up consultations and posting refused with a specific message; nothing is saved."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kotacerdas.participation.actions.moderation import do_hide
from kotacerdas.participation.actions.posting import do_comment, do_support
from kotacerdas.participation.actions.setup import do_add_phase, do_close_phase, do_create_consultation
from kotacerdas.participation.conftest import post_idea
from kotacerdas.participation.models import Comment, Consultation, Idea, Phase, Support

pytestmark = pytest.mark.django_db


def test_a_consultation_needs_a_title_and_a_phase_runs_forward(budi, region_a, consultation) -> None:
    with pytest.raises(ValidationError) as error:
        do_create_consultation(budi, region_a, title="  ")
    assert error.value.message_dict == {"title": ["Tuliskan judul."]}
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        do_add_phase(budi, consultation, name="Bimtek II", starts_on=today, ends_on=today - timedelta(days=1))
    assert error.value.message_dict == {
        "ends_on": ["Tahap harus berakhir pada atau setelah tanggal mulainya."]
    }
    assert Consultation.objects.count() == 1 and Phase.objects.count() == 1


def test_a_phase_is_closed_once(budi, consultation) -> None:
    phase = consultation.phases.get()
    do_close_phase(budi, phase)
    with pytest.raises(ValidationError) as error:
        do_close_phase(budi, phase)
    assert error.value.messages == ["Tahap ini sudah ditutup."]
    assert Phase.objects.get().closed


def test_an_ended_phase_is_not_closed_and_every_table_says_which_phase_runs(budi, consultation) -> None:
    from django.test import Client
    from django.urls import reverse

    from conftest import logged_in

    today = timezone.localdate()
    running = consultation.phases.get()
    ended = do_add_phase(
        budi,
        consultation,
        name="Bimtek I",
        starts_on=today - timedelta(days=60),
        ends_on=today - timedelta(days=30),
    )
    upcoming = do_add_phase(
        budi,
        consultation,
        name="Revisi",
        starts_on=today + timedelta(days=31),
        ends_on=today + timedelta(days=60),
    )
    with pytest.raises(ValidationError) as error:
        do_close_phase(budi, ended)
    assert error.value.messages == ["Tahap ini sudah berakhir."] and not Phase.objects.get(pk=ended.pk).closed
    public = Client().get(consultation.get_absolute_url()).content.decode()
    manage = (
        logged_in(budi)
        .get(reverse("participation:manage_consultation", args=[consultation.region.code, consultation.pk]))
        .content.decode()
    )
    for page in (public, manage):
        assert f'data-testid="phase-state-{running.pk}">sedang berjalan<' in page
        assert f'data-testid="phase-state-{ended.pk}">berakhir<' in page
        assert f'data-testid="phase-state-{upcoming.pk}">akan datang<' in page
    close = lambda phase: reverse("participation:phase_close", args=[consultation.region.code, phase.pk])  # noqa: E731
    assert f'action="{close(running)}"' in manage and f'action="{close(upcoming)}"' in manage
    assert f'action="{close(ended)}"' not in manage  # nothing to close


@pytest.mark.parametrize(
    ("extra", "errors"),
    [
        ({"kind": "rumor"}, {"kind": ["Pilih masalah atau ide."]}),
        ({"element": "cuaca.cerah"}, {"element": ["Pilih salah satu elemen smart city."]}),
        ({"kecamatan": "x" * 81}, {"kecamatan": ["Tulis paling banyak 80 karakter."]}),
    ],
)
def test_an_idea_needs_a_known_kind_and_element_and_a_short_kecamatan(
    warga, consultation, extra, errors
) -> None:
    with pytest.raises(ValidationError) as error:
        post_idea(warga, consultation, **extra)
    assert error.value.message_dict == errors
    assert not Idea.objects.exists()


def test_a_hidden_idea_takes_no_support_and_no_comment(budi, warga2, idea) -> None:
    do_hide(budi, idea, reason="Spam")
    with pytest.raises(ValidationError) as error:
        do_support(warga2, idea)
    assert error.value.messages == ["Ide ini tidak dapat didukung."]
    with pytest.raises(ValidationError) as error:
        do_comment(warga2, idea, text="Setuju sekali")
    assert error.value.messages == ["Ide ini tidak dapat dikomentari."]
    assert not Support.objects.exists() and not Comment.objects.exists()


def test_a_comment_longer_than_allowed_is_refused(warga2, idea) -> None:
    from kotacerdas.participation.models import COMMENT_MAX

    with pytest.raises(ValidationError) as error:
        do_comment(warga2, idea, text="x" * (COMMENT_MAX + 1))
    assert error.value.message_dict == {"text": [f"Tulis paling banyak {COMMENT_MAX} karakter."]}
    assert not Comment.objects.exists()
