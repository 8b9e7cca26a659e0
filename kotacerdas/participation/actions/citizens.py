"""A citizen's account: sign-up with consent, e-mail verification."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.accounts.consent import give_consent
from kotacerdas.accounts.models import Purpose, User
from kotacerdas.audit.log import record
from kotacerdas.participation import limits
from kotacerdas.participation.models import Citizen

VERIFY_SALT = "participation.verify-email"
VERIFY_MAX_AGE = 3 * 24 * 3600  # three days


def verification_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=VERIFY_SALT)


def do_register_citizen(
    *, name: str, email: str, password: str, consent: bool, address_key: str, verify_url: Any
) -> User:
    """Create the account (not yet allowed to post), record the consent, e-mail the verification link.

    ``verify_url(token)`` makes the absolute link (the view knows the host)."""
    name, email = name.strip(), email.strip().lower()
    if not consent:
        raise ValidationError({"consent": _("Consent for the purpose of participation is required.")})
    if not name:
        raise ValidationError({"name": _("Write your name.")})
    if not 3 <= len(email) <= 150 or "@" not in email:  # the address is the user name (150 at most)
        raise ValidationError({"email": _("Write an e-mail address of at most 150 characters.")})
    if (
        User.objects.filter(username__iexact=email).exists()
        or User.objects.filter(email__iexact=email).exists()
    ):
        raise ValidationError({"email": _("This e-mail address is already registered; log in instead.")})
    user = User(username=email, email=email, first_name=name[:150])
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from None
    with transaction.atomic():
        limits.check_and_count(limits.SIGNUP, None, address_key, "email")
        user.set_password(password)
        user.save()
        Citizen.objects.create(user=user)
        give_consent(user, Purpose.PARTICIPATION)  # the one consent record (accounts)
        record(user, "participation.register", user, before=None, after={"consent": "participation"})
    send_mail(
        _("Verify your e-mail for kotacerdas"),
        _("Hello %(name)s,\n\nopen this link to verify your e-mail and start taking part:\n%(link)s\n")
        % {"name": name, "link": verify_url(verification_token(user))},
        None,
        [email],
    )
    return user


def do_verify_email(token: str) -> User:
    try:
        data = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    except signing.BadSignature:
        raise ValidationError(
            _("This verification link is invalid or has expired; register again.")
        ) from None
    user = User.objects.filter(pk=data.get("u"), email=data.get("e")).first()
    citizen = Citizen.objects.filter(user=user).first() if user else None
    if user is None or citizen is None:
        raise ValidationError(_("This verification link is invalid or has expired; register again."))
    if citizen.verified_at is None:
        with transaction.atomic():
            citizen.verified_at = timezone.now()
            citizen.save(update_fields=["verified_at"])
            record(user, "participation.verify", user, before=None, after={"verified": True})
    return user
