"""Ayu opens a cohort, invites candidates and assigns assessors; invited coordinators see it."""

import pytest
from django.core import mail
from django.urls import reverse

from kotacerdas.audit.models import AuditEntry
from kotacerdas.notifications.models import Notification
from kotacerdas.programme.models import Candidacy, ChecklistItem, Cohort, Stage

pytestmark = pytest.mark.django_db


def cohort_post(**overrides):
    data = {
        "year": "2026",
        "name": "Gerakan Smart City 2026",
        "quota": "2",
        "instrument": "readiness-2019",
        "borderline_margin": "0.1",
        "stage1_starts_on": "2026-06-01",
        "stage1_ends_on": "2026-06-02",
        "stage2_starts_on": "2026-07-06",
        "stage2_ends_on": "2026-07-07",
        "stage3_starts_on": "2026-08-03",
        "stage3_ends_on": "2026-08-04",
        "stage4_starts_on": "2026-09-07",
        "stage4_ends_on": "2026-09-08",
    }
    data.update(overrides)
    return data


def test_it_lets_ayu_open_a_cohort_with_its_calendar_and_default_checklist(as_ayu, ayu) -> None:
    response = as_ayu.post(reverse("programme:cohort_new"), cohort_post())
    cohort = Cohort.objects.get(year=2026)
    assert response.status_code == 302
    assert response.url == reverse("programme:cohort", args=[cohort.pk])
    assert (cohort.quota, cohort.instrument) == (2, "readiness-2019")
    assert Stage.objects.filter(cohort=cohort).count() == 4
    codes = list(ChecklistItem.objects.filter(cohort=cohort).values_list("code", flat=True))
    assert "swot" in codes and "commitment-sheet" in codes and len(codes) == 9
    assert ChecklistItem.objects.get(cohort=cohort, code="swot").due_on.isoformat() == "2026-07-02"
    entry = AuditEntry.objects.get(action="cohort.create")
    assert entry.actor == ayu
    assert entry.after["stages"]["1"] == ["2026-06-01", "2026-06-02"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("instrument", "tidak-ada", "Masukkan pilihan yang valid."),
        ("quota", "0", "Pastikan nilai ini lebih besar dari atau sama dengan 1."),
        ("stage2_starts_on", "2026-06-01", "Tahap tidak dapat dimulai sebelum tahap sebelumnya selesai."),
        ("stage3_ends_on", "2026-08-01", "Tahap berakhir sebelum dimulai."),
        ("name", "   ", "Bidang ini harus diisi."),
    ],
)
def test_bad_input_is_refused_in_indonesian_and_saves_nothing(as_ayu, field, value, message) -> None:
    audit_before = AuditEntry.objects.count()
    response = as_ayu.post(reverse("programme:cohort_new"), cohort_post(**{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Cohort.objects.exists()
    assert AuditEntry.objects.count() == audit_before


def test_a_second_cohort_for_the_same_year_is_refused(as_ayu, cohort) -> None:
    response = as_ayu.post(reverse("programme:cohort_new"), cohort_post(name="Lagi"))
    assert response.status_code == 400
    assert "Sudah ada kohort untuk 2026." in response.content.decode()


def test_invited_coordinators_are_notified_and_see_the_invitation(
    as_ayu, cohort, budi, region_a, region_b, as_budi
) -> None:
    response = as_ayu.post(reverse("programme:invite", args=[cohort.pk]), {"regions": "33.73, 34.04"})
    assert response.status_code == 302
    assert Candidacy.objects.filter(cohort=cohort).count() == 2
    note = Notification.objects.get(recipient=budi)
    assert "Kota Salatiga diundang" in note.text
    page = as_budi.get(reverse("programme:candidacy", args=["33.73", cohort.pk]))
    assert page.status_code == 200
    assert "diundang" in page.content.decode()
    assert as_budi.get(reverse("programme:mine")).content.decode().count("Gerakan Smart City 2026") == 1


def test_invitations_with_unknown_or_provincial_codes_are_refused(as_ayu, cohort) -> None:
    response = as_ayu.post(reverse("programme:invite", args=[cohort.pk]), {"regions": "33.73 99.99"})
    assert response.status_code == 400
    assert "Kode wilayah tidak dikenal: 99.99." in response.content.decode()
    response = as_ayu.post(reverse("programme:invite", args=[cohort.pk]), {"regions": "33"})
    assert response.status_code == 400
    assert not Candidacy.objects.exists()


def test_inviting_twice_is_refused(as_ayu, cohort, region_a) -> None:
    as_ayu.post(reverse("programme:invite", args=[cohort.pk]), {"regions": "33.73"})
    response = as_ayu.post(reverse("programme:invite", args=[cohort.pk]), {"regions": "33.73"})
    assert response.status_code == 400
    assert "Sudah diundang: Kota Salatiga." in response.content.decode()


def test_ayu_assigns_an_assessor_who_is_notified_by_email(as_ayu, ayu, cohort, region_b, tono) -> None:
    tono.email = "tono@example.org"
    tono.save()
    as_ayu.post(reverse("programme:invite", args=[cohort.pk]), {"regions": "34.04"})
    with_commit = as_ayu.post(
        reverse("programme:assign_assessor", args=[cohort.pk]), {"region": "34.04", "username": "tono"}
    )
    assert with_commit.status_code == 302
    candidacy = Candidacy.objects.get(region=region_b)
    assert candidacy.assessors.get().assessor == tono
    assert tono.memberships.filter(role="assessor", region=region_b).exists()
    assert Notification.objects.filter(recipient=tono, kind="programme.assessor_assigned").exists()
    assert AuditEntry.objects.filter(action="candidacy.assign_assessor").exists()


def test_an_unknown_assessor_is_refused(as_ayu, cohort, region_b) -> None:
    as_ayu.post(reverse("programme:invite", args=[cohort.pk]), {"regions": "34.04"})
    response = as_ayu.post(
        reverse("programme:assign_assessor", args=[cohort.pk]), {"region": "34.04", "username": "siapa"}
    )
    assert response.status_code == 400
    assert "Tidak ada orang aktif dengan nama pengguna ini." in response.content.decode()


def test_emails_go_to_people_with_an_address(
    ayu, cohort, region_a, budi, django_capture_on_commit_callbacks
) -> None:
    from kotacerdas.programme.actions.cohorts import do_invite_regions

    budi.email = "budi@salatiga.example"
    budi.save()
    with django_capture_on_commit_callbacks(execute=True):
        do_invite_regions(ayu, cohort, [region_a])
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["budi@salatiga.example"]
    assert "Kota Salatiga diundang" in mail.outbox[0].subject
