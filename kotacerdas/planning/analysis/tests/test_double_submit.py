"""A form sent twice adds one record; two people adding the same code at once get a 400, never a 500.

The sequential tests run on SQLite too; the races need PostgreSQL (kotacerdas/web/tests/race.py).
"""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from conftest import logged_in
from kotacerdas.planning.models import Problem, SwotItem
from kotacerdas.web.submissions import new_token
from kotacerdas.web.tests.race import concurrent_db, on_postgresql, race, statuses

ALREADY_SENT = "Formulir ini sudah dikirim; isinya tidak disimpan dua kali."
CLASH = "Data dengan nilai ini sudah ada (mungkin baru saja disimpan orang lain); muat ulang halaman."
SWOT = {"scope": "struktur", "kind": "W", "text": "Belum ada tim smart city"}
PROBLEM = {
    "code": "M-01",
    "title": "Antrean puskesmas panjang",
    "element": "living.health",
    "origin": "analysis",
}


def url(name: str, region) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"planning:{name}", args=[region.code])


def messages_of(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.django_db
def test_the_same_swot_form_sent_twice_adds_one_item(as_budi, region_a, masterplan_a) -> None:
    form = {**SWOT, "submission_token": new_token()}
    first = as_budi.post(url("swot", region_a), form)
    second = as_budi.post(url("swot", region_a), form)
    assert (first.status_code, second.status_code) == (302, 302)
    assert second.url == first.url
    assert ALREADY_SENT in messages_of(second)
    assert SwotItem.objects.filter(region=region_a).count() == 1


@pytest.mark.django_db
def test_the_same_problem_form_sent_twice_adds_one_problem_and_no_error(
    as_budi, region_a, masterplan_a
) -> None:
    form = {**PROBLEM, "submission_token": new_token()}
    assert as_budi.post(url("problems", region_a), form).status_code == 302
    second = as_budi.post(url("problems", region_a), form, follow=True)
    assert second.status_code == 200
    assert ALREADY_SENT in second.content.decode()
    assert "sudah memiliki masalah dengan kode ini" not in second.content.decode()
    assert Problem.objects.filter(region=region_a).count() == 1


@pytest.mark.django_db
def test_a_refused_form_leaves_its_token_unused(as_budi, region_a, masterplan_a) -> None:
    token = new_token()
    as_budi.post(url("problems", region_a), PROBLEM)  # M-01 exists
    refused = as_budi.post(url("problems", region_a), {**PROBLEM, "submission_token": token})
    assert refused.status_code == 400
    corrected = as_budi.post(
        url("problems", region_a), {**PROBLEM, "code": "M-02", "submission_token": token}
    )
    assert corrected.status_code == 302
    assert sorted(Problem.objects.values_list("code", flat=True)) == ["M-01", "M-02"]


@pytest.mark.django_db
def test_forms_without_a_token_work_as_before(as_budi, region_a, masterplan_a) -> None:
    assert as_budi.post(url("swot", region_a), SWOT).status_code == 302
    assert as_budi.post(url("swot", region_a), SWOT).status_code == 302
    assert SwotItem.objects.filter(region=region_a).count() == 2


# ------------------------------------------------------------------ released together (PostgreSQL)


@on_postgresql
@concurrent_db
def test_a_double_click_on_add_swot_item_adds_one_item(budi, region_a, masterplan_a) -> None:
    form = {**SWOT, "submission_token": new_token()}
    clients = [logged_in(budi), logged_in(budi)]
    results = race(*(lambda c=c: c.post(url("swot", region_a), form) for c in clients))
    assert statuses(results) == [302, 302]
    assert results[0].url == results[1].url
    assert SwotItem.objects.filter(region=region_a).count() == 1


@on_postgresql
@concurrent_db
def test_a_double_click_on_add_problem_adds_one_problem_and_no_500(budi, region_a, masterplan_a) -> None:
    form = {**PROBLEM, "submission_token": new_token()}
    clients = [logged_in(budi), logged_in(budi)]
    results = race(*(lambda c=c: c.post(url("problems", region_a), form) for c in clients))
    assert statuses(results) == [302, 302]
    assert Problem.objects.filter(region=region_a).count() == 1


@on_postgresql
@concurrent_db
def test_two_people_adding_the_same_problem_code_at_once_get_one_problem_and_a_400(
    ayu, budi, region_a, masterplan_a
) -> None:
    as_ayu, as_budi = logged_in(ayu), logged_in(budi)
    results = race(
        lambda: as_ayu.post(url("problems", region_a), {**PROBLEM, "submission_token": new_token()}),
        lambda: as_budi.post(url("problems", region_a), {**PROBLEM, "submission_token": new_token()}),
    )
    assert statuses(results) == [302, 400]
    refused = next(r for r in results if r.status_code == 400).content.decode()
    # the unique index refused the insert (shown on the field), or the action's own check or the form's
    # unique check (kotacerdas/web/django_messages.py) saw the first problem already committed
    seen_committed = (
        "Wilayah ini sudah memiliki masalah dengan kode ini.",
        "Masalah dengan Masterplan dan Kode ini sudah ada.",
    )
    assert CLASH in refused or any(message in refused for message in seen_committed)
    assert Problem.objects.filter(region=region_a).count() == 1
