"""The assessment's part of each person's inbox: assigned indicators, returned answers, reviews."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from conftest import logged_in, make_person
from kotacerdas.assessment.actions import answering, reviewing
from kotacerdas.assessment.instruments import get_instrument, indicators_under

pytestmark = pytest.mark.django_db

SPBE = "spbe-2020"
D1 = indicators_under(get_instrument(SPBE), "D1")  # ten indicators
D2 = indicators_under(get_instrument(SPBE), "D2")


def spbe(budi, region, opd, answerer, *, answered: int = 6, deadline=datetime.date(2026, 12, 31)):
    """An SPBE assessment, domain D1 assigned to ``opd``, its first ``answered`` indicators answered."""
    assessment = answering.do_start_assessment(
        budi, region, instrument_id=SPBE, title="Indeks SPBE 2026", deadline=deadline, target=Decimal(3)
    )
    answering.do_assign(budi, assessment, code="D1", opd=opd)
    for indicator in D1[:answered]:
        answering.do_save_answer(answerer, assessment, indicator, value="3", explanation="Ada SK.")
    return assessment


@pytest.fixture
def bappeda_a(ayu, region_a):
    from kotacerdas.regions.actions import do_create_opd

    return do_create_opd(ayu, region_a, name="Bappeda", short_name="Bappeda")


def home(user) -> str:
    return logged_in(user).get("/").content.decode()


def test_sari_sees_the_four_unanswered_indicators_of_her_opd_only(
    ayu, budi, sari, dewi, region_a, region_b, dinkes_a, dinkes_b, bappeda_a
) -> None:
    assessment = spbe(budi, region_a, dinkes_a, sari)
    answering.do_assign(budi, assessment, code="D2", opd=bappeda_a)  # another OPD's ten indicators
    elsewhere = spbe(dewi, region_b, dinkes_b, dewi, answered=0)  # Sleman's Dinkes, same name
    body = home(sari)
    assert body.count("Jawab “") == 4
    name = get_instrument(SPBE).node(D1[6]).name.id
    assert f"Jawab “{name}” · Indeks SPBE 2026" in body
    assert reverse("assessment:answer", args=["33.73", assessment.pk, D1[6]]) in body
    assert reverse("assessment:answer", args=["33.73", assessment.pk, D1[0]]) not in body  # answered
    assert reverse("assessment:answer", args=["33.73", assessment.pk, D2[0]]) not in body  # Bappeda's
    assert f"/r/34.04/asesmen/{elsewhere.pk}/" not in body
    assert "31 Des 2026" in body and "Kota Salatiga" in body


def test_a_returned_answer_appears_for_its_author(in_review, budi, sari, tono) -> None:
    answer = in_review.answers.get(indicator="struktur.sdm.1")
    reviewing.do_review_answer(tono, answer, decision="return", reason="Lampirkan SK yang berlaku.")
    for other in in_review.answers.exclude(pk=answer.pk):
        reviewing.do_review_answer(tono, other, decision="accept")
    reviewing.do_finish_review(tono, in_review)
    body = home(sari)
    assert "Dikembalikan kepada saya" in body
    assert "Perbaiki jawaban Anda atas “" in body and "Lampirkan SK yang berlaku." in body
    assert reverse("assessment:answer", args=["33.73", in_review.pk, "struktur.sdm.1"]) in body
    budi_home = home(budi)
    assert "Asesmen “Kesiapan 2026” dikembalikan untuk perbaikan" in budi_home
    assert "Perbaiki jawaban Anda atas “" not in budi_home  # Sari wrote it, for her OPD


def test_the_assigned_assessor_is_asked_to_verify(in_review, tono, ayu, region_b) -> None:
    body = home(tono)
    assert "Verifikasi asesmen “Kesiapan 2026”" in body
    assert reverse("assessment:queue", args=["33.73", in_review.pk]) in body
    other = make_person(ayu, "wulan", "assessor", region_b)
    assert "Verifikasi asesmen" not in home(other)


def test_the_coordinator_is_asked_to_submit_a_draft(budi, sari, region_a, dinkes_a) -> None:
    spbe(budi, region_a, dinkes_a, sari, deadline=datetime.date(2026, 6, 30))
    body = logged_in(budi).get(reverse("inbox")).content.decode()
    assert "Lengkapi dan ajukan asesmen “Indeks SPBE 2026”" in body
    assert "Terlambat" in body and "tenggat 30 Jun 2026" in body
