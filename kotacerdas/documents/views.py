"""The books pages: versions and generation, status, review, ratification, texts, settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.accounts.access import get_region_for_user, national_admin_required
from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.core.books.diff import diff_book_data
from kotacerdas.core.books.outline import load_outline
from kotacerdas.core.books.pdf import find_soffice
from kotacerdas.documents import actions
from kotacerdas.documents.access import (
    can_review_books,
    can_write_books,
    get_file_for_user,
    get_public_file,
    get_version_for_user,
)
from kotacerdas.documents.forms import GenerateForm, OutlineForm, RatifyForm, SettingsForm, TextsForm
from kotacerdas.documents.generate import outline_for, settings_for
from kotacerdas.documents.models import BookText, BookVersion, OutlineOverride
from kotacerdas.jobs.liveness import sweep
from kotacerdas.regions.models import Region
from kotacerdas.web import uploads
from kotacerdas.web.forms import apply_validation_error


def _forbidden(request: HttpRequest, region: Region) -> HttpResponse:
    return render(request, "403.html", {"region": region}, status=403)


@login_required
def index(request: HttpRequest, code: str) -> HttpResponse:
    region = get_region_for_user(request.user, code)
    sweep(BookVersion, region=region)  # a version whose worker died is shown failed, not running
    can_write = can_write_books(request.user, region)
    return render(
        request,
        "documents/index.html",
        {
            "region": region,
            "versions": region.book_versions.select_related("created_by").all(),
            "form": GenerateForm.initial_for(find_soffice() is not None) if can_write else None,
            "pdf_available": find_soffice() is not None,
            "can_write": can_write,
        },
    )


@login_required
@require_POST
def generate(request: HttpRequest, code: str) -> HttpResponse:
    region = get_region_for_user(request.user, code)
    if not can_write_books(request.user, region):
        return _forbidden(request, region)
    form = GenerateForm(request.POST)
    if form.is_valid():
        try:
            version = actions.do_request_books(
                request.user,
                region,
                programme_year=form.cleaned_data["programme_year"],
                formats=form.cleaned_data["formats"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Version %(n)d is being generated.") % {"n": version.number})
            return redirect("documents:version", code=region.code, number=version.number)
    return render(
        request,
        "documents/index.html",
        {
            "region": region,
            "versions": region.book_versions.all(),
            "form": form,
            "pdf_available": find_soffice() is not None,
            "can_write": True,
        },
        status=400,
    )


@login_required
def version_detail(request: HttpRequest, code: str, number: int) -> HttpResponse:
    region = get_region_for_user(request.user, code)
    sweep(BookVersion, region=region, number=number)  # stops the polling of a job whose worker died
    version = get_version_for_user(request.user, region, number)
    previous = region.book_versions.filter(number__lt=version.number, status=BookVersion.Status.DONE).first()
    return render(
        request,
        "documents/version.html",
        {
            "region": region,
            "version": version,
            "files": version.files.all(),
            "chapters": version.chapters.all(),
            "previous": previous,
            "can_write": can_write_books(request.user, region),
            "can_review": can_review_books(request.user, region),
            "ratify_form": RatifyForm(),
        },
    )


@login_required
def download(request: HttpRequest, code: str, number: int, file_id: int) -> HttpResponseBase:
    region = get_region_for_user(request.user, code)
    version = get_version_for_user(request.user, region, number)
    book_file = get_file_for_user(request.user, version, file_id)
    return uploads.serve(book_file.stored_name, book_file.download_name, book_file.format)


@login_required
def scan(request: HttpRequest, code: str, number: int) -> HttpResponseBase:
    region = get_region_for_user(request.user, code)
    version = get_version_for_user(request.user, region, number)
    if not version.signed_scan:
        raise Http404
    name = f"Perkada-{region.code}-v{version.number}.{version.signed_scan_type}"
    return uploads.serve(version.signed_scan, name, version.signed_scan_type)


def _review_step(request: HttpRequest, code: str, number: int, step: str) -> HttpResponse:
    region = get_region_for_user(request.user, code)
    version = get_version_for_user(request.user, region, number)
    try:
        if step == "approve":
            actions.do_approve(request.user, version)
            messages.success(request, _("Version %(n)d approved.") % {"n": version.number})
        else:
            actions.do_publish(request.user, version)
            messages.success(request, _("Version %(n)d is published.") % {"n": version.number})
    except ActionNotAllowed:
        return _forbidden(request, region)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("documents:version", code=region.code, number=version.number)


@login_required
@require_POST
def approve(request: HttpRequest, code: str, number: int) -> HttpResponse:
    return _review_step(request, code, number, "approve")


@login_required
@require_POST
def publish(request: HttpRequest, code: str, number: int) -> HttpResponse:
    return _review_step(request, code, number, "publish")


@login_required
@require_POST
def ratify(request: HttpRequest, code: str, number: int) -> HttpResponse:
    region = get_region_for_user(request.user, code)
    version = get_version_for_user(request.user, region, number)
    if not can_write_books(request.user, region):
        return _forbidden(request, region)
    form = RatifyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            actions.do_ratify(
                request.user,
                version,
                number=form.cleaned_data["number"],
                ratified_on=form.cleaned_data["ratified_on"],
                scan=form.cleaned_data["scan"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Ratification recorded."))
            return redirect("documents:version", code=region.code, number=version.number)
    return render(
        request,
        "documents/version.html",
        {
            "region": region,
            "version": version,
            "files": version.files.all(),
            "chapters": version.chapters.all(),
            "can_write": True,
            "can_review": can_review_books(request.user, region),
            "ratify_form": form,
        },
        status=400,
    )


@login_required
def diff(request: HttpRequest, code: str, number: int) -> HttpResponse:
    region = get_region_for_user(request.user, code)
    version = get_version_for_user(request.user, region, number)
    other_number = request.GET.get("dengan", "")
    other: BookVersion | None
    if other_number.isdigit():
        other = get_version_for_user(request.user, region, int(other_number))
    else:
        other = region.book_versions.filter(number__lt=version.number, status=BookVersion.Status.DONE).first()
    changes = diff_book_data(other.data, version.data) if other is not None else []
    return render(
        request,
        "documents/diff.html",
        {"region": region, "version": version, "other": other, "changes": changes},
    )


@login_required
def texts(request: HttpRequest, code: str) -> HttpResponse:
    region = get_region_for_user(request.user, code)
    can_write = can_write_books(request.user, region)
    year = timezone.localdate().year
    outline = outline_for(year)
    current = {t.key: t.text for t in BookText.objects.filter(region=region)}
    form = TextsForm(outline, request.POST or None, initial=current)
    if request.method == "POST":
        if not can_write:
            return _forbidden(request, region)
        if form.is_valid():
            try:
                actions.do_save_texts(request.user, region, form.cleaned_data, year)
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Texts saved."))
                return redirect("documents:texts", code=region.code)
    return render(
        request,
        "documents/texts.html",
        {"region": region, "form": form, "can_write": can_write},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def book_settings(request: HttpRequest, code: str) -> HttpResponse:
    region = get_region_for_user(request.user, code)
    can_write = can_write_books(request.user, region)
    settings = settings_for(region)
    choices = [(b.key, b.full_title) for b in load_outline().books if not b.default]
    form = SettingsForm(
        choices, request.POST or None, request.FILES or None, initial={"extra_books": settings.extra_books}
    )
    if request.method == "POST":
        if not can_write:
            return _forbidden(request, region)
        if form.is_valid():
            try:
                actions.do_save_settings(
                    request.user,
                    region,
                    extra_books=form.cleaned_data["extra_books"],
                    template=form.cleaned_data["template"],
                    logo=form.cleaned_data["logo"],
                    remove_template=form.cleaned_data["remove_template"],
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Book settings saved."))
                return redirect("documents:settings", code=region.code)
    return render(
        request,
        "documents/settings.html",
        {"region": region, "form": form, "settings": settings, "can_write": can_write},
        status=400 if form.is_bound and form.errors else 200,
    )


@national_admin_required
def outlines(request: HttpRequest) -> HttpResponse:
    year_text = request.GET.get("tahun", "")
    year = int(year_text) if year_text.isdigit() else timezone.localdate().year
    override = OutlineOverride.objects.filter(year=year).first()
    form = OutlineForm(
        request.POST or None, initial={"year": year, "yaml_text": override.yaml if override else ""}
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = actions.do_save_outline_override(
                request.user, year=form.cleaned_data["year"], yaml_text=form.cleaned_data["yaml_text"]
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Outline for %(year)d saved.") % {"year": saved.year})
            return redirect(f"{request.path}?tahun={saved.year}")
    return render(
        request,
        "documents/outlines.html",
        {
            "form": form,
            "year": year,
            "outline": outline_for(year) if not form.errors else load_outline(),
            "overrides": OutlineOverride.objects.all(),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def public(request: HttpRequest, code: str) -> HttpResponseBase:
    """Published books of a region, for everyone; ``?berkas=ID`` downloads one of their files."""
    try:
        region = Region.objects.exclude(kind=Region.Kind.PROVINCE).get(code=code)
    except Region.DoesNotExist:
        raise Http404 from None
    file_id = request.GET.get("berkas", "")
    if file_id:
        if not file_id.isdigit():
            raise Http404
        book_file = get_public_file(region, int(file_id))
        return uploads.serve(book_file.stored_name, book_file.download_name, book_file.format)
    versions = region.book_versions.filter(is_public=True).prefetch_related("files")
    return render(request, "documents/public.html", {"region": region, "versions": versions})
