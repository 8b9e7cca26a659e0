"""The OPD's reporting sheet: download for a period, upload it back (all rows or none)."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.monitoring import sheets
from kotacerdas.monitoring.access import get_period, report_page
from kotacerdas.monitoring.actions.sheets import do_import_sheet, sheet_items
from kotacerdas.monitoring.forms import ImportForm
from kotacerdas.regions.models import Region
from kotacerdas.web.pages import RegionPage
from kotacerdas.web.uploads import CONTENT_TYPES


@report_page
def sheet(page: RegionPage[Region], period_id: int) -> HttpResponse:
    period = get_period(page.region, period_id)
    kpis, initiatives = sheet_items(page.user, period)
    response = HttpResponse(sheets.write(period, kpis, initiatives), content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="monitoring-{page.region.code}-{period}.xlsx"'
    return response


@report_page
def sheet_import(page: RegionPage[Region], period_id: int) -> HttpResponse:
    period = get_period(page.region, period_id)
    form = ImportForm(page.post, page.files)
    saved = page.save(
        form,
        lambda data: do_import_sheet(page.user, period, data["file"].read()),
        lambda count: _("%(count)d reports saved from the sheet.") % {"count": count},
        then=reverse("monitoring:period", args=[page.region.code, period.pk]),
    )
    return saved or page.render("monitoring/import.html", {"period": period, "form": form}, form)
