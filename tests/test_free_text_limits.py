"""Free-text form fields whose model column is an unbounded TextField take at most NOTE_MAX characters."""

from __future__ import annotations

import pytest

from kotacerdas.monitoring.forms import EvidenceFields, ReviewForm, UnlockForm
from kotacerdas.participation.forms import ConsultationForm
from kotacerdas.portal.forms import EventForm
from kotacerdas.programme.forms import ChecklistEditForm, ChecklistItemForm, SubmitForm
from kotacerdas.web.forms import NOTE_MAX

FIELDS = [
    (EvidenceFields, "narrative"),
    (ReviewForm, "reason"),
    (UnlockForm, "reason"),
    (ConsultationForm, "description"),
    (ChecklistItemForm, "description"),
    (ChecklistEditForm, "description"),
    (SubmitForm, "note"),
    (EventForm, "summary"),
]


@pytest.mark.parametrize(("form_class", "field"), FIELDS)
def test_the_field_takes_the_limit_and_refuses_one_more(form_class, field) -> None:  # type: ignore[no-untyped-def]
    def errors(text: str) -> list[str]:
        form = form_class({field: text})
        form.is_valid()
        return list(form.errors.get(field, []))

    assert errors("x" * NOTE_MAX) == []
    assert errors("x" * (NOTE_MAX + 1)) == [
        f"Pastikan nilai ini mengandung paling banyak {NOTE_MAX} karakter (sekarang {NOTE_MAX + 1} karakter)."
    ]
