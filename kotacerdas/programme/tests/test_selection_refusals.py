"""Selection refusals: bad scores and overrides, and everything frozen once the cohort is selected."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.audit.models import AuditEntry
from kotacerdas.programme.actions.selection import (
    do_record_verified_score,
    do_remove_override,
    do_select,
    do_set_override,
)
from kotacerdas.programme.models import Override

pytestmark = pytest.mark.django_db
FROZEN = "Seleksi kohort ini sudah ditetapkan"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("tiga", "Isi skor sebagai angka, misalnya 3,75."),
        ("1000", "Skor harus antara 0 dan 999."),
        ("-1", "Skor harus antara 0 dan 999."),
        ("NaN", "Skor harus antara 0 dan 999."),
    ],
)
def test_a_score_that_is_not_a_number_in_range_is_refused(tono, candidates, raw, message) -> None:
    candidacy = candidates["33.73"]
    with pytest.raises(ValidationError) as error:
        do_record_verified_score(tono, candidacy, raw)
    assert error.value.message_dict == {"score": [message]}


def test_an_override_needs_a_known_decision_and_a_reason(ayu, candidates) -> None:
    with pytest.raises(ValidationError) as error:
        do_set_override(ayu, candidates["33.72"], decision="maybe", reason="Pemerataan")
    assert error.value.message_dict == {"decision": ["Pilih masukkan atau keluarkan."]}
    with pytest.raises(ValidationError, match="Pengecualian memerlukan alasan"):
        do_set_override(ayu, candidates["33.72"], decision="exclude", reason="  ")
    assert not Override.objects.exists()


def test_ayu_removes_an_override_before_the_selection(ayu, candidates) -> None:
    do_set_override(ayu, candidates["33.72"], decision="exclude", reason="Sudah mendapat program serupa")
    do_remove_override(ayu, candidates["33.72"])
    assert not Override.objects.exists()
    assert AuditEntry.objects.get(action="candidacy.override_remove").before["decision"] == "exclude"
    do_remove_override(ayu, candidates["33.72"])  # nothing left to remove: nothing happens
    assert AuditEntry.objects.filter(action="candidacy.override_remove").count() == 1


def test_after_the_selection_scores_and_overrides_are_frozen(ayu, tono, cohort, selected) -> None:
    overrides = list(Override.objects.values_list("candidacy_id", "decision"))
    with pytest.raises(ValidationError, match=FROZEN):
        do_record_verified_score(tono, selected["33.73"], "4")
    with pytest.raises(ValidationError, match=FROZEN):
        do_set_override(ayu, selected["33.73"], decision="exclude", reason="Ralat")
    with pytest.raises(ValidationError, match=FROZEN):
        do_remove_override(ayu, selected["33.72"])
    with pytest.raises(ValidationError, match=FROZEN):
        do_select(ayu, cohort)
    assert list(Override.objects.values_list("candidacy_id", "decision")) == overrides
    assert cohort.rankings.count() == 1


def test_linking_an_assessment_is_refused_for_the_wrong_person_region_instrument_or_time(
    ayu, budi, dewi, cohort, candidates, region_a, region_b
) -> None:
    from kotacerdas.assessment.actions.answering import do_start_assessment
    from kotacerdas.programme.actions.selection import do_link_assessment

    candidacy = candidates["33.73"]
    elsewhere = do_start_assessment(dewi, region_b, instrument_id="readiness-2019", title="Kesiapan B")
    spbe = do_start_assessment(budi, region_a, instrument_id="spbe-2020", title="SPBE 2026")
    with pytest.raises(ActionNotAllowed, match="Hanya tim wilayah, asesornya, atau admin nasional"):
        do_link_assessment(dewi, candidacy, elsewhere.pk)
    with pytest.raises(ValidationError) as error:
        do_link_assessment(ayu, candidacy, elsewhere.pk)
    assert error.value.message_dict == {"assessment": ["Pilih asesmen milik wilayah ini."]}
    with pytest.raises(ValidationError, match="Kohort ini menyeleksi dengan readiness-2019"):
        do_link_assessment(ayu, candidacy, spbe.pk)
    do_select(ayu, cohort)
    with pytest.raises(ValidationError, match="skor dibekukan"):
        do_link_assessment(ayu, candidacy, None)
    candidacy.refresh_from_db()
    assert candidacy.assessment_id is None
    assert not AuditEntry.objects.filter(action="candidacy.link_assessment").exists()
