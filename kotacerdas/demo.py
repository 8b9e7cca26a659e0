"""Example data for a newcomer (clearly labelled "contoh"). Idempotent.

Everything is created through the real actions, so the audit log shows it too. The e-mails those
actions send (notifications to the personas' @contoh.invalid addresses, citizens' verification links)
are counted, not delivered: with the default console backend a first start would otherwise print some
fifty example e-mails above the logins. E-mails sent while the app runs are printed as usual.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from django.apps import apps
from django.conf import settings
from django.core import mail
from django.db import transaction
from django.test.utils import override_settings

from kotacerdas.accounts import actions as account_actions
from kotacerdas.accounts.models import Membership, Role, User
from kotacerdas.regions import actions as region_actions
from kotacerdas.regions.models import Opd, Region

DEMO_PASSWORD = "kotacerdas-demo"
DEMO_MARKER = "demo-data-loaded"

# (username, first name, role, region code, OPD name or None)
PERSONAS = [
    ("ayu", "Ayu (contoh)", Role.NATIONAL_ADMIN, None, None),
    ("budi", "Budi (contoh)", Role.COORDINATOR, "33.73", None),
    ("sari", "Sari (contoh)", Role.OPD_CONTRIBUTOR, "33.73", "Dinas Kesehatan"),
    ("tono", "Tono (contoh)", Role.ASSESSOR, "33.73", None),
    ("rina", "Rina (contoh)", Role.MENTOR, "33.73", None),
    ("dewi", "Dewi (contoh)", Role.COORDINATOR, "34.04", None),
    ("hadi", "Hadi (contoh)", Role.MENTOR, "34.04", None),
]
PERSONA_TITLES = {
    "ayu": "national programme admin",
    "budi": "coordinator, Kota Salatiga",
    "sari": "OPD staff, Dinas Kesehatan Kota Salatiga",
    "tono": "assessor, Kota Salatiga",
    "rina": "mentor, Kota Salatiga",
    "dewi": "coordinator, Kabupaten Sleman",
    "hadi": "mentor, Kabupaten Sleman",
}

OPDS = {
    "33.73": [
        ("Dinas Komunikasi dan Informatika", "Diskominfo"),
        ("Dinas Kesehatan", "Dinkes"),
        ("Badan Perencanaan Pembangunan Daerah", "Bappeda"),
        ("Dinas Perhubungan", "Dishub"),
        ("Dinas Lingkungan Hidup", "DLH"),
        ("Dinas Pendidikan dan Kebudayaan", "Disdikbud"),
    ],
    "34.04": [
        ("Dinas Komunikasi dan Informatika", "Diskominfo"),
        ("Badan Perencanaan Pembangunan Daerah", "Bappeda"),
        ("Dinas Pariwisata", "Dispar"),
    ],
}


def demo_email(username: str) -> str:
    """An address that can never be delivered: the daily inbox summary goes to the console in the demo."""
    return f"{username}@contoh.invalid"


def _system_admin() -> User:
    admin, created = User.objects.get_or_create(
        username="ayu", defaults={"first_name": "Ayu (contoh)", "is_staff": True, "is_superuser": True}
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    return admin


def load_demo() -> int:
    """Load the example data (nothing when it is there); how many e-mails it held back."""
    kept = getattr(mail, "outbox", None)  # a test's own outbox, given back afterwards
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        mail.outbox = []
        _load()  # its transaction commits inside: the notifications' on_commit e-mails are held too
        held = len(mail.outbox)
    if kept is None:
        del mail.outbox
    else:
        mail.outbox = kept
    return held


@transaction.atomic
def _load() -> None:
    ayu = _system_admin()
    if not Membership.objects.filter(user=ayu, role=Role.NATIONAL_ADMIN).exists():
        Membership.objects.create(user=ayu, role=Role.NATIONAL_ADMIN)
    for code, opds in OPDS.items():
        region = Region.objects.get(code=code)
        for name, short in opds:
            if not Opd.objects.filter(region=region, name=name).exists():
                region_actions.do_create_opd(ayu, region, name=name, short_name=short)
    for username, first_name, role, region_code, opd_name in PERSONAS[1:]:
        _ensure_persona(ayu, username, first_name, str(role), region_code, opd_name)
    for load_app_demo in _app_demo_loaders():
        load_app_demo(ayu)
    (settings.VAR_DIR / DEMO_MARKER).touch()


def _app_demo_loaders() -> list[Callable[[User], None]]:
    """Each app may ship ``<app>/demo.py`` with ``load_demo(ayu)``; run them in
    INSTALLED_APPS order so later contexts can build on earlier ones."""
    loaders = []
    for config in apps.get_app_configs():
        if not config.name.startswith("kotacerdas."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.demo":
                raise
            continue
        loaders.append(module.load_demo)
    return loaders


def _ensure_persona(
    ayu: User, username: str, first_name: str, role: str, code: str | None, opd_name: str | None
) -> None:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = account_actions.do_create_user(
            ayu, username=username, password=DEMO_PASSWORD, first_name=first_name, email=demo_email(username)
        )
    elif not user.email:  # a demo loaded before personas had addresses
        account_actions.do_update_user(ayu, user, email=demo_email(username))
    region = Region.objects.get(code=code) if code else None
    opd = Opd.objects.get(region=region, name=opd_name) if opd_name else None
    if not Membership.objects.filter(user=user, role=role, region=region, opd=opd).exists():
        account_actions.do_add_membership(ayu, user, role=role, region=region, opd=opd)


DEMO_CODES_SHOWN = 3


def demo_backup_codes() -> dict[str, list[str]]:
    """Fresh one-time backup codes for the personas who must use two-factor login (Ayu, Tono).

    Their demo device is a TOTP device with a secret nobody holds, so a newcomer without an
    authenticator app signs in with a backup code; each start of the demo makes new ones (the old
    ones stop working), and they are printed with the logins. Production accounts never get this.
    """
    from kotacerdas.accounts.two_factor import has_confirmed_device, must_use_two_factor
    from kotacerdas.accounts.two_factor_actions import do_new_backup_codes, enrolment_device

    codes = {}
    for username, *_rest in PERSONAS:
        user = User.objects.filter(username=username).first()
        if user is None or not must_use_two_factor(user):
            continue
        if not has_confirmed_device(user):
            device = enrolment_device(user)
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        codes[username] = do_new_backup_codes(user)[:DEMO_CODES_SHOWN]
    return codes


def print_logins(address: str = "127.0.0.1:8000") -> None:
    codes = demo_backup_codes()
    print(f"\nkotacerdas is ready on http://{address}/ with example data (contoh).")
    print(f"Demo logins (password for all: {DEMO_PASSWORD}):")
    for username, *_rest in PERSONAS:
        second = f"  (2FA: a backup code, {', '.join(codes[username])})" if username in codes else ""
        print(f"  {username:<6} {PERSONA_TITLES[username]}{second}")
    if codes:
        print("Ayu and Tono give a second factor: each backup code works once; new ones at the next start.")
    if settings.EMAIL_BACKEND == "django.core.mail.backends.filebased.EmailBackend":
        print(f"E-mails are not sent: each is written as a file in {settings.EMAIL_FILE_PATH}")
    print("Press Ctrl+C to stop.\n")
