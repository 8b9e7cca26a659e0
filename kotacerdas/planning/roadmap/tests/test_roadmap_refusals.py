"""Issue 12's roadmap bugs: Durasi 0 and a time limit of 0 are refused in Indonesian; an initiative
without priority scores is reported with the real reason, not "pagu habis"."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kotacerdas.planning.conftest import add_initiative
from kotacerdas.planning.models import Initiative, RoadmapRun
from kotacerdas.planning.prioritisation import actions as prioritisation
from kotacerdas.planning.roadmap import actions as roadmap

pytestmark = pytest.mark.django_db
CRITERIA = ["impact", "urgency", "readiness", "cost", "rpjmd_alignment", "spbe_relevance"]


def test_a_time_limit_of_zero_is_refused_not_replaced(as_budi, region_a, plan_a) -> None:
    response = as_budi.post(reverse("planning:roadmap_start", args=[region_a.code]), {"time_limit": "0"})
    assert response.status_code == 400
    assert "Batas waktu harus antara 1 dan 120 detik." in response.content.decode()
    assert not RoadmapRun.objects.exists()


def test_a_stored_duration_of_zero_stops_the_run_with_an_indonesian_message(
    as_budi, region_a, plan_a
) -> None:
    Initiative.objects.filter(code="PL-01").update(duration=0)  # a record from before the check
    response = as_budi.post(reverse("planning:roadmap_start", args=[region_a.code]), {"time_limit": "5"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Beri PL-01 durasi paling singkat 1 tahun terlebih dahulu." in page
    assert "must be at least" not in page
    assert not RoadmapRun.objects.exists()


def test_an_initiative_without_scores_is_reported_as_such(
    as_budi, budi, region_a, plan_a, kominfo_a, django_capture_on_commit_callbacks
) -> None:
    prioritisation.do_set_direct_weights(budi, region_a, {c: Decimal(1) for c in CRITERIA})
    scores = dict.fromkeys(["impact", "urgency", "readiness", "cost", "rpjmd_alignment", "spbe_relevance"], 3)
    prioritisation.do_set_scores(budi, region_a, {i.pk: scores for i in plan_a.values()})
    add_initiative(budi, region_a, "T-04", kominfo_a)  # no scores
    # the pagu holds exactly the three scored initiatives, so T-04 is left out
    pagu = {2026: 400, 2027: 200, 2028: 400, 2029: 0, 2030: 0}
    roadmap.do_set_roadmap_constraints(
        budi,
        region_a,
        budget_ceilings={y: Decimal(v * 1_000_000) for y, v in pagu.items()},
        source_ceilings={},
        opd_capacity=3,
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = as_budi.post(reverse("planning:roadmap_start", args=[region_a.code]), {"time_limit": "5"})
    run = RoadmapRun.objects.get()
    assert run.state == "done", run.error
    benefits = {i["id"]: i["benefit"] for i in run.instance["initiatives"]}
    assert benefits["T-04"] == 0 and benefits["PL-01"] > 0  # no scores: no benefit, not a default of 1
    page = as_budi.get(response.url).content.decode()
    assert "T-04" not in run.result["schedule_years"]
    assert "T-04" in page
    assert "belum memiliki skor prioritas" in page
    assert "sudah habis" not in page.split("T-04", 1)[1].split("</tr>", 1)[0]


def test_a_masterplan_without_initiatives_is_told_to_add_them_not_that_the_run_failed(
    as_budi, region_a, masterplan_a
) -> None:
    """A region that starts from nothing: the page says what the optimiser needs and links to it, and
    the button is refused in Indonesian instead of starting a run that fails on "the data"."""
    page = as_budi.get(reverse("planning:roadmap", args=[region_a.code])).content.decode()
    initiatives = reverse("planning:initiatives", args=[region_a.code])
    assert f'Belum ada inisiatif: <a href="{initiatives}">isi inisiatif</a> terlebih dahulu' in page
    assert f'setelah <a href="{initiatives}">inisiatif</a> masterplan diisi' in page
    response = as_budi.post(reverse("planning:roadmap_start", args=[region_a.code]), {"time_limit": "5"})
    assert response.status_code == 400
    assert (
        "Belum ada inisiatif untuk dijadwalkan: isi dahulu inisiatif masterplan." in response.content.decode()
    )
    assert not RoadmapRun.objects.exists()
