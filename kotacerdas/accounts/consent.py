"""Consent per purpose (UU PDP 27/2022): given, looked up, withdrawn — each step in the audit log.

Another app that acts on a consent (the daily e-mail, a consultation) asks ``has_consent`` before it
processes the person's data for that purpose, and may register what to stop when it is withdrawn
(``on_withdraw``) from its AppConfig.ready(); accounts imports no app above it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.accounts.models import Consent, Purpose, User
from kotacerdas.audit.log import record, snapshot

_WITHDRAW_HOOKS: dict[str, list[Callable[[User], None]]] = {}


def on_withdraw(purpose: str, stop: Callable[[User], None]) -> None:
    """Run ``stop(person)`` in the withdrawal's transaction (e.g. switch the daily e-mail off)."""
    hooks = _WITHDRAW_HOOKS.setdefault(purpose, [])
    if stop not in hooks:
        hooks.append(stop)


def consents_of(user: User) -> QuerySet[Consent]:
    return Consent.objects.filter(user=user).order_by("purpose", "-given_at")


def has_consent(user: User, purpose: str) -> bool:
    return Consent.objects.filter(user=user, purpose=purpose, withdrawn_at=None).exists()


def give_consent(user: User, purpose: str) -> Consent:
    """Record the person's own consent (idempotent: an active consent is returned as it is)."""
    if purpose not in Purpose.values:
        raise ValidationError(_("Unknown purpose."))
    with transaction.atomic():
        active = (
            Consent.objects.select_for_update().filter(user=user, purpose=purpose, withdrawn_at=None).first()
        )
        if active is not None:
            return active
        consent = Consent.objects.create(user=user, purpose=purpose, given_at=timezone.now())
        record(user, "consent.give", consent, before=None, after=snapshot(consent))
    return consent


def withdraw_consent(user: User, purpose: str) -> Consent | None:
    """Withdraw the active consent for ``purpose`` without running the hooks (the app's own switch)."""
    with transaction.atomic():
        active = (
            Consent.objects.select_for_update().filter(user=user, purpose=purpose, withdrawn_at=None).first()
        )
        if active is None:
            return None
        before = snapshot(active)
        active.withdrawn_at = timezone.now()
        active.save(update_fields=["withdrawn_at"])
        record(user, "consent.withdraw", active, before=before, after=snapshot(active))
    return active


def do_withdraw_consent(actor: User, consent: Consent) -> Consent:
    """The person withdraws one of their consents; what processes data for it stops (hooks)."""
    if consent.user_id != actor.pk:
        raise ActionNotAllowed(_("Only the person who gave a consent may withdraw it."))
    if not consent.active:
        raise ValidationError(_("This consent has already been withdrawn."))
    with transaction.atomic():
        withdrawn = withdraw_consent(actor, consent.purpose)
        for stop in _WITHDRAW_HOOKS.get(consent.purpose, []):
            stop(actor)
    return withdrawn or consent
