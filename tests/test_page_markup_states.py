"""The pages and states that came with the 2026 publication, on the demo's records, pass the checks of
tests/test_page_markup.py (a module of its own: the demo cannot be loaded over the walk's world)."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import REGION_A, logged_in
from tests.test_page_markup import markup_problems


@pytest.mark.django_db
def test_the_pages_and_states_of_the_2026_publication(ayu: Any) -> None:
    """On the demo's records: Salatiga's self-assessment closed by the 2026 publication, the KPI
    targets its adopted roadmap moved away from (finding and 'Geser target IKU' buttons), Quick Win
    progress (monitoring, national monitoring, portal), the outcome indicators page, and Ayu's cycle
    page with its letters' PDF form and then the job at work; and the pages of a job at work that
    refresh their status in a live region: a books version, a roadmap run and a composite-index run."""
    from django.urls import reverse
    from django.utils import timezone

    from kotacerdas.accounts.models import User
    from kotacerdas.assessment.models import Assessment
    from kotacerdas.demo import load_demo
    from kotacerdas.documents.models import BookVersion
    from kotacerdas.evaluation.index_actions import do_create_index_run
    from kotacerdas.evaluation.index_models import IndexRun
    from kotacerdas.evaluation.models import LetterJob, Publication
    from kotacerdas.evaluation.tests.index_helpers import choices, example_uploads
    from kotacerdas.planning.models import RoadmapRun
    from kotacerdas.regions.models import Region

    load_demo()
    budi = User.objects.get(username="budi")
    closed = Assessment.objects.get(region__code=REGION_A, state="closed")
    answer = closed.answers.first()
    region = {"code": REGION_A}
    of_closed = region | {"assessment_id": closed.pk}
    budi_pages = [
        reverse("assessment:detail", kwargs=of_closed),
        reverse("assessment:assign", kwargs=of_closed),
        reverse("assessment:import", kwargs=of_closed),
        *(
            [reverse("assessment:answer", kwargs=of_closed | {"indicator": answer.indicator})]
            if answer
            else []
        ),
        reverse("planning:overview", kwargs=region),
        reverse("planning:initiatives", kwargs=region),
        reverse("planning:roadmap", kwargs=region),
        reverse("monitoring:region", kwargs=region),
        reverse("monitoring:outcomes", kwargs=region),
        reverse("portal:region", kwargs=region),
    ]
    publication = Publication.objects.get()
    cycle = reverse("evaluation:cycle", kwargs={"cycle_id": publication.cycle_id})
    ayu_pages = [cycle, reverse("monitoring:national")]
    pages = {path: logged_in(budi).get(path) for path in budi_pages}
    pages |= {path: logged_in(ayu).get(path) for path in ayu_pages}
    LetterJob.objects.create(publication=publication, status="running", prepared=2, total=5)
    pages["cycle, letters' PDFs being prepared"] = logged_in(ayu).get(cycle)
    # jobs at work (a worker beat just now), each page's status refreshing in its own live region
    now = timezone.now()
    books = BookVersion.objects.create(
        region=Region.objects.get(code=REGION_A),
        number=99,
        programme_year=2026,
        status="running",
        progress=40,
        heartbeat_at=now,
    )
    pages["books version, being generated"] = logged_in(budi).get(books.get_absolute_url())
    roadmap = RoadmapRun.objects.create(
        region=books.region,
        created_by=budi,
        state="running",
        instance={},
        inputs_hash="0" * 64,
        time_limit=10,
    )
    RoadmapRun.objects.filter(pk=roadmap.pk).update(heartbeat_at=now, running_since=now)
    pages["roadmap run, running"] = logged_in(budi).get(roadmap.get_absolute_url())
    index = do_create_index_run(ayu, title="ASEM (contoh)", choices=choices(), **example_uploads())
    IndexRun.objects.filter(pk=index.pk).update(status="running", progress=42, heartbeat_at=now)
    pages["composite-index run, running"] = logged_in(ayu).get(
        reverse("evaluation:index_run", args=[index.pk])
    )
    html = {path: response.content.decode() for path, response in pages.items()}
    assert {path: response.status_code for path, response in pages.items()} == dict.fromkeys(pages, 200)
    assert "Ditutup karena siklus evaluasi" in html[budi_pages[0]]
    assert "Geser target IKU" in html[reverse("planning:overview", kwargs=region)]
    assert 'id="quick-wins"' in html[reverse("monitoring:region", kwargs=region)]
    assert "2 dari 5 siap" in html["cycle, letters' PDFs being prepared"]
    for running in ("books version, being generated", "roadmap run, running", "composite-index run, running"):
        assert 'data-refresh-end="reload"' in html[running], running
    assert {path: markup_problems(page) for path, page in html.items()} == {path: [] for path in html}
