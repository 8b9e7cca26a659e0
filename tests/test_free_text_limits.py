"""Free-text form fields whose model column is an unbounded TextField take at most NOTE_MAX characters."""

from __future__ import annotations

import pytest

from kotacerdas.monitoring.forms import EvidenceFields, ReviewForm, UnlockForm
from kotacerdas.participation.forms import ConsultationForm
from kotacerdas.planning.analysis.forms import ProblemForm, ProfileForm, StatementForm, SwotForm
from kotacerdas.planning.initiatives.forms import InitiativeForm
from kotacerdas.planning.quickwins.forms import QuickWinForm, RiskForm
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
# the planning ModelForms (Meta.formfield_callback = limited_text): every TextField the form edits
PLANNING_FIELDS = [
    (ProfileForm, "head_vision"),
    (ProfileForm, "head_missions"),
    (ProfileForm, "vision"),
    (ProfileForm, "missions"),
    (ProblemForm, "description"),
    (ProblemForm, "evidence"),
    (ProblemForm, "root_causes"),
    (SwotForm, "text"),
    (StatementForm, "text"),
    (InitiativeForm, "description"),
    (InitiativeForm, "rpjmd_targets"),
    (InitiativeForm, "risks"),
    (QuickWinForm, "steps"),
    (QuickWinForm, "targets"),
    (RiskForm, "description"),
    (RiskForm, "mitigation"),
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


@pytest.mark.parametrize(("form_class", "field"), PLANNING_FIELDS)
def test_the_planning_field_takes_the_limit_and_refuses_one_more(form_class, field) -> None:  # type: ignore[no-untyped-def]
    from django.core.exceptions import ValidationError

    form_field = form_class.base_fields[field]
    assert form_field.widget_attrs(form_field.widget)["maxlength"] == str(NOTE_MAX)
    assert form_field.clean("x" * NOTE_MAX) == "x" * NOTE_MAX
    with pytest.raises(ValidationError) as refused:
        form_field.clean("x" * (NOTE_MAX + 1))
    assert refused.value.messages == [
        f"Pastikan nilai ini mengandung paling banyak {NOTE_MAX} karakter (sekarang {NOTE_MAX + 1} karakter)."
    ]
