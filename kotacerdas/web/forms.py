from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def apply_validation_error(form: forms.Form, error: ValidationError) -> None:
    """Show an action's ValidationError on the form: on its field when the field exists."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class VersionedForm(forms.Form):
    """An edit form that carries the version of the record it started from (a hidden field).

    Mix it in before the form's own base (``class InitiativeForm(VersionedForm, forms.ModelForm)``)
    and give the record's version as initial data (``initial={"version": item.version, ...}``). The
    action receives ``cleaned_data["version"]`` and refuses a save from an older version
    (``kotacerdas.audit.versioning.require_version``). Absent (an old client) it is ``None``, which
    skips the check."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
