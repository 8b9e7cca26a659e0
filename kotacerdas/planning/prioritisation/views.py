"""Pages of the prioritisation: the ranking with its sensitivity, the weights and the scores."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.core import ahp
from kotacerdas.core.formatting import decimal
from kotacerdas.core.prioritisation import DEFAULT_CRITERIA, Prioritisation, weight_shifts, weight_stability
from kotacerdas.planning.models import Initiative, Masterplan
from kotacerdas.planning.pages import editors_only, needs_masterplan
from kotacerdas.planning.prioritisation import actions
from kotacerdas.planning.prioritisation.forms import CRITERION_LABELS, AhpForm, DirectWeightsForm, ScoresForm
from kotacerdas.planning.prioritisation.ranking import current_prioritisation
from kotacerdas.planning.reference import SCORED_CRITERIA
from kotacerdas.regions.models import Region
from kotacerdas.web.pages import Failed, RegionPage, attempt

Page = RegionPage[Region]


@needs_masterplan
def prioritisation(page: Page, masterplan: Masterplan) -> HttpResponse:
    ranking, initiatives = current_prioritisation(page.region)
    by_code = {i.code: i for i in initiatives}
    ranked = {r.id for r in ranking.ranking} if ranking else set()
    context = {
        "masterplan": masterplan,
        "weights": [
            (str(CRITERION_LABELS[c.id]), masterplan.weights.get(c.id, 0.0)) for c in DEFAULT_CRITERIA
        ],
        "ranking": [(r, by_code[r.id]) for r in ranking.ranking] if ranking else [],
        "unscored": [i for i in initiatives if i.code not in ranked],
        "shifts": _shifts(ranking) if ranking else [],
        "stability": _stability(ranking) if ranking else [],
        "ahp": ahp_view(_stored_ahp(masterplan)),
    }
    return page.render("planning/prioritisation.html", context)


def _shifts(ranking: Prioritisation) -> list[dict[str, Any]]:
    """How the ranking moves when one weight changes by 20 %."""
    return [
        {
            "criterion": CRITERION_LABELS[shift.criterion],
            "change": round(shift.change * 100),
            "moves": [(m.id, m.rank_before, m.rank_after) for m in shift.moves],
            "top_changed": shift.top_changed,
        }
        for shift in weight_shifts(ranking, 0.2)
        if shift.moves
    ]


def _stability(ranking: Prioritisation) -> list[dict[str, Any]]:
    """Per criterion, the range of its weight within which the ranking (and the top 3) holds."""
    top = min(3, len(ranking.ranking))
    return [
        {
            "criterion": CRITERION_LABELS[row.criterion],
            "weight": row.weight * 100,
            "low": row.ranking_low * 100,
            "high": row.ranking_high * 100,
            "top_low": row.top_k_low * 100,
            "top_high": row.top_k_high * 100,
        }
        for row in weight_stability(ranking, top_k=top)
    ]


def _stored_ahp(masterplan: Masterplan) -> ahp.AhpResult | None:
    if masterplan.weight_method not in ("ahp", "group") or not masterplan.judgements:
        return None
    judgements = {tuple(k.split("|")): v for k, v in masterplan.judgements.items()}
    return ahp.analyse(ahp.matrix_from_judgements([c.id for c in DEFAULT_CRITERIA], judgements))


def ahp_view(result: ahp.AhpResult | None) -> dict[str, Any] | None:
    """λmax, CI, CR, the priorities and the three judgements furthest from consistent."""
    if result is None:
        return None
    return {
        "lambda_max": result.lambda_max,
        "ci": result.consistency_index,
        "cr": result.consistency_ratio,
        "consistent": result.is_consistent,
        "priorities": [
            (CRITERION_LABELS[label], p) for label, p in zip(result.labels, result.priorities, strict=True)
        ],
        "worst": [
            {
                "a": CRITERION_LABELS[j.row],
                "b": CRITERION_LABELS[j.column],
                "given": _ratio(j.given),
                "implied": _ratio(j.implied),
            }
            for j in result.most_inconsistent()
        ],
    }


def _ratio(value: float) -> str:
    """A judgement as people write it, with the one number format: 3 → '3,00', 0.5 → '1/2,00'."""
    return decimal(value, 2) if value >= 1 else f"1/{decimal(1 / value, 2)}"


@needs_masterplan
@editors_only
def weights_ahp(page: Page, masterplan: Masterplan) -> HttpResponse:
    initial = {k.replace("|", "__"): v for k, v in masterplan.judgements.items()}
    form = AhpForm(page.post, initial=initial)
    if form.is_valid():
        result = attempt(form, lambda: actions.do_set_ahp_weights(page.user, page.region, form.judgements()))
        if not isinstance(result, Failed):
            _tell_consistency(page.request, result)
            return redirect("planning:prioritisation", code=page.region.code)
    return page.render("planning/weights_ahp.html", {"form": form}, form)


def _tell_consistency(request: HttpRequest, result: ahp.AhpResult) -> None:
    """Saved either way; an inconsistent set of judgements is a warning, not a refusal."""
    if result.is_consistent:
        messages.success(request, _("AHP weights saved (CR %(cr).3f).") % {"cr": result.consistency_ratio})
    else:
        messages.warning(
            request,
            _(
                "AHP weights saved, but CR %(cr).3f is not below 0.10: revisit the "
                "judgements named on the page."
            )
            % {"cr": result.consistency_ratio},
        )


@needs_masterplan
@editors_only
def weights_direct(page: Page, masterplan: Masterplan) -> HttpResponse:
    initial = {f"w_{k}": round(Decimal(v) * 100, 3) for k, v in masterplan.weights.items()}
    form = DirectWeightsForm(page.post, initial=initial)
    saved = page.save(
        form,
        lambda _data: actions.do_set_direct_weights(page.user, page.region, form.weights()),
        _("Weights saved."),
        then=reverse("planning:prioritisation", args=[page.region.code]),
    )
    return saved or page.render("planning/weights_direct.html", {"form": form}, form)


@needs_masterplan
@editors_only
def scores(page: Page, masterplan: Masterplan) -> HttpResponse:
    items = list(Initiative.objects.filter(region=page.region).exclude(status=Initiative.Status.CANCELLED))
    form = ScoresForm(page.post, initiatives=items)
    saved = page.save(
        form,
        lambda _data: actions.do_set_scores(page.user, page.region, form.scores()),
        _("Scores saved."),
        then=reverse("planning:prioritisation", args=[page.region.code]),
    )
    labels = [CRITERION_LABELS[c] for c in SCORED_CRITERIA]
    return saved or page.render("planning/scores.html", {"form": form, "labels": labels}, form)
