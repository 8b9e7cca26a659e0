"""The programme through the JSON API: the same scoping, actions and history as the web pages."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from kotacerdas.audit.models import AuditEntry
from kotacerdas.notifications.models import Notification
from kotacerdas.programme.actions.deliverables import do_add_submitted_item, do_submit_deliverable
from kotacerdas.programme.tests.conftest import deliverable_of

pytestmark = pytest.mark.django_db

API = "/api/v1"


def token_client(user) -> Client:  # type: ignore[no-untyped-def]
    token = Token.objects.create(user=user)
    return Client(HTTP_AUTHORIZATION=f"Token {token.key}")


def deliverable_url(deliverable, action: str = "") -> str:  # type: ignore[no-untyped-def]
    c = deliverable.candidacy
    url = f"{API}/regions/{c.region.code}/programme/{c.cohort_id}/deliverables/{deliverable.pk}"
    return url + (f"/{action}" if action else "")


def hand_in(user, deliverable) -> None:  # type: ignore[no-untyped-def]
    do_add_submitted_item(user, deliverable, label="Dokumen SWOT", link="/r/33.73/opd/")


def test_ayu_reads_the_cohorts_with_their_calendar_and_counts(ayu, cohort, selected) -> None:
    cohorts = token_client(ayu).get(f"{API}/programme/cohorts").json()["results"]
    assert [(c["year"], c["quota"], c["candidates"], c["selected"]) for c in cohorts] == [(2026, 2, 3, 2)]
    assert [s["name"] for s in cohorts[0]["stages"]] == ["Bimtek I", "Bimtek II", "Bimtek III", "Bimtek IV"]
    assert cohorts[0]["stages"][0]["starts_on"] == "2026-06-01"


def test_the_ranking_shows_the_override_reason_next_to_the_rank_and_its_recipe(ayu, cohort, selected) -> None:
    ranking = token_client(ayu).get(f"{API}/programme/cohorts/{cohort.pk}/ranking").json()
    by_code = {e["code"]: e for e in ranking["entries"]}
    # X 3.80 ranks first but is excluded; B 3.10 ranks third but is included for equity
    assert (by_code["33.72"]["rank"], by_code["33.72"]["selected"]) == (1, False)
    assert (by_code["34.04"]["rank"], by_code["34.04"]["selected"]) == (3, True)
    assert by_code["34.04"]["override_reason"] == "Pemerataan wilayah DIY"
    assert ranking["recipe"]["instrument"] == "readiness-2019"
    assert len(ranking["recipe"]["input_hash"]) == 64


def test_the_dashboard_data_equals_the_rows_on_screen(ayu, cohort, selected) -> None:
    rows = token_client(ayu).get(f"{API}/programme/dashboard").json()
    assert [(r["region"], r["current_label"], r["current_stage"]) for r in rows] == [
        ("34.04", "Bimtek I", 1),
        ("33.73", "Bimtek I", 1),
    ]  # ordered by region name: Kabupaten Sleman, Kota Salatiga
    salatiga = rows[1]
    assert salatiga["mentors"] == ["Rina"]
    assert [s["state"] for s in salatiga["stages"]] == ["current", "upcoming", "upcoming", "upcoming"]
    stage_one = deliverable_of(selected["33.73"], "swot").item.cohort.checklist.filter(stage=1).count()
    assert salatiga["stages"][0]["total"] == stage_one


def test_the_dashboard_filters_like_the_page_and_explains_a_bad_filter(ayu, cohort, selected) -> None:
    client = token_client(ayu)
    assert [r["region"] for r in client.get(f"{API}/programme/dashboard", {"province": "34"}).json()] == [
        "34.04"
    ]
    response = client.get(f"{API}/programme/dashboard", {"province": "99", "size_class": "raksasa"})
    assert response.status_code == 400
    assert set(response.json()) == {"province", "size_class"}


def test_only_ayu_reads_the_national_endpoints(cohort, selected, budi, rina) -> None:
    for user in (budi, rina):
        client = token_client(user)
        for path in ("programme/cohorts", f"programme/cohorts/{cohort.pk}/ranking", "programme/dashboard"):
            assert client.get(f"{API}/{path}").status_code == 404
    assert Client().get(f"{API}/programme/dashboard").status_code == 401


def test_budi_reads_his_region_with_every_deliverable(cohort, selected, budi) -> None:
    response = token_client(budi).get(f"{API}/regions/33.73/programme")
    assert response.status_code == 200
    [candidacy] = response.json()
    assert (candidacy["status"], candidacy["mou_number"]) == ("selected", "NK-33.73/2026")
    assert candidacy["progress"]["current_label"] == "Bimtek I"
    codes = [d["code"] for d in candidacy["deliverables"]]
    assert "swot" in codes
    assert len(codes) == cohort.checklist.count()


def test_a_mentor_reads_only_the_regions_assigned_to_them(selected, rina, dewi) -> None:
    client = token_client(rina)
    assert client.get(f"{API}/regions/33.73/programme").status_code == 200
    assert client.get(f"{API}/regions/34.04/programme").status_code == 404
    sleman_swot = deliverable_of(selected["34.04"], "swot")
    assert client.get(deliverable_url(sleman_swot)).status_code == 404
    assert client.post(deliverable_url(sleman_swot, "review"), {"decision": "approved"}).status_code == 404


def test_budi_cannot_open_region_b_by_guessing_ids(selected, budi) -> None:
    client = token_client(budi)
    sleman_swot = deliverable_of(selected["34.04"], "swot")
    assert client.get(deliverable_url(sleman_swot)).status_code == 404
    cohort_id = sleman_swot.candidacy.cohort_id
    crossed = f"{API}/regions/33.73/programme/{cohort_id}/deliverables/{sleman_swot.pk}"
    assert client.get(crossed).status_code == 404  # B's deliverable under A's URL
    assert client.post(deliverable_url(sleman_swot, "submit")).status_code == 404


def test_rina_returns_budi_resubmits_and_the_history_says_who_when_why(selected, budi, rina) -> None:
    gap = deliverable_of(selected["33.73"], "readiness-gap")
    hand_in(budi, gap)
    as_budi, as_rina = token_client(budi), token_client(rina)
    assert as_budi.post(deliverable_url(gap, "submit"), {"note": "Mohon ditinjau"}).status_code == 200
    returned = as_rina.post(
        deliverable_url(gap, "review"), {"decision": "returned", "reason": "Lengkapi data infrastruktur"}
    )
    assert returned.status_code == 200
    assert returned.json()["status"] == "returned"
    assert Notification.objects.filter(recipient=budi, kind="programme.returned").exists()
    hand_in(budi, gap)
    resubmitted = as_budi.post(deliverable_url(gap, "submit"), {"note": "Sudah direvisi"}).json()
    history = [(t["from_status"], t["to_status"], t["who"], t["why"]) for t in resubmitted["history"]]
    assert history == [
        ("pending", "submitted", "budi", "Mohon ditinjau"),
        ("submitted", "returned", "rina", "Lengkapi data infrastruktur"),
        ("returned", "submitted", "budi", "Sudah direvisi"),
    ]
    assert all(t["when"] for t in resubmitted["history"])
    assert [i["label"] for i in resubmitted["items"]] == ["Dokumen SWOT", "Dokumen SWOT"]
    assert AuditEntry.objects.filter(action="deliverable.returned", actor=rina).count() == 1


def test_returning_without_a_reason_is_refused_in_indonesian_and_nothing_changes(
    selected, budi, rina
) -> None:
    swot = deliverable_of(selected["33.73"], "swot")
    hand_in(budi, swot)
    do_submit_deliverable(budi, swot)
    response = token_client(rina).post(deliverable_url(swot, "review"), {"decision": "returned"})
    assert response.status_code == 400
    assert "alasan" in response.json()["reason"][0].lower()
    swot.refresh_from_db()
    assert swot.status == "submitted"
    assert swot.transitions.count() == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"decision": "maybe"}, "decision"),
        ({}, "decision"),
        ({"decision": "approved", "reason": "x" * 3000}, "reason"),
    ],
)
def test_bad_review_input_is_a_400_per_field(selected, budi, rina, data, field) -> None:
    swot = deliverable_of(selected["33.73"], "swot")
    hand_in(budi, swot)
    do_submit_deliverable(budi, swot)
    response = token_client(rina).post(deliverable_url(swot, "review"), data)
    assert response.status_code == 400
    assert field in response.json()


def test_submitting_with_nothing_handed_in_is_refused(selected, budi) -> None:
    swot = deliverable_of(selected["33.73"], "swot")
    response = token_client(budi).post(deliverable_url(swot, "submit"))
    assert response.status_code == 400
    assert "tautan atau berkas" in response.json()["detail"][0]
    swot.refresh_from_db()
    assert swot.status == "pending"


def test_the_wrong_role_is_told_why_not_what_exists(selected, budi, rina) -> None:
    swot = deliverable_of(selected["33.73"], "swot")
    hand_in(budi, swot)
    assert token_client(rina).post(deliverable_url(swot, "submit")).status_code == 403
    do_submit_deliverable(budi, swot)
    refused = token_client(budi).post(deliverable_url(swot, "review"), {"decision": "approved"})
    assert refused.status_code == 403
    assert "mentor" in refused.json()["detail"].lower()


def test_the_programme_endpoints_are_in_the_openapi_schema() -> None:
    paths = Client().get(f"{API}/schema", HTTP_ACCEPT="application/json").json()["paths"]
    expected = {
        "/api/v1/programme/cohorts",
        "/api/v1/programme/dashboard",
        "/api/v1/regions/{code}/programme",
        "/api/v1/regions/{code}/programme/{cohort_id}/deliverables/{deliverable_id}/review",
    }
    assert expected <= set(paths)


def test_a_note_longer_than_the_page_takes_is_a_400_on_the_field_and_changes_nothing(selected, budi) -> None:
    from kotacerdas.web.forms import NOTE_MAX

    gap = deliverable_of(selected["33.73"], "readiness-gap")
    hand_in(budi, gap)
    as_budi = token_client(budi)
    response = as_budi.post(deliverable_url(gap, "submit"), {"note": "x" * (NOTE_MAX + 1)})
    assert response.status_code == 400
    assert list(response.json()) == ["note"]
    gap.refresh_from_db()
    assert gap.status == "pending"
    assert as_budi.post(deliverable_url(gap, "submit"), {"note": "x" * NOTE_MAX}).status_code == 200
