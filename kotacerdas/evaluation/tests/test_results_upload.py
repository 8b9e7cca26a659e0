"""Ayu uploads the verified part scores as Excel saves them: a decimal comma, ";" between cells, or by
mistake the workbook itself; and a stale tab posts scores to a cycle already published."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kotacerdas.evaluation.actions import do_enter_results, do_publish
from kotacerdas.evaluation.models import Participant
from kotacerdas.evaluation.tests.test_cycle import GOOD, open_cycle, upload

pytestmark = pytest.mark.django_db

# What Excel with Indonesian settings writes for "CSV": ";" between cells, a decimal comma.
EXCEL_ID = (
    "region_code;baseline;output;outcome;impact;quick_win;previous_total;verified\r\n"
    "33.73;3,5;3,0;3,5;3,0;3,5;;ya\r\n"
    "15.71;3,84;3,18;3,53;3,63;3,35;;ya\r\n"
)


def post_results(client, cycle, content: bytes, name: str = "hasil.csv"):  # type: ignore[no-untyped-def]
    sent = SimpleUploadedFile(name, content, content_type="text/csv")
    return client.post(reverse("evaluation:results", args=[cycle.pk]), {"upload": sent})


def test_a_file_saved_by_excel_with_indonesian_settings_is_read(as_ayu, ayu) -> None:
    cycle = open_cycle(ayu)
    response = post_results(as_ayu, cycle, EXCEL_ID.encode("utf-8-sig"))
    assert response.status_code == 302
    salatiga = Participant.objects.get(cycle=cycle, region__code="33.73")
    assert salatiga.scores == {
        "baseline": "3.5",
        "output": "3",
        "outcome": "3.5",
        "impact": "3",
        "quick_win": "3.5",
    }
    jambi = Participant.objects.get(cycle=cycle, region__code="15.71")
    assert jambi.scores["baseline"] == "3.84" and jambi.verified


def test_a_comma_separated_file_with_a_quoted_decimal_comma_is_read(as_ayu, ayu) -> None:
    cycle = open_cycle(ayu)
    text = 'region_code,baseline,output,outcome,impact,quick_win\n33.73,"3,5",3,"1.234",3,3\n'
    assert post_results(as_ayu, cycle, text.encode()).status_code == 302
    scores = Participant.objects.get(cycle=cycle, region__code="33.73").scores
    assert (scores["baseline"], scores["outcome"]) == ("3.5", "1.234")  # a lone full stop is a decimal point


def test_a_number_that_reads_two_ways_is_refused_naming_it(as_ayu, ayu) -> None:
    cycle = open_cycle(ayu)
    text = "region_code;baseline;output;outcome;impact;quick_win\n33.73;1.234,5;3;3;3;3,5,1\n"
    response = post_results(as_ayu, cycle, text.encode())
    assert response.status_code == 400
    assert response.context["results_form"].errors["upload"] == [
        "baris 2 (33.73): baseline 1.234,5 di luar 0–5; quick_win 3,5,1 bukan angka"
    ]


def test_an_excel_workbook_is_refused_as_not_a_csv_file(as_ayu, ayu) -> None:
    cycle = open_cycle(ayu)
    workbook = b"PK\x03\x04\x14\x00\x06\x00" + b"[Content_Types].xml" + b"\x00" * 40
    response = post_results(as_ayu, cycle, workbook, name="hasil.xlsx")
    assert response.status_code == 400
    assert response.context["results_form"].errors["upload"] == [
        "Ini bukan berkas CSV, melainkan buku kerja atau berkas biner lain. Di Excel pilih "
        "File → Save As → CSV UTF-8 (atau CSV), lalu unggah berkas itu."
    ]
    assert "PK" not in response.content.decode()
    assert not Participant.objects.filter(cycle=cycle).exclude(scores={}).exists()


def test_scores_sent_from_a_tab_opened_before_the_publication_are_refused_with_a_message(as_ayu, ayu) -> None:
    cycle = open_cycle(ayu)
    page = as_ayu.get(reverse("evaluation:cycle", args=[cycle.pk]))  # the tab Ayu keeps open
    assert "Simpan nilai" in page.content.decode()
    do_enter_results(ayu, cycle, GOOD)
    do_publish(ayu, cycle)
    response = as_ayu.post(reverse("evaluation:results", args=[cycle.pk]), {"upload": upload(GOOD)})
    assert response.status_code == 400
    assert "Siklus ini sudah diterbitkan; hasilnya tidak dapat diubah lagi." in response.content.decode()
