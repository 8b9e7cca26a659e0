"""The books pages: versions and generation, status, review, ratification, texts, settings."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.accounts.access import SignedInRequest, national_admin_required
from kotacerdas.audit.models import AuditEntry
from kotacerdas.core.books.diff import diff_book_data
from kotacerdas.core.books.outline import load_outline
from kotacerdas.core.books.pdf import find_soffice
from kotacerdas.documents import actions
from kotacerdas.documents.access import (
    books_page,
    can_review_books,
    get_file_in_version,
    get_public_file,
    get_version_in_region,
    review_page,
)
from kotacerdas.documents.approval import approval_blockers
from kotacerdas.documents.forms import GenerateForm, OutlineForm, RatifyForm, SettingsForm, TextsForm
from kotacerdas.documents.generate import outline_for, settings_for
from kotacerdas.documents.models import BookText, BookVersion, OutlineOverride
from kotacerdas.jobs.liveness import sweep
from kotacerdas.regions.models import Region
from kotacerdas.web import uploads
from kotacerdas.web.pages import RegionPage, render_page, save_form
from kotacerdas.web.params import query_int

Page = RegionPage[Region]


def _version_url(version: BookVersion) -> str:
    return reverse("documents:version", kwargs={"code": version.region.code, "number": version.number})


@books_page
def index(page: Page) -> HttpResponse:
    sweep(BookVersion, region=page.region)  # a version whose worker died is shown failed, not running
    pdf_available = find_soffice() is not None
    return page.render(
        "documents/index.html",
        {
            "versions": page.region.book_versions.listed().select_related("created_by"),
            "form": GenerateForm.initial_for(pdf_available) if page.can_edit else None,
            "pdf_available": pdf_available,
            "can_write": page.can_edit,
        },
    )


@login_required
@require_POST
@books_page
def generate(page: Page) -> HttpResponse:
    form = GenerateForm(page.post)
    saved = page.save(
        form,
        lambda data: actions.do_request_books(
            page.user, page.region, programme_year=data["programme_year"], formats=data["formats"]
        ),
        # the version page shows whether it is still running; the flash message only says what was done
        lambda version: _("Generation of version %(n)d started.") % {"n": version.number},
        then=_version_url,
    )
    return saved or page.render(
        "documents/index.html",
        {
            "versions": page.region.book_versions.listed(),
            "form": form,
            "pdf_available": find_soffice() is not None,
            "can_write": True,
        },
        form,
    )


def _version_context(page: Page, version: BookVersion, ratify_form: RatifyForm) -> dict[str, Any]:
    return {
        "version": version,
        "files": version.files.all(),
        "chapters": version.chapters.all(),
        "can_write": page.can_edit,
        "can_review": can_review_books(page.user, page.region),
        "ratify_form": ratify_form,
        "blockers": approval_blockers(version) if version.review == BookVersion.Review.DRAFT else [],
        "exceptions": AuditEntry.objects.filter(
            action="books.approve_exception", object_type="documents.bookversion", object_id=str(version.pk)
        ).order_by("created_at"),
    }


@books_page
def version_detail(page: Page, number: int) -> HttpResponse:
    sweep(BookVersion, region=page.region, number=number)  # stops the polling of a job whose worker died
    version = get_version_in_region(page.region, number)
    previous = page.region.book_versions.filter(
        number__lt=version.number, status=BookVersion.Status.DONE
    ).first()
    context = {**_version_context(page, version, RatifyForm()), "previous": previous}
    return page.render("documents/version.html", {**context, "step": running_step(version)})


def running_step(version: BookVersion) -> str:
    """What a running generation does now (its task keeps the step's key in ``message``)."""
    if not version.is_running or not version.message:
        return ""
    if version.message == "pdf":
        return _("PDF conversion (LibreOffice)")
    try:
        return outline_for(version.programme_year).book(version.message).full_title
    except KeyError:  # a book the outline no longer has
        return ""


@books_page  # type: ignore[arg-type]  # region_page is typed for HttpResponse; a file is streamed
def download(page: Page, number: int, file_id: int) -> HttpResponseBase:
    version = get_version_in_region(page.region, number)
    book_file = get_file_in_version(version, file_id)
    return uploads.serve(book_file.stored_name, book_file.download_name, book_file.format)


@books_page  # type: ignore[arg-type]  # region_page is typed for HttpResponse; a file is streamed
def scan(page: Page, number: int) -> HttpResponseBase:
    version = get_version_in_region(page.region, number)
    if not version.signed_scan:
        raise Http404
    name = f"Perkada-{page.region.code}-v{version.number}.{version.signed_scan_type}"
    return uploads.serve(version.signed_scan, name, version.signed_scan_type)


@login_required
@require_POST
@review_page
def approve(page: Page, number: int) -> HttpResponse:
    version = get_version_in_region(page.region, number)
    page.run(
        lambda: actions.do_approve(
            page.user,
            version,
            exception_reason=str(page.post.get("exception_reason", "")) if page.post else "",
        ),
        _("Version %(n)d approved.") % {"n": version.number},
    )
    return redirect(_version_url(version))


@login_required
@require_POST
@books_page
def publish(page: Page, number: int) -> HttpResponse:
    version = get_version_in_region(page.region, number)
    page.run(
        lambda: actions.do_publish(page.user, version),
        _("Version %(n)d is published.") % {"n": version.number},
    )
    return redirect(_version_url(version))


@login_required
@require_POST
@books_page
def ratify(page: Page, number: int) -> HttpResponse:
    version = get_version_in_region(page.region, number)
    form = RatifyForm(page.post, page.files)
    saved = page.save(
        form,
        lambda data: actions.do_ratify(
            page.user,
            version,
            number=data["number"],
            ratified_on=data["ratified_on"],
            scan=data["scan"],
        ),
        _("Ratification recorded."),
        then=_version_url(version),
    )
    return saved or page.render("documents/version.html", _version_context(page, version, form), form)


@books_page
def diff(page: Page, number: int) -> HttpResponse:
    version = get_version_in_region(page.region, number)
    other_number = query_int(page.request, "dengan")
    other: BookVersion | None
    if other_number is not None:
        other = get_version_in_region(page.region, other_number)
    else:
        other = page.region.book_versions.filter(
            number__lt=version.number, status=BookVersion.Status.DONE
        ).first()
    changes = diff_book_data(other.data, version.data) if other is not None else []
    return page.render("documents/diff.html", {"version": version, "other": other, "changes": changes})


@books_page
def texts(page: Page) -> HttpResponse:
    year = timezone.localdate().year
    current = {t.key: t.text for t in BookText.objects.filter(region=page.region)}
    form = TextsForm(outline_for(year), page.post, initial=current)
    saved = page.save(
        form, lambda data: actions.do_save_texts(page.user, page.region, data, year), _("Texts saved.")
    )
    return saved or page.render("documents/texts.html", {"form": form, "can_write": page.can_edit}, form)


@books_page
def book_settings(page: Page) -> HttpResponse:
    settings = settings_for(page.region)
    choices = [(b.key, b.full_title) for b in load_outline().books if not b.default]
    form = SettingsForm(choices, page.post, page.files, initial={"extra_books": settings.extra_books})
    saved = page.save(
        form,
        lambda data: actions.do_save_settings(
            page.user,
            page.region,
            extra_books=data["extra_books"],
            template=data["template"],
            logo=data["logo"],
            remove_template=data["remove_template"],
        ),
        _("Book settings saved."),
    )
    context = {"form": form, "settings": settings, "can_write": page.can_edit}
    return saved or page.render("documents/settings.html", context, form)


@national_admin_required
def outlines(request: SignedInRequest) -> HttpResponse:
    year = query_int(request, "tahun") or timezone.localdate().year
    override = OutlineOverride.objects.filter(year=year).first()
    form = OutlineForm(
        request.POST or None, initial={"year": year, "yaml_text": override.yaml if override else ""}
    )
    saved = save_form(
        request,
        form,
        lambda data: actions.do_save_outline_override(
            request.user, year=data["year"], yaml_text=data["yaml_text"]
        ),
        lambda saved: _("Outline for %(year)d saved.") % {"year": saved.year},
        then=lambda saved: f"{request.path}?tahun={saved.year}",
    )
    return saved or render_page(
        request,
        "documents/outlines.html",
        {
            "form": form,
            "year": year,
            "outline": outline_for(year) if not form.errors else load_outline(),
            "overrides": OutlineOverride.objects.all(),
        },
        form,
    )


def public(request: HttpRequest, code: str) -> HttpResponseBase:
    """Published books of a region, for everyone; ``?berkas=ID`` downloads one of their files."""
    try:
        region = Region.objects.exclude(kind=Region.Kind.PROVINCE).get(code=code)
    except Region.DoesNotExist:
        raise Http404 from None
    if request.GET.get("berkas"):
        file_id = query_int(request, "berkas")
        if file_id is None:
            raise Http404
        book_file = get_public_file(region, file_id)
        return uploads.serve(book_file.stored_name, book_file.download_name, book_file.format)
    versions = region.book_versions.listed().filter(is_public=True).prefetch_related("files")
    return render(request, "documents/public.html", {"region": region, "versions": versions})
