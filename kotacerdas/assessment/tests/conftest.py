"""Assessment fixtures, built through the real actions."""

from __future__ import annotations

import pytest

from kotacerdas.assessment.actions import answering, reviewing

READINESS = "readiness-2019"
STRUKTUR = [
    "struktur.sdm.1",
    "struktur.sdm.2",
    "struktur.anggaran.1",
    "struktur.anggaran.2",
    "struktur.tata_kelola.1",
    "struktur.tata_kelola.2",
]
OTHERS = [
    "infrastruktur.fisik.1",
    "infrastruktur.digital.1",
    "infrastruktur.digital.2",
    "infrastruktur.sosial.1",
    "suprastruktur.regulasi.1",
    "suprastruktur.regulasi.2",
    "suprastruktur.kelembagaan.1",
    "suprastruktur.prosedur.1",
]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def assessment(budi, region_a, dinkes_a, sari):

    started = answering.do_start_assessment(
        budi, region_a, instrument_id=READINESS, title="Kesiapan 2026", target=80
    )
    answering.do_assign(budi, started, code="struktur", opd=dinkes_a)
    return started


def answer_all(budi, sari, assessment, value="yes"):

    for code in STRUKTUR:
        answering.do_save_answer(sari, assessment, code, value=value, explanation="ada SK")
    for code in OTHERS:
        answering.do_save_answer(budi, assessment, code, value=value, explanation="")


@pytest.fixture
def in_review(assessment, ayu, budi, sari, tono):

    answer_all(budi, sari, assessment)
    reviewing.do_submit(budi, assessment)
    answering.do_assign_assessor(ayu, assessment, tono)
    reviewing.do_start_review(tono, assessment)
    assessment.refresh_from_db()
    return assessment


@pytest.fixture
def verified(in_review, tono):

    for answer in in_review.answers.all():
        reviewing.do_review_answer(tono, answer, decision="accept")
    reviewing.do_finish_review(tono, in_review)
    in_review.refresh_from_db()
    return in_review
