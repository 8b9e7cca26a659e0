"""An action's refusal of the person (ActionNotAllowed, a PermissionDenied) is said on the form that was
sent, with 403, and what they typed stays on it: no page drops someone's typing because the state changed
under them. (The kernel imports no feature app, so the refusal here is Django's PermissionDenied.)"""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from kotacerdas.web.models import SubmittedForm
from kotacerdas.web.pages import form_status, refused, save_form
from kotacerdas.web.submissions import new_token

pytestmark = pytest.mark.django_db


class NoteForm(forms.Form):
    note = forms.CharField()


def _post(user, data):
    request = RequestFactory().post("/r/33.73/catatan/", data)
    request.user = user
    request.session = {}  # type: ignore[assignment]
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    return request


def test_a_refusal_inside_the_action_is_shown_on_the_form_with_403_and_the_typing_kept(budi) -> None:
    request = _post(budi, {"note": "Catatan panjang yang diketik Budi", "submission_token": new_token()})
    form = NoteForm(request.POST)

    def locked(_data):
        raise PermissionDenied("Periode ini sudah dikunci oleh admin nasional.")

    assert save_form(request, form, locked, "Tersimpan.") is None
    assert form.non_field_errors() == ["Periode ini sudah dikunci oleh admin nasional."]
    assert refused(form) and form_status(form) == 403
    assert form["note"].value() == "Catatan panjang yang diketik Budi"
    assert not SubmittedForm.objects.exists()  # the token is given back: a corrected resend may run


def test_other_errors_stay_a_400_and_a_clean_form_a_200(budi) -> None:
    request = _post(budi, {"note": ""})
    form = NoteForm(request.POST)
    assert save_form(request, form, lambda _data: None, "Tersimpan.") is None
    assert not refused(form) and form_status(form) == 400
    assert form_status(NoteForm()) == 200 and not refused(NoteForm())
