"""Ayu's national completeness view and its XLSX (the same rows)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from kotacerdas.accounts.access import national_admin_required
from kotacerdas.monitoring import national
from kotacerdas.programme.forms import DashboardFilterForm
from kotacerdas.programme.models import Cohort
from kotacerdas.web.pages import render_page
from kotacerdas.web.uploads import CONTENT_TYPES


def _rows(request: HttpRequest) -> tuple[DashboardFilterForm, list[national.Row]]:
    form = DashboardFilterForm(request.GET or None, cohorts=[(c.pk, c.name) for c in Cohort.objects.all()])
    return form, national.rows_for(national.regions_for(form))


@national_admin_required
def completeness(request: HttpRequest) -> HttpResponse:
    form, rows = _rows(request)
    context = {"form": form, "rows": rows, "query": request.GET.urlencode()}
    return render_page(request, "monitoring/national.html", context)


@national_admin_required
def completeness_xlsx(request: HttpRequest) -> HttpResponse:
    _form, rows = _rows(request)
    response = HttpResponse(national.as_xlsx(rows), content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = 'attachment; filename="kelengkapan-monitoring.xlsx"'
    return response
