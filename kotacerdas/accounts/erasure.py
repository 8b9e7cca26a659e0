"""A person's data export and erasure (UU PDP 27/2022), over every app's registered source.

Export: a JSON document of what each app keeps about the person (web/personal_data.py sources).
Erasure: the person asks (``do_request_erasure``), a national admin carries it out with a reason
(``do_erase_person``): every source runs in one transaction, then the account itself loses its name,
username and e-mail, becomes "Warga #<id>" and can no longer log in. Rows the region's record needs
(answers, reports, comments, supports) stay, under the pseudonym, so counts do not change.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.accounts.access import forget_roles, is_national_admin
from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.accounts.models import ErasureRequest, User
from kotacerdas.audit.log import record
from kotacerdas.web import personal_data, personal_records

EXPORT_FORMAT = "kotacerdas-personal-data/1"


def may_export(actor: User, person: User) -> bool:
    return actor.pk == person.pk or is_national_admin(actor)


def export_person(actor: User, person: User) -> dict[str, Any]:
    """Everything the apps keep about ``person``, for them (or a national admin acting for them)."""
    if not may_export(actor, person):
        raise ActionNotAllowed(_("Only the person themselves or the national programme admin may export."))
    data = {source.name: source.export(person) for source in personal_data.sources()}
    if actor.pk != person.pk:
        record(actor, "person.export", person, before=None, after={"sources": sorted(data)})
    return {
        "format": EXPORT_FORMAT,
        "person": person.pk,
        "exported_at": timezone.now().isoformat(),
        "sources": data,
    }


def open_request(person: User) -> ErasureRequest | None:
    return person.erasure_requests.filter(handled_at=None).first()


def do_request_erasure(actor: User) -> ErasureRequest:
    """The person asks for their data to be erased; the national admin sees the request."""
    with transaction.atomic():
        existing = ErasureRequest.objects.select_for_update().filter(user=actor, handled_at=None).first()
        if existing is not None:
            return existing
        request = ErasureRequest.objects.create(user=actor, requested_at=timezone.now())
        record(actor, "person.erasure_request", actor, before=None, after={"requested": True})
    return request


def do_erase_person(actor: User, person: User, *, reason: str) -> int:
    """Erase ``person``'s personal data everywhere; returns how many records changed."""
    if not is_national_admin(actor):
        raise ActionNotAllowed(_("Only the national programme admin may erase a person's data."))
    if person.pk == actor.pk:
        raise ValidationError(_("You cannot erase your own account."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the erasure (e.g. the person's request).")})
    if not person.is_active and person.username == _erased_username(person):
        raise ValidationError(_("This person's data has already been erased."))
    pseudonym = personal_data.pseudonym_for(person)
    # the reason often names the person ("Bu Dewi's request"): it is kept under the pseudonym too
    reason = personal_records.replace_terms(reason, personal_records.identifying_terms(person), pseudonym)
    with transaction.atomic():
        changed = sum(source.erase(person, pseudonym) for source in personal_data.sources())
        _forget_identity(person)
        person.erasure_requests.filter(handled_at=None).update(handled_at=timezone.now(), handled_by=actor)
        record(actor, "person.erase", person, before=None, after={"reason": reason, "records": changed})
    forget_roles(person)
    return changed


def _erased_username(person: User) -> str:
    return f"terhapus-{person.pk}"


def _forget_identity(person: User) -> None:
    """The account keeps its id (what points at it stays) but names nobody and cannot log in."""
    person.username = _erased_username(person)
    person.first_name = "Warga"
    person.last_name = f"#{person.pk}"  # str(person) is then the pseudonym, wherever it is shown
    person.email = ""
    person.is_active = False
    person.is_staff = False
    person.is_superuser = False
    person.set_unusable_password()
    person.save()


def export_accounts(person: User) -> dict[str, Any]:
    """The account's own fields, roles, consents and erasure requests."""
    profile = personal_records.row(person)
    for secret in ("password", "last_login"):
        profile.pop(secret, None)
    linked = personal_records.export_linked("accounts", person)
    return {"profile": profile, **linked}


def erase_accounts(person: User, pseudonym: str) -> int:
    """Roles go (an erased account has none); consents stay as the record of what was agreed."""
    from axes.models import AccessAttempt, AccessLog  # login attempts name the account

    removed, _counts = person.memberships.all().delete()
    attempts, _counts = AccessAttempt.objects.filter(username=person.get_username()).delete()
    logs, _counts = AccessLog.objects.filter(username=person.get_username()).delete()
    return removed + attempts + logs


SOURCE = personal_data.PersonalDataSource("accounts", export_accounts, erase_accounts)
