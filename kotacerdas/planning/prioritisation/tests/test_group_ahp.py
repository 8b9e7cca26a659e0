"""Group AHP: each expert's own judgements and consistency, the geometric-mean group weights, and the
coordinator's choice to use them for the masterplan."""

import pytest
from django.urls import reverse

from conftest import logged_in
from kotacerdas.audit.models import AuditEntry
from kotacerdas.planning.models import ExpertJudgement, Masterplan
from kotacerdas.planning.prioritisation import actions

pytestmark = pytest.mark.django_db

CRITERIA = ["impact", "urgency", "readiness", "cost", "rpjmd_alignment", "spbe_relevance"]


def pairs(impact_over_others: str) -> dict[tuple[str, str], str]:
    """A consistent set: impact ``impact_over_others`` times as important as each other criterion,
    the others equal among themselves."""
    return {
        (a, b): (impact_over_others if a == "impact" else "1")
        for i, a in enumerate(CRITERIA)
        for b in CRITERIA[i + 1 :]
    }


def form_data(judgements: dict[tuple[str, str], str]) -> dict[str, str]:
    return {f"{a}__{b}": v for (a, b), v in judgements.items()}


def url(name: str, region) -> str:
    return reverse(f"planning:{name}", args=[region.code])


def test_worked_example_two_experts_give_the_geometric_mean(
    budi, rina, as_budi, region_a, masterplan_a
) -> None:
    # Budi: impact 4x each other criterion → weights 4/9 and 1/9 each; Rina: all equal → 1/6 each.
    # Geometric mean of the matrices: impact 2x the others → group weights 2/7 and 1/7 each; CR 0.
    actions.do_save_expert_judgements(budi, region_a, pairs("4"))
    response = logged_in(rina).post(url("expert_judgements", region_a), form_data(pairs("1")))
    assert response.status_code == 302
    page = as_budi.get(url("group_weights", region_a)).content.decode()
    assert "44,4%" in page and "16,7%" in page and "28,6%" in page and "14,3%" in page
    assert page.count("0,000") >= 2  # both experts are perfectly consistent

    response = as_budi.post(url("group_weights", region_a))
    assert response.status_code == 302
    masterplan = Masterplan.objects.get(region=region_a)
    assert masterplan.weight_method == "group"
    assert masterplan.weights["impact"] == pytest.approx(2 / 7)
    assert masterplan.weights["cost"] == pytest.approx(1 / 7)
    assert masterplan.judgements["impact|urgency"] == "2"
    entry = AuditEntry.objects.get(action="masterplan.group_weights")
    assert entry.actor_id == budi.pk
    assert entry.before["weight_method"] == "direct"
    assert sorted(entry.after["experts"]) == sorted([str(budi), str(rina)])
    assert entry.after["consistency_ratio"] == 0
    ranking = as_budi.get(url("prioritisation", region_a)).content.decode()
    assert "AHP kelompok" in ranking
    assert (
        "Bobot kelompok ini dipakai masterplan."
        in as_budi.get(url("group_weights", region_a)).content.decode()
    )


def test_each_expert_sees_their_cr_and_the_judgements_to_revisit(
    budi, sari, region_a, masterplan_a, as_budi
) -> None:
    inconsistent = pairs("1") | {("impact", "urgency"): "9", ("urgency", "readiness"): "9"}
    inconsistent[("impact", "readiness")] = "1/9"
    result = actions.do_save_expert_judgements(sari, region_a, inconsistent)
    assert result.consistency_ratio > 0.10
    actions.do_save_expert_judgements(budi, region_a, pairs("3"))
    page = as_budi.get(url("group_weights", region_a)).content.decode()
    assert "sari" in page.lower()
    assert "Dampak bagi warga dibandingkan dengan Kelayakan / kesiapan: diberi nilai 1/9,00" in page
    assert "konsisten (CR di bawah 0,10)" in page  # Budi's row
    own = logged_in(sari).get(url("expert_judgements", region_a)).content.decode()
    assert "tidak di bawah 0,10" in own


def test_one_expert_is_not_a_group(budi, region_a, masterplan_a, as_budi) -> None:
    actions.do_save_expert_judgements(budi, region_a, pairs("2"))
    as_budi.post(url("group_weights", region_a))
    assert Masterplan.objects.get(region=region_a).weight_method == "direct"
    assert not AuditEntry.objects.filter(action="masterplan.group_weights").exists()


def test_another_region_is_404_and_read_only_members_are_403(
    dewi, tono, rina, region_a, masterplan_a
) -> None:
    for name in ("expert_judgements", "group_weights"):
        assert logged_in(dewi).get(url(name, region_a)).status_code == 404
        assert logged_in(dewi).post(url(name, region_a), form_data(pairs("1"))).status_code == 404
    assessor = logged_in(tono)
    assert assessor.post(url("expert_judgements", region_a), form_data(pairs("1"))).status_code == 403
    assert assessor.get(url("group_weights", region_a)).status_code == 200  # may read
    assert assessor.post(url("group_weights", region_a)).status_code == 403
    assert logged_in(rina).post(url("group_weights", region_a)).status_code == 403  # only Budi adopts
    assert not ExpertJudgement.objects.exists()


def test_a_non_reciprocal_matrix_is_refused_in_indonesian(as_budi, region_a, masterplan_a) -> None:
    rows = ["1 3 1 1 1 1", "3 1 1 1 1 1"] + ["1 1 1 1 1 1"] * 4  # impact/urgency 3 but urgency/impact 3
    response = as_budi.post(url("expert_judgements", region_a), {"matrix": "\n".join(rows)})
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        "Dampak bagi warga dibandingkan dengan Urgensi bernilai 3 tetapi Urgensi dibandingkan dengan "
        "Dampak bagi warga bernilai 3: yang kedua harus kebalikan dari yang pertama (1/3)."
    ) in page
    assert not ExpertJudgement.objects.exists()


def test_an_out_of_scale_value_is_refused_in_indonesian(as_budi, region_a, masterplan_a) -> None:
    rows = ["1 12 1 1 1 1", "1/12 1 1 1 1 1"] + ["1 1 1 1 1 1"] * 4
    response = as_budi.post(url("expert_judgements", region_a), {"matrix": "\n".join(rows)})
    assert response.status_code == 400
    assert "12 tidak berada pada skala Saaty 1/9 sampai 9" in response.content.decode()
    chosen = form_data(pairs("1")) | {"impact__urgency": "12"}
    assert as_budi.post(url("expert_judgements", region_a), chosen).status_code == 400
    assert not ExpertJudgement.objects.exists()
    assert not AuditEntry.objects.filter(action="masterplan.expert_judgements").exists()


def test_a_pasted_matrix_with_decimal_commas_is_kept_as_given(budi, as_budi, region_a, masterplan_a) -> None:
    rows = ["1\t3\t1\t1\t1\t1", "0,333\t1\t1\t1\t1\t1"] + ["1\t1\t1\t1\t1\t1"] * 4
    response = as_budi.post(url("expert_judgements", region_a), {"matrix": "\n".join(rows)})
    assert response.status_code == 302
    assert ExpertJudgement.objects.get(expert=budi).judgements["impact|urgency"] == "3"
    rows[1] = "0,4\t1\t1\t1\t1\t1"  # 3 x 0.4 = 1.2: not reciprocal
    rows[0] = "1\t2,5\t1\t1\t1\t1"
    response = as_budi.post(url("expert_judgements", region_a), {"matrix": "\n".join(rows)})
    assert response.status_code == 302  # 2.5 x 0.4 = 1
    page = as_budi.get(url("expert_judgements", region_a)).content.decode()
    assert '<option value="2.5" selected>2.5</option>' in page
