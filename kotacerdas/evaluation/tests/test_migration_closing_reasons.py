"""Migration evaluation 0008 turns the closing reasons publication stored as Indonesian sentences into
their facts (cycle, year, day of publication), in the transition and its audit entry, and back; a
reason a person typed is left as it is both ways."""

from __future__ import annotations

import pytest

from tests.migrations import latest, migrate

BEFORE = [("evaluation", "0007_letter_pdf_job"), ("assessment", "0004_closed_state")]
AFTER = [("evaluation", "0008_closing_reasons_as_facts")]
GENERATED = "Ditutup karena siklus evaluasi 2027 diterbitkan pada 5 Desember 2027."
TYPED = "Ditutup atas permintaan wilayah."
# stored in English when the Indonesian catalogue lacked the message: the same facts, back in Indonesian
ENGLISH = "Closed because the evaluation cycle 2027 was published on 5 December 2027."
# a year whose cycle is gone: the facts keep the year and the day, with no cycle
ORPHAN = "Ditutup karena siklus evaluasi 2024 diterbitkan pada 2 Desember 2024."


@pytest.mark.django_db(transaction=True)
def test_generated_reasons_become_facts_and_back_and_typed_ones_stay() -> None:
    newest = latest()
    old = migrate(BEFORE)
    region = old.get_model("regions", "Region").objects.get(code="33.73")
    ayu = old.get_model("accounts", "User").objects.create(username="ayu-migrasi")
    cycle = old.get_model("evaluation", "Cycle").objects.create(
        year=2027,
        instrument="monev-2022",
        instrument_version="2022",
        instrument_hash="x",
        size_scheme={},
        self_assessment_until="2027-08-31",
        verification_until="2027-10-31",
        publication_on="2027-12-05",
        created_by=ayu,
    )
    Assessment = old.get_model("assessment", "Assessment")
    Transition = old.get_model("assessment", "Transition")
    AuditEntry = old.get_model("audit", "AuditEntry")

    def closed(title: str, reason: str):  # type: ignore[no-untyped-def]
        assessment = Assessment.objects.create(region=region, title=title, state="closed", created_by=ayu)
        step = Transition.objects.create(
            assessment=assessment,
            from_state="draft",
            to_state="closed",
            action="close",
            actor=ayu,
            reason=reason,
        )
        entry = AuditEntry.objects.create(
            actor=ayu,
            actor_name="Ayu",
            action="assessment.close",
            object_type="assessment.assessment",
            object_id=str(assessment.pk),
            object_repr=title,
            region=region,
            before={"state": "draft"},
            after={"state": "closed", "reason": reason},
        )
        return step, entry

    published = closed("Evaluasi smart city 2027 (swanilai)", GENERATED)
    typed = closed("Kesiapan 2027", TYPED)
    english = closed("Evaluasi smart city 2027 (swanilai, salinan)", ENGLISH)
    orphan = closed("Evaluasi smart city 2024 (swanilai)", ORPHAN)

    new = migrate(AFTER)
    NewTransition = new.get_model("assessment", "Transition")
    NewEntry = new.get_model("audit", "AuditEntry")
    facts = {"code": "cycle_published", "cycle": cycle.pk, "year": 2027, "published_on": "2027-12-05"}
    step = NewTransition.objects.get(pk=published[0].pk)
    # who and when stay; the why becomes facts
    assert (step.reason, step.reason_facts) == ("", facts)
    assert (step.actor_id, step.created_at) == (ayu.pk, published[0].created_at)
    entry = NewEntry.objects.get(pk=published[1].pk)
    assert (entry.actor_id, entry.created_at, entry.after) == (
        ayu.pk,
        published[1].created_at,
        {"state": "closed", "reason": facts},
    )
    step = NewTransition.objects.get(pk=typed[0].pk)
    assert (step.reason, step.reason_facts) == (TYPED, None)
    assert NewTransition.objects.get(pk=english[0].pk).reason_facts == facts
    assert NewEntry.objects.get(pk=english[1].pk).after["reason"] == facts
    orphan_facts = {"code": "cycle_published", "cycle": None, "year": 2024, "published_on": "2024-12-02"}
    assert NewTransition.objects.get(pk=orphan[0].pk).reason_facts == orphan_facts
    assert NewEntry.objects.get(pk=typed[1].pk).after == {"state": "closed", "reason": TYPED}

    migrate(BEFORE)
    assert Transition.objects.get(pk=published[0].pk).reason == GENERATED
    assert AuditEntry.objects.get(pk=published[1].pk).after == {"state": "closed", "reason": GENERATED}
    assert Transition.objects.get(pk=typed[0].pk).reason == TYPED
    assert AuditEntry.objects.get(pk=typed[1].pk).after == {"state": "closed", "reason": TYPED}
    assert Transition.objects.get(pk=english[0].pk).reason == GENERATED
    assert Transition.objects.get(pk=orphan[0].pk).reason == ORPHAN
    migrate(newest)
