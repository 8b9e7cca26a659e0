"""Budi's Quick Win milestones page ("Tonggak Quick Win"): per Quick Win of the active masterplan
revision, its milestones (planned year, done in which approved report), with add, change, remove and
"start from the Quick Win's steps". Everyone who opens the monitoring page reads it; only the manager
sees the forms (a POST from anyone else is a 403 before the view runs)."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kotacerdas.monitoring.access import get_milestone, get_quick_win, manage_page, milestones_of
from kotacerdas.monitoring.actions.setup import (
    do_add_milestone,
    do_change_milestone,
    do_remove_milestone,
    do_seed_milestones,
)
from kotacerdas.monitoring.forms import MilestoneForm, RemoveMilestoneForm
from kotacerdas.monitoring.models import Milestone
from kotacerdas.planning.models import QuickWin
from kotacerdas.regions.models import Region
from kotacerdas.web.pages import RegionPage


def _list_url(region: Region) -> str:
    return reverse("monitoring:milestones", args=[region.code])


def _context(page: RegionPage[Region], **extra: Any) -> dict[str, Any]:
    groups = milestones_of(page.region)
    return {
        "groups": groups,
        "quick_win_choices": [g.quick_win for g in groups],
        "remove_form": None,
        "editing": None,
        **extra,
    }


@manage_page
def milestones(page: RegionPage[Region]) -> HttpResponse:
    """The list, and the form that adds a milestone to the chosen Quick Win."""
    context = _context(page)
    form = MilestoneForm(page.post, initial={"version": 0}, quick_wins=context["quick_win_choices"])

    def add(data: dict[str, Any]) -> Milestone:
        quick_win = get_quick_win(page.region, data["quick_win"])
        return do_add_milestone(page.user, quick_win, title=data["title"], year=data["year"])

    saved = page.save(form, add, _("Milestone added."), then=_list_url(page.region))
    return saved or page.render("monitoring/milestones.html", {"form": form, **context}, form)


@manage_page
def milestone(page: RegionPage[Region], milestone_id: int) -> HttpResponse:
    """Change one milestone's title and year, from the version the form was opened at."""
    found = get_milestone(page.region, milestone_id)
    initial = {"version": found.version, "title": found.title, "year": found.year}
    form = MilestoneForm(page.post, initial=initial)
    saved = page.save(
        form,
        lambda data: do_change_milestone(page.user, found, **data),
        _("Milestone saved."),
        then=_list_url(page.region),
    )
    return saved or page.render(
        "monitoring/milestones.html", {"form": form, **_context(page, editing=found)}, form
    )


@manage_page
def remove_milestone(page: RegionPage[Region], milestone_id: int) -> HttpResponse:
    if page.request.method != "POST":  # after login and the region check, as require_POST would be
        return HttpResponseNotAllowed(["POST"])
    found = get_milestone(page.region, milestone_id)
    form = RemoveMilestoneForm(page.post)
    saved = page.save(
        form,
        lambda data: do_remove_milestone(page.user, found, **data),
        _("Milestone removed."),
        then=_list_url(page.region),
    )
    context = _context(page, remove_form=form)
    return saved or page.render("monitoring/milestones.html", {"form": _add_form(context), **context}, form)


def _add_form(context: dict[str, Any]) -> MilestoneForm:
    return MilestoneForm(initial={"version": 0}, quick_wins=context["quick_win_choices"])


def _added(count: int, quick_win: QuickWin) -> str:
    if not quick_win.steps.strip():
        return str(_("No milestone added: this Quick Win has no steps written yet."))
    if not count:
        return str(_("No milestone added: every step of this Quick Win is already a milestone."))
    return _("Milestones added from the Quick Win's steps: %(count)d.") % {"count": count}


@manage_page
def seed_milestones(page: RegionPage[Region], quick_win_id: int) -> HttpResponse:
    """One milestone per line of the Quick Win's steps (a button without a form)."""
    if page.request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    quick_win = get_quick_win(page.region, quick_win_id)
    page.run(lambda: do_seed_milestones(page.user, quick_win), lambda count: _added(count, quick_win))
    return redirect(_list_url(page.region))
