"""Ayu opens an evaluation cycle, enters the verified part scores, publishes: immutable, with its recipe."""

import pytest
from django.urls import reverse

from kotacerdas.audit.models import AuditEntry
from kotacerdas.evaluation.actions import do_enter_results, do_open_cycle, do_publish
from kotacerdas.evaluation.models import Cycle, ImmutableError, Participant, Publication, PublishJob
from kotacerdas.regions.models import Region

pytestmark = pytest.mark.django_db

NOT_VERIFIED = "Belum ada hasil terverifikasi: isi dulu nilai bagian yang sudah diverifikasi."
CODES = ["33.73", "34.71", "35.71", "15.71"]  # Salatiga, Yogyakarta, Kediri, Jambi
HEADER = "region_code,baseline,output,outcome,impact,quick_win,previous_total,verified\n"
GOOD = HEADER + (
    "15.71,3.84,3.18,3.53,3.63,3.35,,true\n"
    "35.71,3.60,3.21,3.23,3.07,3.65,3.06,true\n"
    "33.73,3.5,3.0,3.5,3.0,3.5,,true\n"
    "34.71,3.3,3.3,3.3,3.3,3.3,,false\n"
)


def cycle_post(**overrides: str) -> dict[str, str]:
    data = {
        "year": "2027",
        "instrument": "monev-2022",
        "scheme": "pp26-2008",
        "codes": " ".join(CODES),
        "self_assessment_until": "2027-08-31",
        "verification_until": "2027-10-31",
        "publication_on": "2027-12-05",
    }
    return data | overrides


def open_cycle(ayu) -> Cycle:  # type: ignore[no-untyped-def]
    from datetime import date

    return do_open_cycle(
        ayu,
        year=2027,
        instrument="monev-2022",
        scheme="pp26-2008",
        regions=Region.objects.filter(code__in=CODES),
        self_assessment_until=date(2027, 8, 31),
        verification_until=date(2027, 10, 31),
        publication_on=date(2027, 12, 5),
    )


def upload(text: str):  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("hasil.csv", text.encode("utf-8"), content_type="text/csv")


def test_ayu_opens_a_cycle_with_the_instrument_scheme_and_populations_frozen(as_ayu, ayu) -> None:
    response = as_ayu.post(reverse("evaluation:cycle_new"), cycle_post())
    cycle = Cycle.objects.get(year=2027)
    assert response.status_code == 302 and response.url == reverse("evaluation:cycle", args=[cycle.pk])
    assert (cycle.instrument, cycle.instrument_version) == ("monev-2022", "2022.1")
    assert cycle.size_scheme["id"] == "pp26-2008"
    assert [b["max"] for b in cycle.size_scheme["bands"]] == [100_000, 500_000, 1_000_000, None]
    salatiga = Participant.objects.get(cycle=cycle, region__code="33.73")
    assert salatiga.population == Region.objects.get(code="33.73").population
    assert AuditEntry.objects.get(action="evaluation.open").after["regions"] == sorted(CODES)


def test_opening_twice_for_a_year_or_with_a_non_monev_instrument_is_refused(as_ayu, ayu) -> None:
    open_cycle(ayu)
    again = as_ayu.post(reverse("evaluation:cycle_new"), cycle_post(instrument="spbe-2020"))
    assert again.status_code == 400
    assert Cycle.objects.count() == 1


def test_budi_gets_404_for_the_cycle_pages(as_budi, ayu) -> None:
    cycle = open_cycle(ayu)
    assert as_budi.get(reverse("evaluation:cycle", args=[cycle.pk])).status_code == 404
    assert as_budi.post(reverse("evaluation:publish", args=[cycle.pk])).status_code == 404


def test_a_bad_scores_file_is_refused_with_one_line_per_row_and_nothing_saved(as_ayu, ayu) -> None:
    cycle = open_cycle(ayu)
    bad = HEADER + "33.73,3.5,,3.5,3.0,6,,\n33.01,3,3,3,3,3,,\n15.71,3,3,3,3,3,,\n"
    response = as_ayu.post(reverse("evaluation:results", args=[cycle.pk]), {"upload": upload(bad)})
    assert response.status_code == 400
    errors = response.context["results_form"].errors["upload"]
    assert errors == [
        "baris 2 (33.73): output belum diisi; quick_win 6 di luar 0–5",
        "baris 3 (33.01): 33.01 bukan peserta siklus ini",
    ]
    assert not Participant.objects.filter(cycle=cycle).exclude(scores={}).exists()


def test_publishing_ranks_the_verified_and_is_immutable_with_recipe_and_hash(
    as_ayu, ayu, django_capture_on_commit_callbacks
) -> None:
    cycle = open_cycle(ayu)
    saved = as_ayu.post(reverse("evaluation:results", args=[cycle.pk]), {"upload": upload(GOOD)})
    assert saved.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        assert as_ayu.post(reverse("evaluation:publish", args=[cycle.pk])).status_code == 302
    job = PublishJob.objects.get(cycle=cycle)
    assert (job.status, job.progress) == (PublishJob.Status.DONE, 100)
    publication = Publication.objects.get(cycle=cycle)
    rows = {row["region_code"]: row for row in publication.rows}
    assert (rows["15.71"]["total"], rows["15.71"]["rank_national"]) == ("3.475", "1")
    assert (rows["35.71"]["improvement"], rows["35.71"]["rank_in_class"]) == ("0.255", "1")
    assert rows["34.71"]["rank_national"] == ""  # not verified
    assert publication.recipe["excluded"] == ["34.71"]
    assert publication.recipe["input_hash"] == publication.input_hash
    assert publication.recipe["uncertainty"]["seed"] == 2027
    assert publication.bands["15.71"]["robust"] is True
    cycle.refresh_from_db()
    assert cycle.state == Cycle.State.PUBLISHED
    # Never changed again: not by a save, not by a delete, not by new scores.
    publication.input_hash = "0" * 64
    with pytest.raises(ImmutableError):
        publication.save()
    with pytest.raises(ImmutableError):
        publication.delete()
    late = as_ayu.post(reverse("evaluation:results", args=[cycle.pk]), {"upload": upload(GOOD)})
    assert late.status_code == 400
    page = as_ayu.get(reverse("evaluation:cycle", args=[cycle.pk]))
    assert '<td class="num">3,475</td>' in page.content.decode()  # the exact total, Indonesian form
    csv_file = as_ayu.get(reverse("evaluation:results_csv", args=[cycle.pk]))
    assert csv_file.content.decode().splitlines()[0].startswith("region_code,total,improvement,size_class")


def test_publishing_without_verified_results_is_refused(ayu) -> None:
    from django.core.exceptions import ValidationError

    cycle = open_cycle(ayu)
    with pytest.raises(ValidationError) as refused:
        do_publish(ayu, cycle)
    assert refused.value.messages == [NOT_VERIFIED]
    do_enter_results(ayu, cycle, HEADER + "33.73,3,3,3,3,3,,false\n")
    with pytest.raises(ValidationError) as refused:
        do_publish(ayu, cycle)
    assert refused.value.messages == [NOT_VERIFIED]
    assert not Publication.objects.exists()


def test_a_publication_job_is_queued_once_and_shows_its_state(as_ayu, ayu) -> None:
    from django.core.exceptions import ValidationError

    from kotacerdas.evaluation.actions import do_request_publication

    cycle = open_cycle(ayu)
    do_enter_results(ayu, cycle, GOOD)
    do_request_publication(ayu, cycle)  # on_commit never runs here: the job stays queued
    with pytest.raises(ValidationError, match="sudah berjalan"):
        do_request_publication(ayu, cycle)
    page = as_ayu.get(reverse("evaluation:cycle", args=[cycle.pk])).content.decode()
    assert "Publikasi: Dalam antrean (0%)" in page
    # its status refreshes in its own live region, and the page loads once when the job ends
    assert '<div id="publish-job-live" aria-live="polite" data-refresh="3" data-refresh-end="reload">' in page
    assert "Terbitkan hasil" not in page


def test_a_publication_whose_worker_died_is_failed_by_the_page_and_can_be_started_again(as_ayu, ayu) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from kotacerdas.evaluation.actions import do_request_publication

    cycle = open_cycle(ayu)
    do_enter_results(ayu, cycle, GOOD)
    job = do_request_publication(ayu, cycle)
    long_ago = timezone.now() - timedelta(hours=2)
    PublishJob.objects.filter(pk=job.pk).update(status="running", heartbeat_at=long_ago)
    page = as_ayu.get(reverse("evaluation:cycle", args=[cycle.pk])).content.decode()
    job.refresh_from_db()
    assert job.status == PublishJob.Status.FAILED
    assert "Terbitkan hasil" in page  # Ayu may publish again
    assert do_request_publication(ayu, cycle).status == PublishJob.Status.QUEUED


def test_a_publication_no_worker_takes_says_so_after_a_while(as_ayu, ayu) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from kotacerdas.evaluation.actions import do_request_publication

    cycle = open_cycle(ayu)
    do_enter_results(ayu, cycle, GOOD)
    job = do_request_publication(ayu, cycle)  # queued: its task starts on commit, never in a test
    url = reverse("evaluation:cycle", args=[cycle.pk])
    assert 'data-testid="unclaimed"' not in as_ayu.get(url).text
    PublishJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(minutes=10))
    page = as_ayu.get(url).text
    assert 'data-testid="unclaimed"' in page and "(kotacerdas worker) tidak berjalan." in page
