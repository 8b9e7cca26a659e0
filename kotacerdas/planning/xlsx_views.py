"""Download and upload of the initiatives workbook."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kotacerdas.accounts.access import get_region_for_user
from kotacerdas.planning import xlsx
from kotacerdas.planning.access import can_edit_masterplan, masterplan_of
from kotacerdas.planning.forms import ImportForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD = 5 * 1024 * 1024


@login_required
def export_initiatives(request: HttpRequest, code: str) -> HttpResponse:
    region = get_region_for_user(request.user, code)
    if masterplan_of(region) is None:
        return redirect("planning:profile", code=region.code)
    response = HttpResponse(xlsx.export_workbook(region), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="inisiatif-{region.code}.xlsx"'
    return response


@login_required
def import_initiatives(request: HttpRequest, code: str) -> HttpResponse:
    region = get_region_for_user(request.user, code)
    if not can_edit_masterplan(request.user, region):
        return render(request, "403.html", {"region": region}, status=403)
    if masterplan_of(region) is None:
        return redirect("planning:profile", code=region.code)
    form = ImportForm(request.POST or None, request.FILES or None)
    row_errors: list[xlsx.RowError] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            form.add_error("file", _("The file is larger than 5 MB."))
        else:
            try:
                summary = xlsx.do_import_initiatives(request.user, region, upload.read())
            except xlsx.ImportRejected as error:
                row_errors = error.row_errors
                form.add_error(None, _("Nothing was imported: fix the cells listed below and upload again."))
            else:
                messages.success(
                    request,
                    _("Imported: %(created)s new and %(updated)s updated initiatives, %(kpis)s KPIs.")
                    % summary,
                )
                return redirect("planning:initiatives", code=region.code)
    return render(
        request,
        "planning/import.html",
        {"region": region, "form": form, "row_errors": row_errors},
        status=400 if form.is_bound and form.errors else 200,
    )
