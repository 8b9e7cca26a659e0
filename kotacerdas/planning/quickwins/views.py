"""Pages of the Quick Wins: candidates under the criteria, selection, profile and risk register."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.core.quick_wins import Candidate, QuickWinCriteria, quick_win_candidates
from kotacerdas.planning.access import get_in_region, masterplan_page
from kotacerdas.planning.models import Initiative, Masterplan, QuickWin, Risk
from kotacerdas.planning.pages import needs_masterplan, post_only
from kotacerdas.planning.prioritisation.ranking import current_prioritisation
from kotacerdas.planning.quickwins import actions
from kotacerdas.planning.quickwins.forms import (
    QuickWinCriteriaForm,
    QuickWinForm,
    RiskForm,
    SelectQuickWinForm,
)
from kotacerdas.regions.models import Region
from kotacerdas.web.pages import Failed, RegionPage, delete_view

Page = RegionPage[Region]


@needs_masterplan
def quickwins(page: Page, masterplan: Masterplan) -> HttpResponse:
    form = QuickWinCriteriaForm(page.post, initial=QuickWinCriteriaForm.initial_for(masterplan))
    saved = page.save(
        form,
        lambda data: actions.do_set_quick_win_criteria(page.user, page.region, **data),
        _("Quick Win criteria saved."),
    )
    return saved or _quickwins_page(page, masterplan, form)


def _quickwins_page(
    page: Page, masterplan: Masterplan, form: QuickWinCriteriaForm, *, refused: bool = False
) -> HttpResponse:
    """The candidates page; ``refused`` when choosing a Quick Win was refused (its message is flashed)."""
    context = {
        "masterplan": masterplan,
        "form": form,
        "assessed": _assessed_candidates(page.region, masterplan),
        "select_form": SelectQuickWinForm(years=masterplan.years),
        "selected": QuickWin.objects.filter(region=page.region).select_related("initiative", "owner"),
    }
    response = page.render("planning/quickwins.html", context, form)
    if refused:
        response.status_code = 400
    return response


def _assessed_candidates(region: Region, masterplan: Masterplan) -> list[dict[str, Any]]:
    """Every initiative not yet chosen, against the criteria, by priority, with what it fails."""
    ranking, items = current_prioritisation(region)
    priority = {r.id: r.score for r in ranking.ranking} if ranking else {}
    criteria = QuickWinCriteria(
        masterplan.qw_max_years,
        masterplan.qw_cost_ceiling,
        masterplan.qw_citizen_benefit,
        float(masterplan.qw_min_readiness) if masterplan.qw_min_readiness is not None else None,
    )
    chosen = {qw.initiative_id for qw in QuickWin.objects.filter(region=region)}
    candidates = [
        Candidate(
            i.code,
            i.start_year,
            i.duration,
            i.budget_total(),
            i.citizen_benefit,
            i.scores.get("readiness"),
            priority.get(i.code, 0.0),
        )
        for i in items
        if i.pk not in chosen
    ]
    by_code = {i.code: i for i in items}
    failed_labels = {
        "finish": _("finishes too late"),
        "cost": _("costs too much"),
        "citizen_benefit": _("no direct citizen benefit"),
        "readiness": _("readiness too low"),
    }
    return [
        {
            "item": by_code[a.candidate.id],
            "qualifies": a.qualifies,
            "priority": a.candidate.priority,
            "failed": [failed_labels[f] for f in a.failed],
        }
        for a in quick_win_candidates(candidates, criteria, masterplan.period_start)
    ]


@needs_masterplan
@post_only
def quickwin_select(page: Page, masterplan: Masterplan, initiative_id: int) -> HttpResponse:
    item = get_in_region(Initiative, page.region, initiative_id)
    form = SelectQuickWinForm(page.post, years=masterplan.years)
    if form.is_valid():
        quick_win = page.run(
            lambda: actions.do_select_quick_win(page.user, item, year=form.cleaned_data["year"]),
            lambda chosen: (
                _("“%(name)s” is a Quick Win for %(year)s.") % {"name": item.name, "year": chosen.year}
            ),
        )
        if not isinstance(quick_win, Failed):
            return redirect(quick_win.get_absolute_url())
    else:
        messages.error(page.request, _("Quick Wins are chosen for the first or second year of the period."))
    criteria_form = QuickWinCriteriaForm(initial=QuickWinCriteriaForm.initial_for(masterplan))
    return _quickwins_page(page, masterplan, criteria_form, refused=True)


@needs_masterplan
def quickwin(page: Page, masterplan: Masterplan, quickwin_id: int) -> HttpResponse:
    item = get_in_region(QuickWin, page.region, quickwin_id)
    # one page, two forms: the profile, and a new risk (posted with form=risk)
    is_risk = page.request.POST.get("form") == "risk"
    form = QuickWinForm(
        None if is_risk else page.post,
        region=page.region,
        years=masterplan.years,
        initial=QuickWinForm.initial_for(item),
    )
    # the risk form has ids of its own: the profile and the risk both have an "owner"
    risk_form = RiskForm(page.post if is_risk else None, auto_id="id_risk_%s")
    back = item.get_absolute_url()
    if is_risk:
        saved = page.save(
            risk_form, lambda data: actions.do_add_risk(page.user, item, **data), _("Risk added."), back
        )
    else:
        saved = page.save(
            form,
            lambda data: actions.do_save_quick_win_profile(page.user, item, **data),
            _("Quick Win profile saved."),
            back,
        )
    context = {"item": item, "form": form, "risk_form": risk_form, "risks": item.risks.all()}
    return saved or page.render("planning/quickwin.html", context, form, risk_form)


quickwin_remove = delete_view(
    masterplan_page,
    lambda region, pk: get_in_region(QuickWin, region, pk),
    actions.do_remove_quick_win,
    done=gettext_lazy("Quick Win removed."),
    back="planning:quickwins",
)


@masterplan_page
@post_only
def risk_delete(page: Page, risk_id: int) -> HttpResponse:
    """A delete that goes back to the risk's Quick Win (delete_view goes back to a fixed list)."""
    risk = get_in_region(Risk, page.region, risk_id)
    page.run(lambda: actions.do_delete_risk(page.user, risk), _("Risk deleted."))
    return redirect(risk.quick_win.get_absolute_url())
