"""Budi's outcome indicators page: each series' yearly values, with add, change, remove and the start
from the masterplan's key indicators. Everyone who opens the monitoring page reads it; only the manager
sees the forms (a POST from anyone else is a 403 before the view runs)."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kotacerdas.monitoring.access import get_outcome, manage_page
from kotacerdas.monitoring.actions.setup import do_remove_outcome, do_save_outcome, do_seed_outcomes
from kotacerdas.monitoring.forms import OutcomeForm, RemoveOutcomeForm
from kotacerdas.monitoring.models import OutcomeValue
from kotacerdas.planning.models import KeyIndicator
from kotacerdas.regions.models import Region
from kotacerdas.web.pages import RegionPage


def _list_url(region: Region) -> str:
    return reverse("monitoring:outcomes", args=[region.code])


def _context(page: RegionPage[Region], **extra: Any) -> dict[str, Any]:
    """The series by name (oldest year first), and the names the form offers."""
    series: dict[str, list[OutcomeValue]] = {}
    for row in OutcomeValue.objects.filter(region=page.region).order_by("name", "year"):
        series.setdefault(row.name, []).append(row)
    indicators = KeyIndicator.objects.filter(region=page.region).order_by("name", "year")
    key_names = list(dict.fromkeys(indicators.values_list("name", flat=True)))
    return {
        "series": series,
        "names": list(dict.fromkeys([*key_names, *series])),
        "key_indicators": len(key_names),
        "remove_form": None,
        "editing": None,
        **extra,
    }


@manage_page
def outcomes(page: RegionPage[Region]) -> HttpResponse:
    """The region's outcome series, and the form that adds one year's value (``version=0``: a value
    already stored for that year is changed from the list, never overwritten from here)."""
    form = OutcomeForm(page.post, initial={"version": 0})
    saved = page.save(
        form,
        lambda data: do_save_outcome(page.user, page.region, **data),
        _("Outcome value saved."),
        then=_list_url(page.region),
    )
    return saved or page.render("monitoring/outcomes.html", {"form": form, **_context(page)}, form)


@manage_page
def outcome(page: RegionPage[Region], outcome_id: int) -> HttpResponse:
    """Change one year's value (its name and year too), from the version the form was opened at."""
    found = get_outcome(page.region, outcome_id)
    initial = {
        "version": found.version,
        "name": found.name,
        "year": found.year,
        "value": found.value,
        "unit": found.unit,
        "source": found.source,
        "verified": found.verified,
    }
    form = OutcomeForm(page.post, initial=initial)
    saved = page.save(
        form,
        lambda data: do_save_outcome(page.user, page.region, outcome=found, **data),
        _("Outcome value saved."),
        then=_list_url(page.region),
    )
    return saved or page.render(
        "monitoring/outcomes.html", {"form": form, **_context(page, editing=found)}, form
    )


@manage_page
def remove_outcome(page: RegionPage[Region], outcome_id: int) -> HttpResponse:
    if page.request.method != "POST":  # after login and the region check, as require_POST would be
        return HttpResponseNotAllowed(["POST"])
    found = get_outcome(page.region, outcome_id)
    form = RemoveOutcomeForm(page.post)
    saved = page.save(
        form,
        lambda data: do_remove_outcome(page.user, found, **data),
        _("Outcome value removed."),
        then=_list_url(page.region),
    )
    context = _context(page, remove_form=form)
    return saved or page.render(
        "monitoring/outcomes.html", {"form": OutcomeForm(initial={"version": 0}), **context}, form
    )


def _added(count: int, any_indicator: bool) -> str:
    if not any_indicator:
        return str(_("No value added: the masterplan has no key indicators yet."))
    if not count:
        return str(
            _(
                "No value added: every key indicator of the masterplan already has its year in the series "
                "(or a year before 2000)."
            )
        )
    return _("Values added from the masterplan's key indicators: %(count)d.") % {"count": count}


@manage_page
def seed_outcomes(page: RegionPage[Region]) -> HttpResponse:
    """Start the series from the masterplan's key indicators (a button without a form)."""
    if page.request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    any_indicator = KeyIndicator.objects.filter(region=page.region).exists()
    page.run(lambda: do_seed_outcomes(page.user, page.region), lambda count: _added(count, any_indicator))
    return redirect(_list_url(page.region))
