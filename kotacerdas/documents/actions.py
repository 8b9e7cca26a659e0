"""Writes on the books: permission → validation → transaction → audit (→ background task)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.accounts.access import is_national_admin
from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.accounts.models import User
from kotacerdas.audit.log import record, save_audited, snapshot
from kotacerdas.audit.transitions import lock_state
from kotacerdas.core.books.outline import OutlineError, load_outline, merge_outline
from kotacerdas.documents import template_check
from kotacerdas.documents.access import can_review_books, can_write_books
from kotacerdas.documents.approval import approval_blockers
from kotacerdas.documents.generate import FORMATS, outline_for
from kotacerdas.documents.models import BookSettings, BookText, BookVersion, OutlineOverride
from kotacerdas.documents.outline_messages import outline_problem
from kotacerdas.documents.tasks import generate_books
from kotacerdas.regions.models import Region
from kotacerdas.web import uploads

MAX_TEXT = 20_000
FIRST_YEAR, LAST_YEAR = 2017, 2100


def _require_writer(actor: User, region: Region) -> None:
    if not can_write_books(actor, region):
        raise ActionNotAllowed(_("Only the coordinator of this region may do this with its books."))


def _every_field(instance: Model) -> list[str]:
    """The audit entry of a settings-like record shows the whole record, not only what changed."""
    return [field.name for field in instance._meta.concrete_fields]


def _check_year(year: int, field: str = "programme_year") -> int:
    if not FIRST_YEAR <= int(year) <= LAST_YEAR:
        raise ValidationError({field: _("Enter a programme year between 2017 and 2100.")})
    return int(year)


def do_request_books(actor: User, region: Region, *, programme_year: int, formats: list[str]) -> BookVersion:
    """Create the next version and generate its books in the background."""
    _require_writer(actor, region)
    year = _check_year(programme_year)
    chosen = [f for f in FORMATS if f in formats]
    if not chosen or len(chosen) != len(set(formats)):
        raise ValidationError({"formats": _("Choose DOCX, PDF or both.")})
    with transaction.atomic():
        Region.objects.select_for_update().filter(pk=region.pk).first()
        last = BookVersion.objects.filter(region=region).aggregate(n=Max("number"))["n"] or 0
        version = BookVersion.objects.create(
            region=region, number=last + 1, programme_year=year, formats=",".join(chosen), created_by=actor
        )
        record(actor, "books.request", version, before=None, after=snapshot(version), region=region)
    generate_books.enqueue(version.pk)
    version.refresh_from_db()
    return version


def do_save_texts(actor: User, region: Region, texts: dict[str, str], programme_year: int) -> list[BookText]:
    """Save free-text sections (kata pengantar, narratives) by their outline key."""
    _require_writer(actor, region)
    known = set(outline_for(programme_year).text_keys())
    unknown = sorted(set(texts) - known)
    if unknown:
        raise ValidationError(_("Unknown text sections: %(keys)s.") % {"keys": ", ".join(unknown)})
    too_long = [k for k, v in texts.items() if len(v) > MAX_TEXT]
    if too_long:
        raise ValidationError(
            {too_long[0]: _("A section may have at most %(max)d characters.") % {"max": MAX_TEXT}}
        )
    saved = []
    with transaction.atomic():
        for key, text in texts.items():
            text = text.replace("\r\n", "\n").strip()
            item, _created = BookText.objects.get_or_create(region=region, key=key)
            if item.text == text:
                continue
            changes = {"text": text, "updated_by": actor, "updated_at": timezone.now()}
            save_audited(actor, "books.text", item, changes, region=region, watch=_every_field(item))
            saved.append(item)
    return saved


def do_save_settings(
    actor: User,
    region: Region,
    *,
    extra_books: list[str],
    template: Any = None,
    logo: Any = None,
    remove_template: bool = False,
) -> BookSettings:
    _require_writer(actor, region)
    optional = {b.key for b in load_outline().books if not b.default}
    if set(extra_books) - optional:
        raise ValidationError({"extra_books": _("Choose among the optional books.")})
    settings, _created = BookSettings.objects.get_or_create(region=region)
    before = snapshot(settings)
    settings.extra_books = sorted(set(extra_books))
    new_template = uploads.read_upload(template, "template", ("docx",)) if template is not None else None
    if new_template is not None:
        template_check.validate_template(new_template[0])
    new_logo = uploads.read_upload(logo, "logo", ("png", "jpg")) if logo is not None else None
    old_template, old_logo = settings.template, settings.logo
    with uploads.atomic_with_files():  # both files are checked before either is written
        if new_template is not None:
            content, kind = new_template
            settings.template = uploads.store(content, f"documents/{region.code}/template", kind)
            settings.template_name = str(getattr(template, "name", "template.docx"))[:200]
            settings.template_sha256 = uploads.sha256(content)
        elif remove_template:
            settings.template = settings.template_name = settings.template_sha256 = ""
        if new_logo is not None:
            settings.logo = uploads.store(new_logo[0], f"documents/{region.code}/logo", new_logo[1])
        settings.save()
        if settings.template != old_template:  # replaced or removed (made books are own files)
            uploads.discard_on_commit(old_template, [(BookSettings, "template")])
        if settings.logo != old_logo:
            uploads.discard_on_commit(old_logo, [(BookSettings, "logo")])
        record(actor, "books.settings", settings, before=before, after=snapshot(settings), region=region)
    return settings


def do_save_outline_override(actor: User, *, year: int, yaml_text: str) -> OutlineOverride:
    """The national admin changes the outline of one programme year (validated before saving)."""
    if not is_national_admin(actor):
        raise ActionNotAllowed(_("Only the national programme admin may change the book outline."))
    year = _check_year(year, "year")
    try:
        merge_outline(load_outline(), yaml_text)
    except OutlineError as error:
        raise ValidationError(
            {"yaml_text": _("The outline is not valid: %(error)s") % {"error": outline_problem(error)}}
        ) from None
    override, _created = OutlineOverride.objects.get_or_create(year=year)
    changes = {"yaml": yaml_text.replace("\r\n", "\n"), "updated_by": actor, "updated_at": timezone.now()}
    save_audited(actor, "books.outline", override, changes, watch=_every_field(override))
    return override


def _check_state(version: BookVersion, expected: str) -> None:
    if version.status != BookVersion.Status.DONE:
        raise ValidationError(_("This version has no finished books yet."))
    if version.review != expected:
        raise ValidationError(
            _("This step needs a version that is “%(state)s”.")
            % {"state": BookVersion.Review(expected).label}
        )


def _move(actor: User, version: BookVersion, action: str, expected: str, **changes: Any) -> BookVersion:
    _check_state(version, expected)
    with transaction.atomic():
        lock_state(version, [expected], field="review")  # one approve / ratify / publish wins
        before = snapshot(version, ["review", "approved_at", "perkada_number", "perkada_date", "is_public"])
        for name, value in changes.items():
            setattr(version, name, value)
        version.save(update_fields=list(changes))
        after = snapshot(version, ["review", "approved_at", "perkada_number", "perkada_date", "is_public"])
        record(actor, action, version, before=before, after=after, region=version.region)
    return version


def do_approve(actor: User, version: BookVersion, *, exception_reason: str = "") -> BookVersion:
    """The mentor approves a draft. While a blocking check fails (approval.approval_blockers) the
    approval needs a written reason for the exception; it is kept in the version's history."""
    if not can_review_books(actor, version.region):
        raise ActionNotAllowed(_("Only the region's mentor may approve its books."))
    _check_state(version, BookVersion.Review.DRAFT)
    reason = " ".join(exception_reason.split())
    blockers = [b.message for b in approval_blockers(version)]
    if blockers and not reason:
        raise ValidationError(
            {
                "exception_reason": [
                    _("These books cannot be approved yet:"),
                    *blockers,
                    _("Fix these first, or approve with an exception and write the reason."),
                ]
            }
        )
    with transaction.atomic():
        approved = _move(
            actor,
            version,
            "books.approve",
            BookVersion.Review.DRAFT,
            review=BookVersion.Review.APPROVED,
            approved_by=actor,
            approved_at=timezone.now(),
        )
        if blockers:
            after = {"reason": reason, "blocking_checks": blockers}
            record(actor, "books.approve_exception", version, before=None, after=after, region=version.region)
    return approved


def do_ratify(
    actor: User, version: BookVersion, *, number: str, ratified_on: date | None, scan: Any
) -> BookVersion:
    """Record the Perkada (number, date) and the signed scan of an approved version."""
    _require_writer(actor, version.region)
    _check_state(version, BookVersion.Review.APPROVED)
    number = " ".join(number.split())
    errors = {}
    if not number:
        errors["number"] = _("Enter the Perkada number.")
    if ratified_on is None:
        errors["ratified_on"] = _("Enter the date of the Perkada.")
    elif ratified_on > timezone.localdate():
        errors["ratified_on"] = _("The Perkada date cannot be in the future.")
    if scan is None:
        errors["scan"] = _("Upload the signed scan (PDF, PNG or JPG).")
    if errors:
        raise ValidationError(errors)
    content, kind = uploads.read_upload(scan, "scan", ("pdf", "png", "jpg"))
    with uploads.atomic_with_files():  # the scan goes again when the move is refused (state changed)
        return _move(
            actor,
            version,
            "books.ratify",
            BookVersion.Review.APPROVED,
            review=BookVersion.Review.RATIFIED,
            perkada_number=number,
            perkada_date=ratified_on,
            signed_scan=uploads.store(content, f"documents/{version.region.code}/perkada", kind),
            signed_scan_type=kind,
            ratified_by=actor,
            ratified_at=timezone.now(),
        )


def do_publish(actor: User, version: BookVersion) -> BookVersion:
    _require_writer(actor, version.region)
    return _move(
        actor,
        version,
        "books.publish",
        BookVersion.Review.RATIFIED,
        review=BookVersion.Review.PUBLISHED,
        is_public=True,
        published_at=timezone.now(),
    )
