"""Pages of the group AHP: an expert's own judgements, and the group with each expert's consistency."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.core import ahp
from kotacerdas.core.formatting import decimal, percent
from kotacerdas.core.prioritisation import DEFAULT_CRITERIA
from kotacerdas.planning.access import can_judge_criteria, expert_page, masterplan_of, own_judgement
from kotacerdas.planning.models import Masterplan
from kotacerdas.planning.pages import needs_masterplan, to_profile
from kotacerdas.planning.prioritisation import actions
from kotacerdas.planning.prioritisation.forms import CRITERION_LABELS, ExpertJudgementForm
from kotacerdas.planning.prioritisation.group import MIN_EXPERTS, GroupAhp, group_ahp
from kotacerdas.planning.prioritisation.judgements import matrix_of
from kotacerdas.planning.prioritisation.views import ahp_view
from kotacerdas.regions.models import Region
from kotacerdas.web.pages import RegionPage

Page = RegionPage[Region]


@expert_page
def expert_judgements(page: Page) -> HttpResponse:
    """The signed-in expert's own judgements (a form page: 403 for anyone who is not an expert)."""
    if masterplan_of(page.region) is None:
        return to_profile(page)
    if not page.can_edit:
        return page.forbidden()
    mine = own_judgement(page.region, page.user)
    initial = {k.replace("|", "__"): v for k, v in mine.judgements.items()} if mine else {}
    form = ExpertJudgementForm(page.post, initial=initial)
    saved = page.save(
        form,
        lambda _data: actions.do_save_expert_judgements(page.user, page.region, form.judgements()),
        _saved,
        then=reverse("planning:group_weights", args=[page.region.code]),
    )
    own = ahp_view(ahp.analyse(matrix_of(mine.judgements))) if mine else None
    return saved or page.render("planning/expert_judgements.html", {"form": form, "own": own}, form)


def _saved(result: ahp.AhpResult) -> str:
    cr = decimal(result.consistency_ratio, 3)
    if result.is_consistent:
        return _("Your judgements are saved (CR %(cr)s).") % {"cr": cr}
    return _(
        "Your judgements are saved, but CR %(cr)s is not below 0,10: revisit the judgements named "
        "on the page."
    ) % {"cr": cr}


@needs_masterplan
def group_weights(page: Page, masterplan: Masterplan) -> HttpResponse:
    """Every expert's consistency and the group weights; the coordinator's POST adopts them."""
    if page.post is not None:
        page.run(lambda: actions.do_use_group_weights(page.user, page.region), _adopted)
        return redirect("planning:group_weights", code=page.region.code)
    group = group_ahp(page.region)
    context = {
        "masterplan": masterplan,
        "experts": [_expert_row(e.judgement.expert, e.result) for e in group.experts],
        "group": ahp_view(group.result) if group.result else None,
        "weights": _weights_table(group),
        "is_group": group.is_group,
        "min_experts": MIN_EXPERTS,
        "in_use": group.in_use(masterplan),
        "may_judge": can_judge_criteria(page.user, page.region),
        "has_judged": own_judgement(page.region, page.user) is not None,
    }
    return page.render("planning/group_weights.html", context)


def _adopted(group: GroupAhp) -> str:
    return _("The masterplan now uses the group weights of %(n)d experts.") % {"n": len(group.experts)}


def _expert_row(expert: Any, result: ahp.AhpResult) -> dict[str, Any]:
    return {**(ahp_view(result) or {}), "name": str(expert), "cr_text": decimal(result.consistency_ratio, 3)}


def _weights_table(group: GroupAhp) -> list[dict[str, Any]]:
    """Per criterion: each expert's weight and the group's, as percentages."""
    rows = []
    for index, criterion in enumerate(DEFAULT_CRITERIA):
        rows.append(
            {
                "criterion": CRITERION_LABELS[criterion.id],
                "experts": [percent(e.result.priorities[index] * 100) for e in group.experts],
                "group": percent(group.result.priorities[index] * 100) if group.result else "–",
            }
        )
    return rows
