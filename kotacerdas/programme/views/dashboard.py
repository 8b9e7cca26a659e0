"""Where the programme stands: Ayu's stage board and national dashboard (with its XLSX export), and
each person's own list of the candidacies they work on."""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string

from kotacerdas.accounts.access import is_national_admin, national_admin_required
from kotacerdas.audit.stamps import national_change_stamp
from kotacerdas.programme import board, dashboard_figures
from kotacerdas.programme.access import cohort_page, visible_candidacies
from kotacerdas.programme.forms import DashboardFilterForm
from kotacerdas.programme.models import STAGE_NAMES, STAGE_NUMBERS, Cohort
from kotacerdas.web.object_pages import ObjectPage
from kotacerdas.web.pages import render_page
from kotacerdas.web.params import page_of
from kotacerdas.web.region_cache import Kept, everyone, kept_national_fragment
from kotacerdas.web.uploads import CONTENT_TYPES


@cohort_page
def stage_board(page: ObjectPage[Cohort]) -> HttpResponse:
    cohort = page.obj
    rows = board.progress_rows(board.selected_candidacies().filter(cohort=cohort), board.today())
    context = {
        "cohort": cohort,
        "rows": rows,
        "stages": cohort.stages.all(),
        "stage_names": [STAGE_NAMES[n] for n in STAGE_NUMBERS],
    }
    return page.render("programme/board.html", context)


def _dashboard_rows(request: HttpRequest) -> tuple[DashboardFilterForm, list[board.Row]]:
    """The filter from the query string, and the rows it selects (all rows when it is not valid)."""
    form = DashboardFilterForm(request.GET or None, cohorts=_cohorts())
    candidacies = board.filtered(board.selected_candidacies(), form)
    return form, board.progress_rows(candidacies, board.today())


# The matrix, the overdue list and the figures are the same for every national admin; kept against the
# newest audit entry anywhere (every change they show is an audited action), by filter, page and day.
DASHBOARD_BODY = Kept("programme:dashboard", audience=everyone)
# The filter form too (a GET form: no token of a session in it): its selects' options, rendered through
# Django's widget templates, were half of the page's CPU once the body was kept.
DASHBOARD_FILTER = Kept("programme:dashboard-filter", audience=everyone)
FILTER_TEMPLATE = "programme/_dashboard_filter.html"


@national_admin_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The matrix pages by 50 regions (by region name): at 514 regions the whole matrix cost ~0.35 ms
    of CPU a region (issue 17). Only the page's rows are built; the overdue list covers every region
    the filter selects, and the XLSX export keeps every row. The body and the filter form are kept
    (issue 13: their rendering was most of the page's CPU) until the next audited change anywhere."""
    form = functools.cache(lambda: DashboardFilterForm(request.GET or None, cohorts=_cohorts()))
    variant = tuple(sorted(request.GET.lists()))
    stamp = national_change_stamp()  # read once for both

    def kept(part: Kept, render: Callable[[], str]) -> str:
        return kept_national_fragment(request, part, render, stamp=lambda: stamp, variant=variant)

    # the filter is not checked for a 400: one that does not validate shows every row
    context = {
        "form": kept(DASHBOARD_FILTER, lambda: render_to_string(FILTER_TEMPLATE, {"form": form()})),
        "body": kept(DASHBOARD_BODY, lambda: _dashboard_body(request, form())),
    }
    return render_page(request, "programme/dashboard.html", context)


def _cohorts() -> list[tuple[int, str]]:
    return [(c.pk, c.name) for c in Cohort.objects.all()]


def _dashboard_body(request: HttpRequest, form: DashboardFilterForm) -> str:
    candidacies = board.filtered(board.selected_candidacies(), form)
    ordered = candidacies.order_by("region__name", "cohort__year").values_list("pk", flat=True)
    page = page_of(request, ordered)
    rows = board.progress_rows(candidacies.filter(pk__in=list(page.object_list)), board.today())
    late, late_total = board.overdue_deliverables(candidacies, board.today())
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "rows": rows,
        "page": page,
        "filters": query.urlencode(),
        "stage_names": [STAGE_NAMES[n] for n in STAGE_NUMBERS],
        "late": late,
        "late_total": late_total,
        "query": request.GET.urlencode(),
        "today": board.today(),
        "figures": dashboard_figures.figures(),  # what the apps above programme count (socialisation)
    }
    return render_to_string("programme/_dashboard_body.html", context)


@national_admin_required
def dashboard_xlsx(request: HttpRequest) -> HttpResponse:
    _form, rows = _dashboard_rows(request)
    response = HttpResponse(board.dashboard_xlsx(rows), content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = 'attachment; filename="dasbor-program.xlsx"'
    return response


@login_required
def my_programme(request: HttpRequest) -> HttpResponse:
    if is_national_admin(request.user):
        return redirect("programme:cohorts")
    candidacies = (
        visible_candidacies(request.user)
        .select_related("region", "cohort")
        .order_by("-cohort__year", "region__name")
    )
    return render_page(request, "programme/mine.html", {"candidacies": candidacies})
