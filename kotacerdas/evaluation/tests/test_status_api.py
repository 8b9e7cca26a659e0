"""Where a cycle's background work stands, and whether a region's result letter is ready as a PDF.

Before: an API user could read a cycle's results but not whether its publication, its national
results book or its result letters' PDFs were done (the cycle page shows them n of m), and a region's
own system could only find out whether its letter's PDF was ready by downloading it (which queues the
job and answers an HTML redirect). Now:

- ``GET /api/v1/evaluations/{year}/status`` gives Ayu the cycle's jobs as its page does; anyone else
  gets 404, a published cycle too;
- ``GET /api/v1/regions/{code}/evaluations/{year}/letter`` tells whoever may open the region whether
  the letter's PDF is kept, with the download paths and the letters' job.

LibreOffice is replaced by a stand-in writing PDFs (``converter`` of test_letter_pdfs.py).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from conftest import logged_in
from kotacerdas.evaluation.actions import do_enter_results, do_publish, do_request_results_book
from kotacerdas.evaluation.models import Cycle, LetterJob, Publication
from kotacerdas.evaluation.tests.test_cycle import GOOD, open_cycle
from kotacerdas.evaluation.tests.test_letter_pdfs import converter, media, run_job  # noqa: F401

pytestmark = pytest.mark.django_db

STATUS = "/api/v1/evaluations/2027/status"
LETTER = "/api/v1/regions/33.73/evaluations/2027/letter"  # Budi's region, with a published result
MEMBERS = ["budi", "sari", "tono", "rina"]  # every role in region A


def api(user, path: str):  # type: ignore[no-untyped-def]
    token, _created = Token.objects.get_or_create(user=user)
    return Client().get(path, HTTP_AUTHORIZATION=f"Token {token.key}")


@pytest.fixture
def cycle(ayu, media: Path) -> Cycle:  # noqa: F811
    opened = open_cycle(ayu)
    do_enter_results(ayu, opened, GOOD)
    return opened


@pytest.fixture
def publication(ayu, cycle: Cycle) -> Publication:
    return do_publish(ayu, cycle)  # its letters' job is queued; nothing runs it until run_job


def test_ayu_reads_an_open_cycle_with_nothing_under_way(ayu, cycle) -> None:
    body = api(ayu, STATUS).json()
    assert (body["cycle"]["state"], body["published"]) == ("open", False)
    assert (body["publishing"], body["results_book"], body["letters"]) == (None, None, None)


@pytest.mark.usefixtures("converter")
def test_ayu_follows_the_letters_pdfs_n_of_m_and_the_results_book(  # type: ignore[no-untyped-def]
    ayu, publication, django_capture_on_commit_callbacks
) -> None:
    body = api(ayu, STATUS).json()
    assert (body["cycle"]["state"], body["published"], body["results_book"]) == ("published", True, None)
    letters = body["letters"]
    assert (letters["status"], letters["prepared"], letters["pdf_unavailable"]) == ("queued", 0, False)
    run_job(publication)
    letters = api(ayu, STATUS).json()["letters"]
    assert (letters["status"], letters["progress"], letters["prepared"], letters["total"]) == (
        "done",
        100,
        4,
        4,
    )
    assert letters["finished_at"] is not None

    with django_capture_on_commit_callbacks(execute=True):  # the immediate backend builds it on commit
        do_request_results_book(ayu, publication.cycle)
    book = api(ayu, STATUS).json()["results_book"]
    docx = reverse("evaluation:book_docx", args=[publication.cycle_id])
    pdf = reverse("evaluation:book_pdf", args=[publication.cycle_id]) if shutil.which("soffice") else None
    assert (book["status"], book["docx"], book["pdf"]) == ("done", docx, pdf)
    assert logged_in(ayu).get(book["docx"]).status_code == 200


def test_a_letters_job_without_libreoffice_says_so(ayu, publication) -> None:
    LetterJob.objects.filter(publication=publication).update(
        status=LetterJob.Status.FAILED, pdf_unavailable=True, message="LibreOffice tidak terpasang."
    )
    letters = api(ayu, STATUS).json()["letters"]
    assert (letters["status"], letters["pdf_unavailable"], letters["message"]) == (
        "failed",
        True,
        "LibreOffice tidak terpasang.",
    )


@pytest.mark.parametrize("reader", [*MEMBERS, "dewi"])
def test_the_status_is_ayus_only_a_published_cycle_too(request, publication, reader) -> None:  # type: ignore[no-untyped-def]
    assert api(request.getfixturevalue(reader), STATUS).status_code == 404
    assert Client().get(STATUS).status_code == 401


@pytest.mark.parametrize("reader", [*MEMBERS, "ayu"])
@pytest.mark.usefixtures("converter")
def test_whoever_opens_the_region_sees_when_its_letters_pdf_is_ready(  # type: ignore[no-untyped-def]
    request, publication, reader
) -> None:
    user = request.getfixturevalue(reader)
    docx = reverse("evaluation:letter_docx", args=["33.73", 2027])
    pdf = reverse("evaluation:letter_pdf", args=["33.73", 2027])
    body = api(user, LETTER).json()
    assert (body["year"], body["region_code"], body["docx"], body["pdf"]) == (2027, "33.73", docx, pdf)
    assert (body["pdf_ready"], body["job"]["status"]) == (False, "queued")
    run_job(publication)
    body = api(user, LETTER).json()
    assert (body["pdf_ready"], body["job"]["status"], body["job"]["prepared"]) == (True, "done", 4)
    download = logged_in(user).get(body["pdf"])
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"


def test_reading_the_letter_queues_nothing(budi, publication) -> None:
    LetterJob.objects.filter(publication=publication).update(status=LetterJob.Status.DONE)
    assert api(budi, LETTER).json()["pdf_ready"] is False
    assert LetterJob.objects.get(publication=publication).status == LetterJob.Status.DONE


def test_no_letter_outside_the_scope_or_before_publication(ayu, budi, dewi, cycle) -> None:
    assert api(budi, LETTER).status_code == 404  # not published yet
    assert api(ayu, LETTER).status_code == 404
    do_publish(ayu, cycle)
    assert api(dewi, LETTER).status_code == 404  # another region's
    assert api(budi, "/api/v1/regions/15.71/evaluations/2027/letter").status_code == 404
    assert api(budi, "/api/v1/regions/33.73/evaluations/2026/letter").status_code == 404
    assert Client().get(LETTER).status_code == 401
