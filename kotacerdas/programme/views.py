"""Programme pages: cohorts and selection (Ayu), a region's programme page, deliverables review."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from typing import Any

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from openpyxl import Workbook
from openpyxl.styles import Font

from kotacerdas.accounts.access import is_national_admin, national_admin_required
from kotacerdas.accounts.models import User
from kotacerdas.programme import actions, board
from kotacerdas.programme.access import (
    can_edit_institutions,
    can_review,
    can_submit,
    can_verify_score,
    get_candidacy_for_user,
    get_cohort,
    get_institution_for_user,
    get_item_for_user,
    get_programme_region_for_user,
    get_region_deliverable_for_user,
    visible_candidacies,
)
from kotacerdas.programme.forms import (
    ChecklistEditForm,
    ChecklistItemForm,
    CohortForm,
    DashboardFilterForm,
    InstitutionForm,
    InviteForm,
    LinkAssessmentForm,
    MemberForm,
    MouForm,
    OverrideForm,
    PersonForm,
    ReviewForm,
    ScoreForm,
    SubmitForm,
    SubmittedItemForm,
)
from kotacerdas.programme.models import (
    STAGE_NAMES,
    STAGE_NUMBERS,
    Candidacy,
    ChecklistItem,
    Cohort,
    Deliverable,
    Institution,
    InstitutionMember,
    Mou,
)
from kotacerdas.programme.ranking import current_ranking, entries_as_json
from kotacerdas.programme.scores import linkable_assessments, verified_scores
from kotacerdas.regions.models import Region
from kotacerdas.web import uploads
from kotacerdas.web.forms import apply_validation_error

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _status(form: Any) -> int:
    return 400 if form is not None and form.is_bound and form.errors else 200


def _today() -> Any:
    return timezone.localdate()


# --- national: cohorts ---------------------------------------------------------------------------


@national_admin_required
def cohort_list(request: HttpRequest) -> HttpResponse:
    cohorts = Cohort.objects.all()
    return render(request, "programme/cohort_list.html", {"cohorts": cohorts})


@national_admin_required
def cohort_new(request: HttpRequest) -> HttpResponse:
    form = CohortForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cohort = actions.do_create_cohort(
                request.user,
                year=data["year"],
                name=data["name"],
                quota=data["quota"],
                instrument=data["instrument"],
                stage_dates=form.stage_dates(),
                borderline_margin=data["borderline_margin"] or Decimal("0"),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Cohort “%(name)s” opened.") % {"name": cohort.name})
            return redirect("programme:cohort", cohort_id=cohort.pk)
    return render(request, "programme/cohort_new.html", {"form": form}, status=_status(form))


def _render_cohort(request: HttpRequest, cohort: Cohort, **forms: Any) -> HttpResponse:
    candidacies = list(
        cohort.candidacies.select_related("region__province").prefetch_related("assessors__assessor")
    )
    scores = verified_scores(candidacies)
    rows = [(c, scores.get(c.pk)) for c in candidacies]
    context = {
        "cohort": cohort,
        "stages": cohort.stages.all(),
        "rows": rows,
        "selected": cohort.rankings.exists(),
        "invite_form": forms.get("invite_form") or InviteForm(),
        "assessor_form": forms.get("assessor_form") or PersonForm(),
    }
    bound = [f for f in forms.values() if f is not None]
    return render(
        request, "programme/cohort_detail.html", context, status=max([_status(f) for f in bound] or [200])
    )


@national_admin_required
def cohort_detail(request: HttpRequest, cohort_id: int) -> HttpResponse:
    return _render_cohort(request, get_cohort(cohort_id))


@national_admin_required
@require_POST
def invite(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = get_cohort(cohort_id)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            created = actions.do_invite_regions(request.user, cohort, form.cleaned_data["regions"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("%(n)d region(s) invited.") % {"n": len(created)})
            return redirect("programme:cohort", cohort_id=cohort.pk)
    return _render_cohort(request, cohort, invite_form=form)


def _candidacy_in(cohort: Cohort, code: str) -> Candidacy | None:
    return cohort.candidacies.select_related("region", "cohort").filter(region__code=code.strip()).first()


def _user_named(username: str) -> User | None:
    return User.objects.filter(username=username.strip(), is_active=True).first()


@national_admin_required
@require_POST
def assign_assessor(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = get_cohort(cohort_id)
    form = PersonForm(request.POST)
    if form.is_valid():
        candidacy = _candidacy_in(cohort, form.cleaned_data["region"])
        person = _user_named(form.cleaned_data["username"])
        if candidacy is None:
            form.add_error("region", _("This region is not a candidate of the cohort."))
        if person is None:
            form.add_error("username", _("No active person has this username."))
        if candidacy is not None and person is not None:
            try:
                actions.do_assign_assessor(request.user, candidacy, person)
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Assessor assigned."))
                return redirect("programme:cohort", cohort_id=cohort.pk)
    return _render_cohort(request, cohort, assessor_form=form)


# --- national: selection -----------------------------------------------------------------------


def _ranking_entries(cohort: Cohort) -> tuple[list[dict[str, Any]], dict[str, Any], bool]:
    saved = cohort.rankings.first()
    if saved is not None:
        return saved.entries, saved.recipe, True
    ranking, _candidacies = current_ranking(cohort)
    return entries_as_json(ranking), ranking.recipe, False


def _render_selection(request: HttpRequest, cohort: Cohort, override_form: Any = None) -> HttpResponse:
    entries, recipe, saved = _ranking_entries(cohort)
    context = {
        "cohort": cohort,
        "entries": entries,
        "recipe": recipe,
        "saved": saved,
        "selected_count": sum(1 for e in entries if e["selected"]),
        "override_form": override_form or OverrideForm(),
    }
    return render(request, "programme/selection.html", context, status=_status(override_form))


@national_admin_required
def selection(request: HttpRequest, cohort_id: int) -> HttpResponse:
    return _render_selection(request, get_cohort(cohort_id))


@national_admin_required
@require_POST
def override(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = get_cohort(cohort_id)
    form = OverrideForm(request.POST)
    if form.is_valid():
        candidacy = _candidacy_in(cohort, form.cleaned_data["region"])
        if candidacy is None:
            form.add_error("region", _("This region is not a candidate of the cohort."))
        else:
            try:
                actions.do_set_override(
                    request.user,
                    candidacy,
                    decision=form.cleaned_data["decision"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(
                    request, _("Override recorded for %(region)s.") % {"region": candidacy.region}
                )
                return redirect("programme:selection", cohort_id=cohort.pk)
    return _render_selection(request, cohort, form)


@national_admin_required
@require_POST
def select(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = get_cohort(cohort_id)
    try:
        ranking = actions.do_select(request.user, cohort)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _render_selection(request, cohort)
    selected = sum(1 for e in ranking.entries if e["selected"])
    messages.success(request, _("Selection saved: %(n)d region(s) selected.") % {"n": selected})
    return redirect("programme:selection", cohort_id=cohort.pk)


def _entry_note(entry: dict[str, Any]) -> str:
    notes = []
    if entry["override"]:
        label = _("included by override") if entry["override"] == "include" else _("excluded by override")
        notes.append(f"{label}: {entry['override_reason']}")
    if entry["tie_at_cutoff"]:
        notes.append(_("tie at the cut-off"))
    elif entry["tied_with"]:
        notes.append(_("tied"))
    if entry["borderline"]:
        notes.append(_("borderline"))
    return "; ".join(notes)


@national_admin_required
def selection_xlsx(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = get_cohort(cohort_id)
    entries, recipe, _saved = _ranking_entries(cohort)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Ranking")[:31]
    sheet.append([_("Rank"), _("Code"), _("Region"), _("Verified score"), _("Selected"), _("Notes")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for e in entries:
        sheet.append(
            [
                e["rank"],
                e["code"],
                e["name"],
                float(e["score"]) if e["score"] is not None else None,
                _("yes") if e["selected"] else _("no"),
                _entry_note(e),
            ]
        )
    info = book.create_sheet(_("Recipe")[:31])
    for key in ("instrument", "quota", "ties_rule", "borderline_margin", "score_source", "input_hash"):
        info.append([key, str(recipe.get(key, ""))])
    buffer = BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="seleksi-{cohort.year}.xlsx"'
    return response


@national_admin_required
def selection_print(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = get_cohort(cohort_id)
    entries, recipe, saved = _ranking_entries(cohort)
    rows = [(e, _entry_note(e)) for e in entries]
    return render(
        request,
        "programme/selection_print.html",
        {"cohort": cohort, "rows": rows, "recipe": recipe, "saved": saved, "today": _today()},
    )


# --- national: stage board, checklist, dashboard ---------------------------------------------------


@national_admin_required
def stage_board(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = get_cohort(cohort_id)
    rows = board.progress_rows(board.selected_candidacies().filter(cohort=cohort), _today())
    return render(
        request,
        "programme/board.html",
        {
            "cohort": cohort,
            "rows": rows,
            "stages": cohort.stages.all(),
            "stage_names": [STAGE_NAMES[n] for n in STAGE_NUMBERS],
        },
    )


def _render_checklist(request: HttpRequest, cohort: Cohort, form: Any = None) -> HttpResponse:
    items = cohort.checklist.all()
    return render(
        request,
        "programme/checklist.html",
        {"cohort": cohort, "items": items, "form": form or ChecklistItemForm()},
        status=_status(form),
    )


@national_admin_required
def checklist(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = get_cohort(cohort_id)
    if request.method != "POST":
        return _render_checklist(request, cohort)
    form = ChecklistItemForm(request.POST)
    if form.is_valid():
        try:
            actions.do_add_checklist_item(request.user, cohort, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Deliverable added to the checklist."))
            return redirect("programme:checklist", cohort_id=cohort.pk)
    return _render_checklist(request, cohort, form)


def _get_checklist_item(cohort: Cohort, item_id: int) -> ChecklistItem:
    try:
        return cohort.checklist.get(pk=item_id)
    except ChecklistItem.DoesNotExist:
        raise Http404 from None


@national_admin_required
def checklist_item(request: HttpRequest, cohort_id: int, item_id: int) -> HttpResponse:
    cohort = get_cohort(cohort_id)
    item = _get_checklist_item(cohort, item_id)
    initial = {"title": item.title, "description": item.description, "due_on": item.due_on}
    form = ChecklistEditForm(request.POST) if request.method == "POST" else ChecklistEditForm(initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_update_checklist_item(request.user, item, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Checklist item saved."))
            return redirect("programme:checklist", cohort_id=cohort.pk)
    return render(
        request,
        "programme/checklist_item.html",
        {"cohort": cohort, "item": item, "form": form},
        status=_status(form),
    )


@national_admin_required
@require_POST
def checklist_item_remove(request: HttpRequest, cohort_id: int, item_id: int) -> HttpResponse:
    cohort = get_cohort(cohort_id)
    item = _get_checklist_item(cohort, item_id)
    try:
        actions.do_remove_checklist_item(request.user, item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Checklist item removed."))
    return redirect("programme:checklist", cohort_id=cohort.pk)


def _dashboard_rows(request: HttpRequest) -> tuple[DashboardFilterForm, list[board.Row]]:
    cohorts = [(c.pk, c.name) for c in Cohort.objects.all()]
    form = DashboardFilterForm(request.GET or None, cohorts=cohorts)
    candidacies = board.filtered(board.selected_candidacies(), form)
    return form, board.progress_rows(candidacies, _today())


@national_admin_required
def dashboard(request: HttpRequest) -> HttpResponse:
    form, rows = _dashboard_rows(request)
    ids = [row.candidacy.pk for row in rows]
    late, late_total = board.overdue_deliverables(Candidacy.objects.filter(pk__in=ids), _today())
    return render(
        request,
        "programme/dashboard.html",
        {
            "form": form,
            "rows": rows,
            "stage_names": [STAGE_NAMES[n] for n in STAGE_NUMBERS],
            "late": late,
            "late_total": late_total,
            "query": request.GET.urlencode(),
            "today": _today(),
        },
    )


@national_admin_required
def dashboard_xlsx(request: HttpRequest) -> HttpResponse:
    _form, rows = _dashboard_rows(request)
    response = HttpResponse(board.dashboard_xlsx(rows), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="dasbor-program.xlsx"'
    return response


# --- a person's own programme work ------------------------------------------------------------------


@login_required
def my_programme(request: HttpRequest) -> HttpResponse:
    candidacies = (
        visible_candidacies(request.user)
        .select_related("region", "cohort")
        .order_by("-cohort__year", "region__name")
    )
    if is_national_admin(request.user):
        return redirect("programme:cohorts")
    return render(request, "programme/mine.html", {"candidacies": candidacies})


# --- a region's programme ---------------------------------------------------------------------------


@login_required
def region_programme(request: HttpRequest, code: str) -> HttpResponse:
    region = get_programme_region_for_user(request.user, code)
    candidacies = visible_candidacies(request.user).filter(region=region).select_related("cohort", "mou")
    institutions = Institution.objects.filter(region=region).prefetch_related("members")
    return render(
        request,
        "programme/region.html",
        {"region": region, "candidacies": candidacies, "institutions": institutions},
    )


def _render_candidacy(request: HttpRequest, candidacy: Candidacy, **forms: Any) -> HttpResponse:
    user = request.user
    cohort = candidacy.cohort
    deliverables = list(
        candidacy.deliverables.select_related("item")
        .prefetch_related("transitions__actor")
        .order_by("item__stage", "item__order", "item_id")
    )
    last_return = {}
    for d in deliverables:
        returns = [t for t in d.transitions.all() if t.to_status == Deliverable.Status.RETURNED]
        if returns and d.status == Deliverable.Status.RETURNED:
            last_return[d.pk] = returns[-1]
    rows = board.progress_rows(board.with_relations(Candidacy.objects.filter(pk=candidacy.pk)), _today())
    entries, _recipe, saved = (
        _ranking_entries(cohort) if is_national_admin(user) or cohort.rankings.exists() else ([], {}, False)
    )
    entry = next((e for e in entries if e["code"] == candidacy.region.code), None)
    score = verified_scores([candidacy]).get(candidacy.pk)
    mou = Mou.objects.filter(candidacy=candidacy).first()
    admin = is_national_admin(user)
    context = {
        "candidacy": candidacy,
        "cohort": cohort,
        "region": candidacy.region,
        "stages": cohort.stages.all(),
        "row": rows[0] if rows else None,
        "deliverables": [(d, last_return.get(d.pk)) for d in deliverables],
        "entry": entry if saved or admin else None,
        "score": score,
        "mou": mou,
        "mentors": candidacy.mentors.select_related("mentor"),
        "assessors": candidacy.assessors.select_related("assessor"),
        "is_admin": admin,
        "can_verify": can_verify_score(user, candidacy) and not cohort.rankings.exists(),
        "score_form": forms.get("score_form") or ScoreForm(),
        "can_link": (can_verify_score(user, candidacy) or can_submit(user, candidacy))
        and not cohort.rankings.exists(),
        "link_form": forms.get("link_form")
        or LinkAssessmentForm(
            initial={"assessment": candidacy.assessment_id}, choices=linkable_assessments(candidacy)
        ),
        "assessment_url": _assessment_url(candidacy),
        "mou_form": forms.get("mou_form")
        or MouForm(initial={"number": mou.number, "signed_on": mou.signed_on} if mou else None),
        "mentor_form": forms.get("mentor_form") or PersonForm(initial={"region": candidacy.region.code}),
        "today": _today(),
    }
    bound = [f for f in forms.values() if f is not None]
    return render(
        request, "programme/candidacy.html", context, status=max([_status(f) for f in bound] or [200])
    )


@login_required
def candidacy_detail(request: HttpRequest, code: str, cohort_id: int) -> HttpResponse:
    return _render_candidacy(request, get_candidacy_for_user(request.user, code, cohort_id))


@login_required
@require_POST
def verify_score(request: HttpRequest, code: str, cohort_id: int) -> HttpResponse:
    candidacy = get_candidacy_for_user(request.user, code, cohort_id)
    if not can_verify_score(request.user, candidacy):
        raise Http404
    form = ScoreForm(request.POST)
    if form.is_valid():
        try:
            actions.do_record_verified_score(request.user, candidacy, form.cleaned_data["score"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Verified score recorded."))
            return redirect("programme:candidacy", code=code, cohort_id=cohort_id)
    return _render_candidacy(request, candidacy, score_form=form)


def _assessment_url(candidacy: Candidacy) -> str:
    if not candidacy.assessment_id:
        return ""
    try:
        return reverse("assessment:detail", args=[candidacy.region.code, candidacy.assessment_id])
    except NoReverseMatch:
        return ""


@login_required
@require_POST
def link_assessment(request: HttpRequest, code: str, cohort_id: int) -> HttpResponse:
    candidacy = get_candidacy_for_user(request.user, code, cohort_id)
    if not (can_verify_score(request.user, candidacy) or can_submit(request.user, candidacy)):
        raise Http404
    form = LinkAssessmentForm(request.POST, choices=linkable_assessments(candidacy))
    if form.is_valid():
        try:
            actions.do_link_assessment(request.user, candidacy, form.cleaned_data["assessment"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Selection assessment linked."))
            return redirect("programme:candidacy", code=code, cohort_id=cohort_id)
    return _render_candidacy(request, candidacy, link_form=form)


@login_required
@require_POST
def record_mou(request: HttpRequest, code: str, cohort_id: int) -> HttpResponse:
    candidacy = get_candidacy_for_user(request.user, code, cohort_id)
    if not is_national_admin(request.user):
        raise Http404
    form = MouForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            actions.do_record_mou(
                request.user,
                candidacy,
                number=form.cleaned_data["number"],
                signed_on=form.cleaned_data["signed_on"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("MoU recorded."))
            return redirect("programme:candidacy", code=code, cohort_id=cohort_id)
    return _render_candidacy(request, candidacy, mou_form=form)


@login_required
def mou_file(request: HttpRequest, code: str, cohort_id: int) -> HttpResponseBase:
    candidacy = get_candidacy_for_user(request.user, code, cohort_id)
    mou = Mou.objects.filter(candidacy=candidacy).first()
    if mou is None or not mou.file:
        raise Http404
    name = f"mou-{candidacy.region.code}-{candidacy.cohort.year}.{mou.file_type}"
    return uploads.serve(mou.file.name or "", name, mou.file_type)


@login_required
@require_POST
def assign_mentor(request: HttpRequest, code: str, cohort_id: int) -> HttpResponse:
    candidacy = get_candidacy_for_user(request.user, code, cohort_id)
    if not is_national_admin(request.user):
        raise Http404
    form = PersonForm(request.POST)
    if form.is_valid():
        person = _user_named(form.cleaned_data["username"])
        if person is None:
            form.add_error("username", _("No active person has this username."))
        else:
            try:
                actions.do_assign_mentor(request.user, candidacy, person)
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Mentor assigned."))
                return redirect("programme:candidacy", code=code, cohort_id=cohort_id)
    return _render_candidacy(request, candidacy, mentor_form=form)


# --- deliverables -------------------------------------------------------------------------------------


def _render_deliverable(request: HttpRequest, deliverable: Deliverable, **forms: Any) -> HttpResponse:
    candidacy = deliverable.candidacy
    user = request.user
    context = {
        "deliverable": deliverable,
        "candidacy": candidacy,
        "region": candidacy.region,
        "cohort": candidacy.cohort,
        "items": deliverable.items.select_related("added_by"),
        "transitions": deliverable.transitions.select_related("actor"),
        "can_submit": can_submit(user, candidacy) and deliverable.status in ("pending", "returned"),
        "can_review": can_review(user, candidacy) and deliverable.status == "submitted",
        "item_form": forms.get("item_form") or SubmittedItemForm(),
        "submit_form": forms.get("submit_form") or SubmitForm(),
        "review_form": forms.get("review_form") or ReviewForm(),
        "discussion": apps.is_installed("kotacerdas.discussion"),
        "overdue": deliverable.item.due_on is not None
        and deliverable.item.due_on < _today()
        and deliverable.status in ("pending", "returned"),
    }
    bound = [f for f in forms.values() if f is not None]
    return render(
        request, "programme/deliverable.html", context, status=max([_status(f) for f in bound] or [200])
    )


def _deliverable(request: HttpRequest, code: str, cohort_id: int, deliverable_id: int) -> Deliverable:
    return get_region_deliverable_for_user(request.user, code, cohort_id, deliverable_id)


@login_required
def deliverable_detail(request: HttpRequest, code: str, cohort_id: int, deliverable_id: int) -> HttpResponse:
    deliverable = _deliverable(request, code, cohort_id, deliverable_id)
    if request.method != "POST":
        return _render_deliverable(request, deliverable)
    if not can_submit(request.user, deliverable.candidacy):
        raise Http404
    form = SubmittedItemForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            actions.do_add_submitted_item(
                request.user,
                deliverable,
                label=form.cleaned_data["label"],
                link=form.cleaned_data["link"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Item added."))
            return redirect(deliverable.get_absolute_url())
    return _render_deliverable(request, deliverable, item_form=form)


@login_required
@require_POST
def deliverable_submit(request: HttpRequest, code: str, cohort_id: int, deliverable_id: int) -> HttpResponse:
    deliverable = _deliverable(request, code, cohort_id, deliverable_id)
    if not can_submit(request.user, deliverable.candidacy):
        raise Http404
    form = SubmitForm(request.POST)
    if form.is_valid():
        try:
            actions.do_submit_deliverable(request.user, deliverable, note=form.cleaned_data["note"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Submitted for review."))
            return redirect(deliverable.get_absolute_url())
    return _render_deliverable(request, deliverable, submit_form=form)


@login_required
@require_POST
def deliverable_review(request: HttpRequest, code: str, cohort_id: int, deliverable_id: int) -> HttpResponse:
    deliverable = _deliverable(request, code, cohort_id, deliverable_id)
    if not can_review(request.user, deliverable.candidacy):
        raise Http404
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            actions.do_review_deliverable(
                request.user,
                deliverable,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            if form.cleaned_data["decision"] == "approved":
                messages.success(request, _("Deliverable approved."))
            else:
                messages.success(request, _("Deliverable returned for revision."))
            return redirect(deliverable.get_absolute_url())
    return _render_deliverable(request, deliverable, review_form=form)


@login_required
def item_file(
    request: HttpRequest, code: str, cohort_id: int, deliverable_id: int, item_id: int
) -> HttpResponseBase:
    deliverable = _deliverable(request, code, cohort_id, deliverable_id)
    item = get_item_for_user(request.user, deliverable, item_id)
    if not item.file:
        raise Http404
    name = f"{deliverable.item.code}-{code}-{item.pk}.{item.file_type}"
    return uploads.serve(item.file.name or "", name, item.file_type)


# --- institutions ---------------------------------------------------------------------------------------


def _render_institutions(request: HttpRequest, region: Region, **forms: Any) -> HttpResponse:
    bodies = {i.kind: i for i in Institution.objects.filter(region=region).prefetch_related("members")}
    sections = [(kind, label, bodies.get(kind)) for kind, label in Institution.Kind.choices]
    context = {
        "region": region,
        "sections": sections,
        "can_edit": can_edit_institutions(request.user, region),
        "institution_form": forms.get("institution_form") or InstitutionForm(),
        "member_form": forms.get("member_form") or MemberForm(),
        "blank_member_form": MemberForm(auto_id=False),
        "member_kind": forms.get("member_kind", ""),
    }
    bound = [f for k, f in forms.items() if k.endswith("_form") and f is not None]
    return render(
        request, "programme/institutions.html", context, status=max([_status(f) for f in bound] or [200])
    )


@login_required
def institutions(request: HttpRequest, code: str) -> HttpResponse:
    region = get_programme_region_for_user(request.user, code)
    if request.method != "POST":
        return _render_institutions(request, region)
    if not can_edit_institutions(request.user, region):
        raise Http404
    form = InstitutionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            actions.do_save_institution(
                request.user,
                region,
                kind=form.cleaned_data["kind"],
                decree_number=form.cleaned_data["decree_number"],
                decree_date=form.cleaned_data["decree_date"],
                upload=form.cleaned_data["decree_file"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Decree saved."))
            return redirect("programme:institutions", code=code)
    return _render_institutions(request, region, institution_form=form)


@login_required
@require_POST
def institution_member_add(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    region = get_programme_region_for_user(request.user, code)
    if not can_edit_institutions(request.user, region):
        raise Http404
    if kind not in Institution.Kind.values:
        raise Http404
    form = MemberForm(request.POST)
    if form.is_valid():
        institution = Institution.objects.filter(region=region, kind=kind).first()
        try:
            if institution is None:
                institution = actions.do_save_institution(
                    request.user, region, kind=kind, decree_number="", decree_date=None
                )
            actions.do_add_institution_member(request.user, institution, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Member added."))
            return redirect("programme:institutions", code=code)
    return _render_institutions(request, region, member_form=form, member_kind=kind)


@login_required
@require_POST
def institution_member_remove(request: HttpRequest, code: str, member_id: int) -> HttpResponse:
    region = get_programme_region_for_user(request.user, code)
    if not can_edit_institutions(request.user, region):
        raise Http404
    member = InstitutionMember.objects.filter(institution__region=region, pk=member_id).first()
    if member is None:
        raise Http404
    actions.do_remove_institution_member(request.user, member)
    messages.success(request, _("Member removed."))
    return redirect("programme:institutions", code=code)


@login_required
def institution_file(request: HttpRequest, code: str, kind: str) -> HttpResponseBase:
    region = get_programme_region_for_user(request.user, code)
    institution = get_institution_for_user(request.user, region, kind)
    if not institution.decree_file:
        raise Http404
    name = f"sk-{kind}-{code}.{institution.decree_file_type}"
    return uploads.serve(institution.decree_file.name or "", name, institution.decree_file_type)
