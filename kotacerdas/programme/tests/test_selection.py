"""Tono verifies scores; Ayu ranks, records overrides with reasons, selects up to the quota, exports."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from conftest import logged_in
from kotacerdas.audit.models import AuditEntry
from kotacerdas.notifications.models import Notification
from kotacerdas.programme.models import Candidacy, InterimScore, Override, Ranking

pytestmark = pytest.mark.django_db


def test_tono_records_a_verified_score_for_an_assigned_region(ayu, tono, cohort, region_b) -> None:
    from kotacerdas.programme.actions.cohorts import do_assign_assessor, do_invite_regions

    candidacy = do_invite_regions(ayu, cohort, [region_b])[0]
    do_assign_assessor(ayu, candidacy, tono)
    response = logged_in(tono).post(
        reverse("programme:verify_score", args=["34.04", cohort.pk]), {"score": "3,25"}
    )
    assert response.status_code == 302
    assert str(InterimScore.objects.get(candidacy=candidacy).score) == "3.2500"
    assert AuditEntry.objects.get(action="candidacy.verify_score").actor == tono


def test_a_bad_score_is_refused_in_indonesian(ayu, tono, cohort, region_b) -> None:
    from kotacerdas.programme.actions.cohorts import do_assign_assessor, do_invite_regions

    candidacy = do_invite_regions(ayu, cohort, [region_b])[0]
    do_assign_assessor(ayu, candidacy, tono)
    response = logged_in(tono).post(
        reverse("programme:verify_score", args=["34.04", cohort.pk]), {"score": "tiga"}
    )
    assert response.status_code == 400
    assert "Isi skor sebagai angka, misalnya 3,75." in response.content.decode()
    assert not InterimScore.objects.exists()


def test_an_unassigned_assessor_cannot_verify(ayu, tono, cohort, region_b, region_a) -> None:
    from kotacerdas.programme.actions.cohorts import do_invite_regions

    do_invite_regions(ayu, cohort, [region_b])
    response = logged_in(tono).post(
        reverse("programme:verify_score", args=["34.04", cohort.pk]), {"score": "3"}
    )
    assert response.status_code == 404


def test_the_ranking_shows_scores_and_the_preview_selection(as_ayu, cohort, candidates) -> None:
    body = as_ayu.get(reverse("programme:selection", args=[cohort.pk])).content.decode()
    assert body.index("Kota Surakarta") < body.index("Kota Salatiga") < body.index("Kabupaten Sleman")
    assert "pratinjau" in body.lower()


def test_an_override_without_a_reason_is_refused_and_saves_nothing(as_ayu, cohort, candidates) -> None:
    response = as_ayu.post(
        reverse("programme:override", args=[cohort.pk]),
        {"region": "34.04", "decision": "include", "reason": " "},
    )
    assert response.status_code == 400
    assert "Bidang ini harus diisi." in response.content.decode()
    assert not Override.objects.exists()


def test_more_includes_than_the_quota_are_refused(as_ayu, cohort, candidates) -> None:
    url = reverse("programme:override", args=[cohort.pk])
    as_ayu.post(url, {"region": "34.04", "decision": "include", "reason": "a"})
    as_ayu.post(url, {"region": "33.73", "decision": "include", "reason": "b"})
    response = as_ayu.post(url, {"region": "33.72", "decision": "include", "reason": "c"})
    assert response.status_code == 400
    assert "melebihi kuota (2)" in response.content.decode()
    assert Override.objects.count() == 2


def test_ayu_selects_up_to_the_quota_with_an_override_shown_next_to_the_rank(
    as_ayu, ayu, cohort, candidates, budi
) -> None:
    url = reverse("programme:override", args=[cohort.pk])
    response = as_ayu.post(
        url, {"region": "34.04", "decision": "include", "reason": "Pemerataan wilayah DIY"}
    )
    assert response.status_code == 302
    assert as_ayu.post(reverse("programme:select", args=[cohort.pk])).status_code == 302
    statuses = dict(Candidacy.objects.values_list("region__code", "status"))
    assert statuses == {"33.72": "selected", "34.04": "selected", "33.73": "not_selected"}
    ranking = Ranking.objects.get(cohort=cohort)
    assert ranking.recipe["instrument"] == "readiness-2019"
    assert ranking.recipe["scores"] == {"33.72": "3.8000", "33.73": "3.5000", "34.04": "3.1000"}
    assert ranking.recipe["overrides"][0]["reason"] == "Pemerataan wilayah DIY"
    assert ranking.recipe["quota"] == 2
    assert "tie" in ranking.recipe["ties_rule"]
    assert ranking.input_hash == ranking.recipe["input_hash"]
    body = as_ayu.get(reverse("programme:selection", args=[cohort.pk])).content.decode()
    assert "dimasukkan lewat pengecualian" in body
    assert "Pemerataan wilayah DIY" in body
    assert AuditEntry.objects.get(action="cohort.select").after["selected"] == ["33.72", "34.04"]
    assert not Notification.objects.filter(recipient=budi, kind="programme.selected").exists()


def test_selecting_twice_is_refused(as_ayu, ayu, cohort, candidates) -> None:
    as_ayu.post(reverse("programme:select", args=[cohort.pk]))
    response = as_ayu.post(reverse("programme:select", args=[cohort.pk]))
    assert response.status_code == 200
    assert "Seleksi kohort ini sudah ditetapkan." in response.content.decode()
    assert Ranking.objects.count() == 1


def test_nobody_is_selected_without_verified_scores(as_ayu, cohort, region_a) -> None:
    as_ayu.post(reverse("programme:invite", args=[cohort.pk]), {"regions": "33.73"})
    response = as_ayu.post(reverse("programme:select", args=[cohort.pk]))
    assert "belum ada kandidat dengan skor terverifikasi" in response.content.decode()
    assert not Ranking.objects.exists()


def test_a_tie_at_the_cut_off_is_visible_and_left_to_ayu(ayu, as_ayu, tono, cohort, candidates) -> None:
    from kotacerdas.programme.actions.selection import do_record_verified_score

    do_record_verified_score(tono, candidates["34.04"], "3.50")  # ties with Salatiga for the 2nd seat
    body = as_ayu.get(reverse("programme:selection", args=[cohort.pk])).content.decode()
    assert body.count('<span class="tag">seri di batas kelulusan</span>') == 2


def test_the_xlsx_export_matches_the_screen(as_ayu, cohort, selected) -> None:
    response = as_ayu.get(reverse("programme:selection_xlsx", args=[cohort.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Peringkat", "Kode", "Wilayah", "Skor terverifikasi", "Terpilih", "Catatan")
    assert [r[1] for r in rows[1:]] == ["33.72", "33.73", "34.04"]
    assert [r[4] for r in rows[1:]] == ["tidak", "ya", "ya"]
    assert "Pemerataan wilayah DIY" in rows[3][5]
    assert "Sudah mendapat program serupa" in rows[1][5]


def test_the_printable_page_lists_the_cohort(as_ayu, cohort, selected) -> None:
    body = as_ayu.get(reverse("programme:selection_print", args=[cohort.pk])).content.decode()
    assert "Seleksi Gerakan Smart City 2026" in body
    assert "Pemerataan wilayah DIY" in body
    assert "data-print" in body and "kotacerdas/print.js" in body  # the print button (no inline script)


def test_selected_coordinators_are_notified(cohort, selected, budi, dewi) -> None:
    assert Notification.objects.filter(recipient=budi, kind="programme.selected").exists()
    assert Notification.objects.filter(recipient=dewi, kind="programme.selected").exists()
