"""Ayu's national completeness view and its XLSX (the same rows)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from kotacerdas.accounts.access import national_admin_required
from kotacerdas.monitoring import national
from kotacerdas.programme.forms import DashboardFilterForm
from kotacerdas.programme.models import Cohort
from kotacerdas.web.pages import render_page
from kotacerdas.web.params import page_of
from kotacerdas.web.uploads import CONTENT_TYPES


def _form(request: HttpRequest) -> DashboardFilterForm:
    filters = request.GET.copy()
    filters.pop("page", None)
    return DashboardFilterForm(filters or None, cohorts=[(c.pk, c.name) for c in Cohort.objects.all()])


def _rows(request: HttpRequest) -> tuple[DashboardFilterForm, list[national.Row]]:
    form = _form(request)
    return form, national.rows_for(national.regions_for_user(request.user, form))


@national_admin_required
def completeness(request: HttpRequest) -> HttpResponse:
    """One page of the programme's regions (the shared page size, by name, filtered as the national
    dashboard is): 514 rows through the template cost most of a second, and a list that long is read by
    filtering, not scrolling; the XLSX holds every row. A region without a period is listed, flagged."""
    form = _form(request)
    regions = national.regions_for_user(request.user, form)
    page = page_of(request, regions)
    rows = national.rows_for(page.object_list)  # a slice of the queryset
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "rows": rows,
        "page": page,
        "query": query.urlencode(),
        "xlsx_query": query.urlencode(),
        "without_period": national.without_period(regions),  # flagged in the rows; counted over every page
    }
    return render_page(request, "monitoring/national.html", context)


@national_admin_required
def completeness_xlsx(request: HttpRequest) -> HttpResponse:
    _form, rows = _rows(request)
    response = HttpResponse(national.as_xlsx(rows), content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = 'attachment; filename="kelengkapan-monitoring.xlsx"'
    return response
