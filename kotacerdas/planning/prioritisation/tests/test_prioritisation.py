"""AHP weights, ranking and sensitivity: the weights and scores pages and their actions."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from kotacerdas.planning.models import Masterplan
from kotacerdas.planning.prioritisation import actions

pytestmark = pytest.mark.django_db

CRITERIA = ["impact", "urgency", "readiness", "cost", "rpjmd_alignment", "spbe_relevance"]


def all_pairs(value="1"):
    return {f"{a}__{b}": value for i, a in enumerate(CRITERIA) for b in CRITERIA[i + 1 :]}


def test_ahp_weights_show_consistency_and_name_bad_judgements(as_budi, region_a, plan_a) -> None:
    judgements = all_pairs()
    judgements.update({"impact__urgency": "9", "urgency__readiness": "9", "impact__readiness": "1/9"})
    response = as_budi.post(reverse("planning:weights_ahp", args=[region_a.code]), judgements)
    assert response.status_code == 302
    masterplan = Masterplan.objects.get(region=region_a)
    assert masterplan.weight_method == "ahp"
    assert abs(sum(masterplan.weights.values()) - 1) < 1e-9
    page = as_budi.get(reverse("planning:prioritisation", args=[region_a.code])).content.decode()
    assert "λmax" in page and "CR" in page
    assert "Rasio konsistensi" in page and "tidak di bawah 0,10" in page
    as_budi.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = as_budi.get(reverse("planning:prioritisation", args=[region_a.code])).content.decode()
    assert re.search(r"The consistency ratio \d,\d{3} is not below 0.10", english)  # one number format
    assert "Dampak bagi warga dibandingkan dengan Urgensi" in page or "Urgensi dibandingkan dengan" in page


def test_consistent_judgements_give_saaty_weights(budi, region_a, plan_a) -> None:
    judgements = {(a, b): "1" for i, a in enumerate(CRITERIA) for b in CRITERIA[i + 1 :]}
    result = actions.do_set_ahp_weights(budi, region_a, judgements)
    assert result.is_consistent
    assert all(abs(w - 1 / 6) < 1e-9 for w in Masterplan.objects.get().weights.values())


def test_scores_rank_initiatives_and_sensitivity_is_shown(as_budi, budi, region_a, plan_a) -> None:
    actions.do_set_direct_weights(budi, region_a, {c: Decimal(1) for c in CRITERIA} | {"impact": Decimal(5)})
    data = {}
    for item, impact in ((plan_a["data"], 3), (plan_a["telemed"], 5), (plan_a["portal"], 1)):
        for criterion in ("impact", "urgency", "readiness", "rpjmd_alignment", "spbe_relevance"):
            data[f"s_{item.pk}_{criterion}"] = impact if criterion == "impact" else 3
    response = as_budi.post(reverse("planning:scores", args=[region_a.code]), data)
    assert response.status_code == 302
    page = as_budi.get(reverse("planning:prioritisation", args=[region_a.code])).content.decode()
    assert page.index("KS-01 Inisiatif KS-01") < page.index("SD-01 Inisiatif SD-01") < page.index("PL-01")
    assert "±20%" in page
    title = page[page.index("<title>") : page.index("</title>")]
    assert "<section>" not in title and title.endswith("Kota Salatiga · kotacerdas")
    bad = dict(data, **{f"s_{plan_a['data'].pk}_impact": 7})
    response = as_budi.post(reverse("planning:scores", args=[region_a.code]), bad)
    assert response.status_code == 400
