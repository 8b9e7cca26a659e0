"""A deliverable submitted twice moves once; an approve and a return released together: one wins.

Pages (one-time form token), the API (``Idempotency-Key``) and the actions (lock, then check the
state the move starts from). The sequential tests run on SQLite too; the races need PostgreSQL.
"""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from conftest import logged_in
from kotacerdas.notifications.models import Notification
from kotacerdas.programme.actions.deliverables import (
    do_add_submitted_item,
    do_review_deliverable,
    do_submit_deliverable,
)
from kotacerdas.programme.models import Deliverable, Transition
from kotacerdas.programme.tests.conftest import deliverable_of
from kotacerdas.web.submissions import new_token
from kotacerdas.web.tests.race import concurrent_db, on_postgresql, race, statuses

ALREADY_SENT = "Formulir ini sudah dikirim; isinya tidak disimpan dua kali."
RETURN = {"decision": "returned", "reason": "Lengkapi data infrastruktur"}
APPROVE = {"decision": "approved", "reason": ""}
NOTICE = {"approved": "programme.approved", "returned": "programme.returned"}
# The loser waited on the lock and found the state changed (the usual case), or, when it loaded the
# deliverable only after the winner had committed, the state machine refuses the move outright.
REFUSALS = ("Status sudah berubah menjadi", "tidak dapat dipindah ke")


def page_url(name: str, d: Deliverable) -> str:
    return reverse(f"programme:{name}", args=[d.candidacy.region.code, d.candidacy.cohort_id, d.pk])


def api_url(d: Deliverable, action: str) -> str:
    c = d.candidacy
    return f"/api/v1/regions/{c.region.code}/programme/{c.cohort_id}/deliverables/{d.pk}/{action}"


def token_client(user) -> Client:  # type: ignore[no-untyped-def]
    token, _created = Token.objects.get_or_create(user=user)
    return Client(HTTP_AUTHORIZATION=f"Token {token.key}")


def handed_in(selected, budi, code: str = "swot") -> Deliverable:  # type: ignore[no-untyped-def]
    d = deliverable_of(selected["33.73"], code)
    do_add_submitted_item(budi, d, label="Dokumen SWOT", link="/r/33.73/")
    return d


def submitted(selected, budi) -> Deliverable:  # type: ignore[no-untyped-def]
    d = handed_in(selected, budi)
    do_submit_deliverable(budi, d, note="Mohon ditinjau")
    return d


# ------------------------------------------------------------------ sequential (SQLite and PostgreSQL)


@pytest.mark.django_db
def test_the_same_submit_form_sent_twice_submits_once(selected, budi, as_budi, rina) -> None:
    d = handed_in(selected, budi)
    form = {"note": "Mohon ditinjau", "submission_token": new_token()}
    first = as_budi.post(page_url("deliverable_submit", d), form)
    second = as_budi.post(page_url("deliverable_submit", d), form)
    assert (first.status_code, second.status_code) == (302, 302)
    assert second.url == first.url
    assert ALREADY_SENT in [str(m) for m in get_messages(second.wsgi_request)]
    assert Transition.objects.filter(deliverable=d, to_status="submitted").count() == 1
    assert Notification.objects.filter(recipient=rina, kind="programme.submitted").count() == 1


@pytest.mark.django_db
def test_a_review_started_from_a_stale_state_is_refused_with_who_changed_it(
    selected, ayu, budi, rina
) -> None:
    d = submitted(selected, budi)
    seen_by_ayu = Deliverable.objects.get(pk=d.pk)  # Ayu opened the page while it was submitted
    do_review_deliverable(rina, d, decision="approved")
    with pytest.raises(ValidationError) as refused:
        do_review_deliverable(ayu, seen_by_ayu, **RETURN)
    assert refused.value.messages == [
        "Status sudah berubah menjadi “disetujui” oleh Rina; muat ulang halaman."
    ]
    d.refresh_from_db()
    assert d.status == "approved"
    assert list(Transition.objects.filter(deliverable=d).values_list("to_status", flat=True)) == [
        "submitted",
        "approved",
    ]
    assert not Notification.objects.filter(recipient=budi, kind="programme.returned").exists()


@pytest.mark.django_db
def test_a_submit_started_from_a_stale_state_is_refused(selected, budi) -> None:
    d = handed_in(selected, budi)
    seen = Deliverable.objects.get(pk=d.pk)
    do_submit_deliverable(budi, d)
    with pytest.raises(ValidationError, match="Status sudah berubah menjadi “dikirim, menunggu tinjauan”"):
        do_submit_deliverable(budi, seen)
    assert Transition.objects.filter(deliverable=d).count() == 1


@pytest.mark.django_db
def test_an_api_submit_repeated_with_its_idempotency_key_answers_the_first_answer(
    selected, budi, rina
) -> None:
    d = handed_in(selected, budi)
    client = token_client(budi)
    key = {"HTTP_IDEMPOTENCY_KEY": "3f1c9a1e-submit-swot"}
    first = client.post(api_url(d, "submit"), {"note": "Mohon ditinjau"}, **key)
    second = client.post(api_url(d, "submit"), {"note": "Mohon ditinjau"}, **key)
    assert (first.status_code, second.status_code) == (200, 200)
    assert second.json() == first.json()
    assert second.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert Transition.objects.filter(deliverable=d).count() == 1
    assert Notification.objects.filter(recipient=rina, kind="programme.submitted").count() == 1
    again = client.post(api_url(d, "submit"), {"note": "lagi"}, HTTP_IDEMPOTENCY_KEY="another-key")
    assert again.status_code == 400  # a new key is a new request: refused by the state machine


@pytest.mark.django_db
def test_a_malformed_idempotency_key_is_a_400(selected, budi) -> None:
    d = handed_in(selected, budi)
    response = token_client(budi).post(api_url(d, "submit"), {}, HTTP_IDEMPOTENCY_KEY="x" * 300)
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()
    assert not Transition.objects.filter(deliverable=d).exists()


# ------------------------------------------------------------------ released together (PostgreSQL)


@on_postgresql
@concurrent_db
def test_a_double_click_on_submit_submits_once_and_tells_the_mentor_once(selected, budi, rina) -> None:
    d = handed_in(selected, budi)
    form = {"note": "Mohon ditinjau", "submission_token": new_token()}
    clients = [logged_in(budi), logged_in(budi)]
    results = race(*(lambda c=c: c.post(page_url("deliverable_submit", d), form) for c in clients))
    assert statuses(results) == [302, 302]
    assert Transition.objects.filter(deliverable=d).count() == 1
    assert Notification.objects.filter(recipient=rina, kind="programme.submitted").count() == 1


@on_postgresql
@concurrent_db
def test_rina_approves_while_ayu_returns_one_wins_and_budi_is_told_the_final_state(
    selected, ayu, budi, rina
) -> None:
    d = submitted(selected, budi)
    as_rina, as_ayu = logged_in(rina), logged_in(ayu)
    results = race(
        lambda: as_rina.post(page_url("deliverable_review", d), {**APPROVE, "submission_token": new_token()}),
        lambda: as_ayu.post(page_url("deliverable_review", d), {**RETURN, "submission_token": new_token()}),
    )
    assert statuses(results) == [302, 400]
    d.refresh_from_db()
    winner = "approved" if results[0].status_code == 302 else "returned"
    assert d.status == winner
    reviews = Transition.objects.filter(deliverable=d, from_status="submitted")
    assert list(reviews.values_list("to_status", flat=True)) == [winner]
    told = Notification.objects.filter(recipient=budi, kind__in=NOTICE.values())
    assert list(told.values_list("kind", flat=True)) == [NOTICE[winner]]
    loser = next(r for r in results if r.status_code == 400).content.decode()
    assert any(refusal in loser for refusal in REFUSALS)


@on_postgresql
@concurrent_db
def test_an_approve_and_a_return_through_the_api_at_once_one_wins(selected, ayu, budi, rina) -> None:
    d = submitted(selected, budi)
    as_rina, as_ayu = token_client(rina), token_client(ayu)
    results = race(
        lambda: as_rina.post(api_url(d, "review"), APPROVE),
        lambda: as_ayu.post(api_url(d, "review"), RETURN),
    )
    assert statuses(results) == [200, 400]
    d.refresh_from_db()
    winner = "approved" if results[0].status_code == 200 else "returned"
    assert d.status == winner
    told = Notification.objects.filter(recipient=budi, kind__in=NOTICE.values())
    assert list(told.values_list("kind", flat=True)) == [NOTICE[winner]]
    refused = next(r for r in results if r.status_code == 400).json()
    assert any(refusal in refused["detail"][0] for refusal in REFUSALS)


@on_postgresql
@concurrent_db
def test_an_api_submit_sent_twice_at_once_with_one_key_moves_once(selected, budi, rina) -> None:
    d = handed_in(selected, budi)
    clients = [token_client(budi), token_client(budi)]
    key = {"HTTP_IDEMPOTENCY_KEY": "retry-of-one-submit"}
    results = race(*(lambda c=c: c.post(api_url(d, "submit"), {"note": "x"}, **key) for c in clients))
    assert statuses(results) == [200, 200]
    assert results[0].json() == results[1].json()
    assert Transition.objects.filter(deliverable=d).count() == 1
    assert Notification.objects.filter(recipient=rina, kind="programme.submitted").count() == 1
