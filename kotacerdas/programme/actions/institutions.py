"""A region's Dewan Smart City and Tim Pelaksana: their decree (SK) and members."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.accounts.models import User
from kotacerdas.audit.log import record, snapshot
from kotacerdas.programme.access import can_edit_institutions
from kotacerdas.programme.actions.common import read_scan
from kotacerdas.programme.models import Institution, InstitutionMember
from kotacerdas.regions.models import Region
from kotacerdas.web import uploads


def do_save_institution(
    actor: User,
    region: Region,
    *,
    kind: str,
    decree_number: str,
    decree_date: date | None,
    upload: UploadedFile | None = None,
) -> Institution:
    if not can_edit_institutions(actor, region):
        raise ActionNotAllowed(_("Only the region's coordinator or the national admin may change this."))
    if kind not in Institution.Kind.values:
        raise ValidationError({"kind": _("Choose the Dewan Smart City or the Tim Pelaksana.")})
    decree_number = " ".join(decree_number.split())
    if upload is not None and not decree_number:
        raise ValidationError({"decree_number": _("Enter the SK number of the uploaded decree.")})
    if decree_number and decree_date is None:
        raise ValidationError({"decree_date": _("Enter the SK date.")})
    decree = read_scan(upload, "decree_file")
    existing = Institution.objects.filter(region=region, kind=kind).first()
    before = snapshot(existing) if existing else None
    with uploads.atomic_with_files():
        institution = existing or Institution(region=region, kind=kind)
        institution.decree_number = decree_number
        institution.decree_date = decree_date
        if decree is not None:
            replaced = institution.decree_file.name or ""
            institution.decree_file.name = uploads.store(decree[0], "programme/decrees", decree[1])
            institution.decree_file_type = decree[1]
            uploads.discard_on_commit(replaced, [(Institution, "decree_file")])
        institution.save()
        record(
            actor, "institution.save", institution, before=before, after=snapshot(institution), region=region
        )
    return institution


def do_add_institution_member(
    actor: User, institution: Institution, *, name: str, position: str, agency: str, role: str
) -> InstitutionMember:
    if not can_edit_institutions(actor, institution.region):
        raise ActionNotAllowed(_("Only the region's coordinator or the national admin may change this."))
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Enter the member's name.")})
    if role not in InstitutionMember.Role.values:
        raise ValidationError({"role": _("Choose a role.")})
    with transaction.atomic():
        member = InstitutionMember.objects.create(
            institution=institution, name=name, position=position.strip(), agency=agency.strip(), role=role
        )
        record(
            actor,
            "institution.add_member",
            member,
            before=None,
            after=snapshot(member),
            region=institution.region,
        )
    return member


def do_add_member_to_body(
    actor: User, region: Region, kind: str, *, name: str, position: str, agency: str, role: str
) -> InstitutionMember:
    """Add a member to the region's body of this kind, setting the body up (without a decree) if needed."""
    with transaction.atomic():
        institution = Institution.objects.filter(region=region, kind=kind).first()
        if institution is None:
            institution = do_save_institution(actor, region, kind=kind, decree_number="", decree_date=None)
        return do_add_institution_member(
            actor, institution, name=name, position=position, agency=agency, role=role
        )


def do_remove_institution_member(actor: User, member: InstitutionMember) -> None:
    region = member.institution.region
    if not can_edit_institutions(actor, region):
        raise ActionNotAllowed(_("Only the region's coordinator or the national admin may change this."))
    with transaction.atomic():
        record(actor, "institution.remove_member", member, before=snapshot(member), after=None, region=region)
        member.delete()
