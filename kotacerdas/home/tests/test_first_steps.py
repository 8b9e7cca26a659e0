"""A coordinator whose region has nothing yet sees its first steps on the home page, each linked: the
region's OPDs, the masterplan's profile and period, then the self-assessment — or, once the region is
selected in a cohort, the Bimtek I deliverables. A step is marked done when its record exists; the panel
goes once all are done. Before, the home of a new coordinator said only "Nothing is waiting for you"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kotacerdas.assessment.actions.answering import do_start_assessment
from kotacerdas.planning.analysis.actions import do_save_profile
from kotacerdas.programme.actions.deliverables import do_add_submitted_item, do_submit_deliverable
from kotacerdas.regions.actions import do_create_opd

pytestmark = pytest.mark.django_db


def panel(client) -> str:  # type: ignore[no-untyped-def]
    body = client.get("/").content.decode()
    if 'data-testid="first-steps"' not in body:
        return ""
    start = body.index('data-testid="first-steps"')
    return body[start : body.index("</section>", start)]


def test_a_new_coordinator_is_shown_the_first_steps_of_his_region_with_links(as_budi, region_a) -> None:
    steps = panel(as_budi)
    assert "Langkah pertama untuk Kota Salatiga" in steps
    opds = reverse("regions:opds", args=[region_a.code])
    profile = reverse("planning:profile", args=[region_a.code])
    assessments = reverse("assessment:list", args=[region_a.code])
    assert f'<a href="{opds}">Daftarkan OPD wilayah</a>' in steps
    assert f'<a href="{profile}">Isi profil dan periode masterplan</a>' in steps
    assert f'<a href="{assessments}">Mulai swanilai wilayah</a>' in steps
    assert steps.index(opds) < steps.index(profile) < steps.index(assessments)  # the programme's order
    assert "selesai" not in steps


def test_each_step_is_marked_done_and_the_panel_goes_when_all_are(ayu, budi, as_budi, region_a) -> None:
    do_create_opd(ayu, region_a, name="Dinas Komunikasi dan Informatika", short_name="Diskominfo")
    steps = panel(as_budi)
    assert '<s>Daftarkan OPD wilayah</s> <span class="tag">selesai</span>' in steps
    assert "Isi profil dan periode masterplan</a>" in steps
    do_save_profile(budi, region_a, period_start=2026, period_end=2030)
    do_start_assessment(budi, region_a, instrument_id="readiness-2019", title="Kesiapan 2026")
    assert panel(as_budi) == ""


def test_a_selected_region_is_sent_to_its_bimtek_i_deliverables(ayu, budi, as_budi, region_a, selected):
    """Once selected, the third step is Bimtek I's deliverables (readiness and gap, SWOT, vision keywords),
    done when every one of them is handed in."""
    do_create_opd(ayu, region_a, name="Dinas Komunikasi dan Informatika", short_name="Diskominfo")
    do_save_profile(budi, region_a, period_start=2026, period_end=2030)
    candidacy = selected[region_a.code]
    steps = panel(as_budi)
    url = reverse("programme:candidacy", args=[region_a.code, candidacy.cohort_id])
    assert f'<a href="{url}">Serahkan luaran Bimtek I</a>' in steps
    assert "Mulai swanilai wilayah" not in steps
    for deliverable in candidacy.deliverables.filter(item__stage=1):
        do_add_submitted_item(budi, deliverable, label="Dokumen", link="https://example.org/dokumen")
        do_submit_deliverable(budi, deliverable)
    assert panel(as_budi) == ""


def test_sari_is_not_shown_a_coordinators_first_steps(as_sari) -> None:
    assert panel(as_sari) == ""
