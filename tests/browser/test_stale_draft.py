"""A draft kept in Sari's browser meets an answer someone saved since: she is told before she saves,
and nothing is overwritten behind her back (issue: lost update on every edit)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_restored_draft_says_the_answer_changed_since(page, budi, sari, dinkes_a) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.assessment.actions import answering
    from kotacerdas.assessment.models import Answer

    assessment = answering.do_start_assessment(
        budi, dinkes_a.region, instrument_id="readiness-2019", title="Kesiapan 2026", target=80
    )
    answering.do_assign(budi, assessment, code="struktur", opd=dinkes_a)
    code = "struktur.sdm.1"
    answering.do_save_answer(sari, assessment, code, value="no", explanation="belum ada")
    answer_url = f"{page.base_url}/r/{dinkes_a.region.code}/asesmen/{assessment.pk}/jawaban/{code}/"

    log_in(page, "sari")
    page.goto(answer_url)
    page.get_by_label("Penjelasan").fill("draf Sari: SK sedang disusun")  # typed, never saved
    page.wait_for_function("() => Object.keys(localStorage).some(k => k.startsWith('kotacerdas:answer-'))")

    # Meanwhile Budi saves the same answer.
    answer = Answer.objects.get(assessment=assessment, indicator=code)
    answering.do_save_answer(
        budi, assessment, code, value="yes", explanation="SK Wali Kota 12/2026", version=answer.version
    )

    page.goto(answer_url)
    assert page.get_by_label("Penjelasan").input_value() == "draf Sari: SK sedang disusun"
    expect(page.get_by_text("Seseorang menyimpan jawaban ini setelah draf Anda dibuat")).to_be_visible()
    answer.refresh_from_db()  # restoring the draft saved nothing: Budi's answer stands until Sari decides
    assert (answer.value, answer.explanation) == ("yes", "SK Wali Kota 12/2026")
