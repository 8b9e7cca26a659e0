"""The demo's example cycle, and a publication re-checked with `kotacerdas evaluate` gives its hash."""

import csv
import json
from pathlib import Path

import pytest

from kotacerdas.cli import main
from kotacerdas.core.evaluation import PARTS
from kotacerdas.evaluation.demo import NOTE, YEAR, load_demo
from kotacerdas.evaluation.models import Cycle, Publication

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_a_labelled_example_cycle_once(ayu) -> None:
    load_demo(ayu)
    load_demo(ayu)
    cycle = Cycle.objects.get(year=YEAR)
    assert cycle.note == NOTE and cycle.state == Cycle.State.PUBLISHED
    rows = {row["region_code"]: row for row in Publication.objects.get(cycle=cycle).rows}
    assert rows["15.71"]["total"] == "3.475"
    assert rows["34.71"]["rank_national"] == ""  # the example's unverified region
    # every region's self-assessment is there, pre-filled from its record (Output: nothing on file here)
    salatiga = cycle.participants.get(region__code="33.73").assessment
    output = salatiga.answers.get(indicator="output")
    assert output.value == "0" and "0 dari 3 fondasi tercatat" in output.explanation
    assert "Tahun dasar" in salatiga.answers.get(indicator="baseline").explanation


def test_the_cli_on_the_exported_scores_reproduces_the_publication_hash(ayu, tmp_path: Path) -> None:
    load_demo(ayu)
    cycle = Cycle.objects.get(year=YEAR)
    lines = ["region_code,population," + ",".join(PARTS) + ",previous_total,verified"]
    for p in cycle.participants.select_related("region"):
        scores = ",".join(p.scores[part] for part in PARTS)
        lines.append(f"{p.region.code},{p.population},{scores},{p.previous_total},{str(p.verified).lower()}")
    (tmp_path / "results.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    options = ["--instrument", cycle.instrument, "--scheme", cycle.size_scheme["id"], "--out", str(out)]
    assert (
        main(
            [
                "evaluate",
                str(tmp_path / "results.csv"),
                *options,
                "--uncertainty",
                "1000",
                "--seed",
                str(YEAR),
            ]
        )
        == 0
    )
    recipe = json.loads((out / "recipe.json").read_text(encoding="utf-8"))
    publication = Publication.objects.get(cycle=cycle)
    assert recipe["input_hash"] == publication.input_hash
    with (out / "ranks.csv").open(encoding="utf-8") as handle:
        assert list(csv.DictReader(handle)) == publication.rows


def test_budi_sees_his_published_rank_and_its_band_on_his_region_page(ayu, as_budi) -> None:
    from django.urls import reverse

    load_demo(ayu)
    page = as_budi.get(reverse("regions:workspace", args=["33.73"]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Evaluasi 2026" in html and "Data contoh (demo)" in html
    row = next(r for r in Publication.objects.get(cycle__year=YEAR).rows if r["region_code"] == "33.73")
    assert f'data-testid="rank-in-class">{row["rank_in_class"]} (rentang ' in html


def test_the_whole_demo_publishes_salatigas_dimension_scores_from_its_2026_monitoring(
    settings, tmp_path: Path
) -> None:
    from kotacerdas.demo import load_demo as load_whole_demo

    settings.MEDIA_ROOT = tmp_path / "media"
    load_whole_demo()  # monitoring's demo (2026 approved) is loaded before the evaluation's
    inputs = Publication.objects.get(cycle__year=YEAR).inputs
    # Salatiga's 2026 reports: governance 2 of 2 programmes running, economy 1 of 1, living 1 of 1
    assert inputs["33.73"]["dimensions"] == {
        "governance": "5",
        "branding": "",
        "economy": "5",
        "living": "5",
        "society": "",
        "environment": "",
    }
    # Jambi has no masterplan in kotacerdas: every dimension is "–" (no programme planned)
    assert set(inputs["15.71"]["dimensions"].values()) == {""}


def test_after_the_demo_dewis_published_self_assessment_is_closed_and_off_her_inbox(ayu, dewi) -> None:
    from conftest import logged_in
    from kotacerdas.assessment.models import State

    load_demo(ayu)
    sleman = Cycle.objects.get(year=YEAR).participants.get(region__code="34.04").assessment
    assert sleman is not None and sleman.state == State.CLOSED
    home = logged_in(dewi).get("/").content.decode()
    assert f"Lengkapi dan ajukan asesmen “{sleman.title}”" not in home
    assert sleman.title == "Evaluasi smart city 2026 (swanilai)"
