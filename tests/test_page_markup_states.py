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
    page with its letters' PDF form and then the job at work."""
    from django.urls import reverse

    from kotacerdas.accounts.models import User
    from kotacerdas.assessment.models import Assessment
    from kotacerdas.demo import load_demo
    from kotacerdas.evaluation.models import LetterJob, Publication

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
    html = {path: response.content.decode() for path, response in pages.items()}
    assert {path: response.status_code for path, response in pages.items()} == dict.fromkeys(pages, 200)
    assert "Ditutup karena siklus evaluasi" in html[budi_pages[0]]
    assert "Geser target IKU" in html[reverse("planning:overview", kwargs=region)]
    assert 'id="quick-wins"' in html[reverse("monitoring:region", kwargs=region)]
    assert "2 dari 5 siap" in html["cycle, letters' PDFs being prepared"]
    assert {path: markup_problems(page) for path, page in html.items()} == {path: [] for path in html}
