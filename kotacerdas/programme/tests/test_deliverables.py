"""Budi hands in deliverables, Rina approves or returns them with a reason; every transition is recorded."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import logged_in
from kotacerdas.audit.models import AuditEntry
from kotacerdas.notifications.models import Notification
from kotacerdas.programme.models import Deliverable, SubmittedItem, Transition
from kotacerdas.programme.tests.conftest import PDF, deliverable_of, pdf

pytestmark = pytest.mark.django_db


def url(name, d, *extra):  # type: ignore[no-untyped-def]
    return reverse(f"programme:{name}", args=[d.region.code, d.candidacy.cohort_id, d.pk, *extra])


def hand_in(client, d, label="Dokumen SWOT", link="/r/33.73/"):  # type: ignore[no-untyped-def]
    assert client.post(url("deliverable", d), {"label": label, "link": link}).status_code == 302
    assert client.post(url("deliverable_submit", d), {"note": "Mohon ditinjau"}).status_code == 302


def test_budi_hands_in_a_link_and_a_file_and_submits(selected, budi, as_budi, rina) -> None:
    d = deliverable_of(selected["33.73"], "swot")
    as_budi.post(url("deliverable", d), {"label": "Analisis SWOT (draf)", "link": "/r/33.73/"})
    as_budi.post(url("deliverable", d), {"label": "Notulen", "file": pdf("notulen.pdf")})
    assert SubmittedItem.objects.filter(deliverable=d).count() == 2
    response = as_budi.post(url("deliverable_submit", d), {"note": "Mohon ditinjau"})
    assert response.status_code == 302
    d.refresh_from_db()
    assert d.status == "submitted"
    t = Transition.objects.get(deliverable=d)
    assert (t.from_status, t.to_status, t.actor, t.reason) == ("pending", "submitted", budi, "Mohon ditinjau")
    assert Notification.objects.filter(recipient=rina, kind="programme.submitted").exists()
    item = SubmittedItem.objects.get(label="Notulen")
    response = as_budi.get(url("item_file", d, item.pk))
    assert b"".join(response.streaming_content) == PDF


def test_submitting_without_any_item_is_refused(selected, as_budi) -> None:
    d = deliverable_of(selected["33.73"], "swot")
    response = as_budi.post(url("deliverable_submit", d), {"note": ""})
    assert response.status_code == 400
    assert "Tambahkan setidaknya satu tautan atau berkas sebelum mengirim." in response.content.decode()
    d.refresh_from_db()
    assert d.status == "pending"
    assert not Transition.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"label": "x", "link": "javascript:alert(1)"}, "Isi alamat halaman kotacerdas yang diawali /"),
        ({"label": "x"}, "Berikan tautan atau unggah berkas."),
        ({"label": "", "link": "/x/"}, "Bidang ini harus diisi."),
        (
            {"label": "x", "file": SimpleUploadedFile("a.docx", b"PK\x03\x04garbage")},
            "Jenis berkas ini tidak diterima",
        ),
    ],
)
def test_bad_items_are_refused_in_indonesian(selected, as_budi, data, message) -> None:
    d = deliverable_of(selected["33.73"], "swot")
    response = as_budi.post(url("deliverable", d), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SubmittedItem.objects.exists()


def test_rina_approves_one_and_returns_another_budi_resubmits_and_the_history_shows_it(
    selected, budi, rina, as_budi
) -> None:
    swot = deliverable_of(selected["33.73"], "swot")
    gap = deliverable_of(selected["33.73"], "readiness-gap")
    hand_in(as_budi, swot)
    hand_in(as_budi, gap)
    as_rina = logged_in(rina)
    assert (
        as_rina.post(url("deliverable_review", swot), {"decision": "approved", "reason": "Baik"}).status_code
        == 302
    )
    response = as_rina.post(
        url("deliverable_review", gap),
        {"decision": "returned", "reason": "Lengkapi analisis infrastruktur digital"},
    )
    assert response.status_code == 302
    assert Notification.objects.filter(recipient=budi, kind="programme.approved").exists()
    returned = Notification.objects.get(recipient=budi, kind="programme.returned")
    assert "Lengkapi analisis infrastruktur digital" in returned.text

    page = as_budi.get(
        reverse("programme:candidacy", args=["33.73", swot.candidacy.cohort_id])
    ).content.decode()
    assert "dikembalikan untuk revisi" in page
    assert "Lengkapi analisis infrastruktur digital" in page

    assert (
        as_budi.post(url("deliverable", gap), {"label": "Revisi", "link": "/r/33.73/opd/"}).status_code == 302
    )
    assert as_budi.post(url("deliverable_submit", gap), {"note": "Sudah direvisi"}).status_code == 302
    history = as_budi.get(url("deliverable", gap)).content.decode()
    for who_why in ("Budi", "Rina", "Lengkapi analisis infrastruktur digital", "Sudah direvisi"):
        assert who_why in history
    steps = list(
        Transition.objects.filter(deliverable=gap).values_list("from_status", "to_status", "actor__username")
    )
    assert steps == [
        ("pending", "submitted", "budi"),
        ("submitted", "returned", "rina"),
        ("returned", "submitted", "budi"),
    ]
    assert AuditEntry.objects.filter(action="deliverable.returned", actor=rina).count() == 1


def test_returning_needs_a_reason(selected, as_budi, rina) -> None:
    d = deliverable_of(selected["33.73"], "swot")
    hand_in(as_budi, d)
    response = logged_in(rina).post(url("deliverable_review", d), {"decision": "returned", "reason": ""})
    assert response.status_code == 400
    assert "Sebutkan apa yang harus direvisi" in response.content.decode()
    d.refresh_from_db()
    assert d.status == "submitted"


def test_an_approved_deliverable_cannot_be_approved_again(selected, as_budi, rina) -> None:
    d = deliverable_of(selected["33.73"], "swot")
    hand_in(as_budi, d)
    as_rina = logged_in(rina)
    as_rina.post(url("deliverable_review", d), {"decision": "approved"})
    response = as_rina.post(url("deliverable_review", d), {"decision": "approved"})
    assert response.status_code == 400
    assert "tidak dapat dipindah" in response.content.decode()
    assert Transition.objects.filter(deliverable=d).count() == 2


def test_budi_cannot_review_and_rina_cannot_hand_in(selected, as_budi, rina) -> None:
    """Both may open the deliverable, so a write without the right is the shared 403, not a 404."""
    d = deliverable_of(selected["33.73"], "swot")
    hand_in(as_budi, d)
    audited = AuditEntry.objects.count()
    refused = as_budi.post(url("deliverable_review", d), {"decision": "approved"})
    assert refused.status_code == 403
    assert "Tidak diizinkan" in refused.content.decode()
    as_rina = logged_in(rina)
    assert as_rina.post(url("deliverable", d), {"label": "x", "link": "/x/"}).status_code == 403
    assert as_rina.post(url("deliverable_submit", d), {"note": "x"}).status_code == 403
    d.refresh_from_db()
    assert d.status == "submitted"
    assert list(SubmittedItem.objects.filter(deliverable=d).values_list("label", flat=True)) == [
        "Dokumen SWOT"
    ]
    assert Transition.objects.filter(deliverable=d).count() == 1
    assert AuditEntry.objects.count() == audited


def test_the_discussion_thread_is_shown_on_a_deliverable(selected, as_budi) -> None:
    d = deliverable_of(selected["33.73"], "swot")
    body = as_budi.get(url("deliverable", d)).content.decode()
    assert "discussion" in body
    assert Deliverable.objects.get(pk=d.pk).region.code == "33.73"
