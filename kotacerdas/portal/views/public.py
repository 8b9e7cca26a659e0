"""The public pages (no login): the national page, a region's page, its public event files, open data.

Every page reads published snapshots only (``kotacerdas.portal.access``), never live records, and the
national evaluation from its immutable publications (``kotacerdas.portal.reading``); an unpublished or
unknown region answers 404.
"""

from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from kotacerdas.core import formatting
from kotacerdas.monitoring.charts import kpi_chart
from kotacerdas.portal import dcat, opendata, opendata_files
from kotacerdas.portal.access import (
    get_public_event_file,
    get_public_snapshot,
    public_portals,
    public_rows,
    published_snapshots,
)
from kotacerdas.portal.reading import evaluations_of, published_time, status_name
from kotacerdas.portal.sources import latest_publication
from kotacerdas.regions.models import Region
from kotacerdas.web import uploads

TOP_PER_CLASS = 5


class NationalFilter(forms.Form):
    province = forms.ChoiceField(label=_("Province"), required=False)
    size_class = forms.ChoiceField(label=_("City-size class"), required=False)

    def __init__(self, data: Any, rows: list[dict[str, Any]]) -> None:
        super().__init__(data)
        provinces = sorted({(r["province_code"], r["province"]) for r in rows if r["province_code"]})
        classes = sorted({r["size_class"] for r in rows if r["size_class"]})
        self.fields["province"].choices = [("", _("All provinces")), *provinces]  # type: ignore[attr-defined]
        self.fields["size_class"].choices = [("", _("All classes")), *[(c, c) for c in classes]]  # type: ignore[attr-defined]


def national(request: HttpRequest) -> HttpResponse:
    rows = public_rows()
    form = NationalFilter(request.GET or None, rows)
    shown = rows
    if form.is_bound and form.is_valid():
        province, size_class = form.cleaned_data["province"], form.cleaned_data["size_class"]
        shown = [r for r in shown if not province or r["province_code"] == province]
        shown = [r for r in shown if not size_class or r["size_class"] == size_class]
    context = {
        "form": form,
        "count": len(shown),
        "rows": _national_rows(shown),
        "total": len(rows),
        "evaluation": _evaluation_by_class(),
    }
    return render(request, "portal/national.html", context)


def _national_rows(rows: list[dict[str, Any]]) -> SafeString:
    """The table's rows as HTML built here: 514 regions through template nodes (a URL tag and three
    filters each) cost about a second on a loaded machine. Text from the database is escaped."""
    link = reverse("portal:region", kwargs={"code": "00.00"}).replace("00.00", "{code}")
    # the pages' date format in the reader's language, once per distinct day (~30 µs a call)
    day = {published: date_format(published, "j M Y") for published in {r["published_on"] for r in rows}}
    return mark_safe(
        "".join(
            f'<tr><td><a href="{link.format(code=escape(r["code"]))}">{escape(r["name"])}</a></td>'
            f"<td>{escape(r['province'])}</td><td>{escape(r['size_class'] or '–')}</td>"
            f'<td class="num">{_percent(r["overall"])}</td>'
            f"<td>{day[r['published_on']]}</td></tr>"
            for r in rows
        )
    )


def _percent(value: str | None) -> str:
    return "–" if value in (None, "") else formatting.percent(Decimal(value))


def _evaluation_by_class() -> dict[str, Any] | None:
    """The latest published evaluation: the best regions of each size class."""
    publication = latest_publication()
    if publication is None:
        return None
    by_class: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in publication.rows:
        if row.get("rank_in_class"):
            by_class[row["size_class"]].append(row)
    names = dict(
        Region.objects.filter(code__in=[r["region_code"] for r in publication.rows]).values_list(
            "code", "name"
        )
    )
    # smallest class first, as the cycle's frozen scheme lists them (and /wilayah/ does), not A–Z
    order = [band["code"] for band in publication.cycle.size_scheme.get("bands", [])]
    classes = []
    ranked = sorted(by_class, key=lambda c: (c not in order, order.index(c) if c in order else 0, c))
    for size_class in ranked:
        best = sorted(by_class[size_class], key=lambda r: int(r["rank_in_class"]))[:TOP_PER_CLASS]
        classes.append(
            {"name": size_class, "rows": [{**r, "name": names.get(r["region_code"], "")} for r in best]}
        )
    return {"year": publication.cycle.year, "classes": classes}


def region(request: HttpRequest, code: str) -> HttpResponse:
    snap = get_public_snapshot(code)
    content = snap.content
    context = {
        "snap": snap,
        "c": content,
        "dimensions": _dimensions(content),
        "evaluations": evaluations_of([snap]).get(code),  # None: the region does not publish them
        "kpi_figures": _kpi_figures(content),
        "budget": _budget(content),
    }
    return render(request, "portal/region.html", context)


def _dimensions(content: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The frozen dimensions with each initiative's status named in the reader's language."""
    if content.get("dimensions") is None:
        return None
    return [
        {**d, "initiatives": [{**i, "status_name": status_name(i)} for i in d["initiatives"]]}
        for d in content["dimensions"]
    ]


def _decimals(values: dict[str, str | None]) -> dict[int, Decimal]:
    return {int(year): Decimal(value) for year, value in values.items() if value is not None}


def _kpi_figures(content: dict[str, Any]) -> list[SafeString]:
    """Each KPI's figure (chart and table) as HTML built here: 150 KPIs through template nodes cost most
    of the page. Names, units and codes are escaped; everything else is a number we formatted."""
    years = content.get("years", [])
    legend = str(_("target (dashed) against approved actual (solid)"))
    head = "".join(
        f'<th scope="col"{cls}>{escape(str(text))}</th>'
        for text, cls in (
            (_("Year"), ""),
            (_("Target"), ' class="num"'),
            (_("Approved actual"), ' class="num"'),
        )
    )
    figures = []
    for kpi in content.get("kpis", []):
        targets, actuals = _decimals(kpi["targets"]), _decimals(kpi["actuals"])
        chart = kpi_chart(years, targets, actuals, f"{kpi['name']}: {legend}")
        caption = (
            f"<strong>{escape(kpi['name'])}</strong> ({escape(kpi['unit'])}) · {escape(kpi['initiative'])}"
        )
        figures.append(
            mark_safe(
                f'<figure class="panel kpi"><figcaption>{caption}</figcaption>{chart}<table class="compact">'
                f"<thead><tr>{head}</tr></thead><tbody>{_cells(years, targets, actuals)}</tbody>"
                "</table></figure>"
            )
        )
    return figures


def _cells(years: list[int], targets: dict[int, Decimal], actuals: dict[int, Decimal]) -> SafeString:
    """The KPI's table rows as HTML built here: 150 KPIs × 5 years through template nodes cost most of
    the page (as on the monitoring page). Years are integers, values formatted numbers: nothing to escape."""
    return mark_safe(
        "".join(
            f'<tr><td>{year}</td><td class="num">{_plain(targets[year])}</td>'
            f'<td class="num">{_plain(actuals.get(year))}</td></tr>'
            for year in years
            if year in targets
        )
    )


def _plain(value: Decimal | None) -> str:
    """A measured value as entered, without padding zeros (the ``decimal_plain`` filter's format)."""
    if value is None:
        return "–"
    places = max(0, -int(value.normalize().as_tuple().exponent))
    return formatting.decimal(value, places)


def _budget(content: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for row in content.get("budget", []):
        pagu, realised = Decimal(row["pagu"]), Decimal(row["realised"])
        share = realised / pagu * 100 if pagu else None
        rows.append({**row, "share": share})
    return rows


def event_file(request: HttpRequest, code: str, file_id: int) -> HttpResponseBase:
    """A material or photo that was public in the current snapshot."""
    item = get_public_event_file(get_public_snapshot(code), file_id)
    return uploads.serve(item.stored_name, item.download_name, item.format)


def data_index(request: HttpRequest) -> HttpResponse:
    return render(
        request, "portal/data.html", {"tables": opendata.TABLES, "formats": list(opendata_files.WRITERS)}
    )


def _table(name: str) -> opendata.Table:
    if name not in opendata.BY_NAME:
        raise Http404
    return opendata.BY_NAME[name]


def dataset(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    found = _table(table)
    if fmt not in opendata_files.WRITERS:
        raise Http404
    content = opendata_files.WRITERS[fmt](found, opendata.rows_of(found, published_snapshots()))
    response = HttpResponse(
        content, content_type=opendata_files.FORMATS[fmt] or uploads.CONTENT_TYPES["xlsx"]
    )
    if fmt == "csv":
        response["Content-Type"] = "text/csv; charset=utf-8"
    response["Content-Disposition"] = f'attachment; filename="kotacerdas-{found.name}.{fmt}"'
    return response


def _base(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def datapackage(request: HttpRequest, table: str) -> HttpResponse:
    # the descriptor and the catalogue are published files, the same bytes for every reader (harvested by
    # Satu Data, cached by anyone): in the programme's language, whatever language the reader chose
    with translation.override(settings.LANGUAGE_CODE):
        descriptor = opendata_files.datapackage(_table(table), _base(request))
    return HttpResponse(json.dumps(descriptor, ensure_ascii=False, indent=1), content_type="application/json")


def catalogue(request: HttpRequest) -> HttpResponse:
    newest = max((s.published_at for s in _current_times()), default=None)
    with translation.override(settings.LANGUAGE_CODE):
        body = dcat.catalogue(_base(request), published_time(newest) if newest else None)
    return HttpResponse(json.dumps(body, ensure_ascii=False, indent=1), content_type="application/ld+json")


def _current_times() -> list[Any]:
    return [p.current for p in public_portals()]
