"""The kernel's once-per-submission machinery and its unique-clash answer (kotacerdas.web)."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django import forms
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from kotacerdas.web import submissions
from kotacerdas.web.models import SubmittedForm
from kotacerdas.web.pages import FAILED, attempt
from kotacerdas.web.submissions import (
    KEEP,
    AlreadySubmitted,
    answer_once,
    form_token,
    idempotency_key,
    new_token,
    once,
)

ROOT = Path(__file__).resolve().parents[2]  # kotacerdas/
POST_FORM = re.compile(r"<form\b[^>]*\bmethod=[\"']?post[\"']?[^>]*>(.*?)</form>", re.I | re.S)
TOKEN_INPUT = re.compile(r'name="submission_token" value="([0-9a-f]{32})"')


def test_every_post_form_of_every_template_carries_a_submission_token() -> None:
    """A form without the token would still work, but a double click on it would act twice."""
    templates = sorted(ROOT.rglob("templates/**/*.html"))
    assert len(templates) > 50
    missing = []
    for template in templates:
        for body in POST_FORM.findall(template.read_text(encoding="utf-8")):
            if "{% submission_token %}" not in body:
                missing.append(str(template.relative_to(ROOT)))
    assert missing == []


def test_each_rendered_form_gets_its_own_token(as_budi, region_a) -> None:
    response = as_budi.get(reverse("regions:opds", args=[region_a.code]))
    tokens = TOKEN_INPUT.findall(response.content.decode())
    assert tokens, "the OPD page has a POST form"
    again = TOKEN_INPUT.findall(as_budi.get(reverse("regions:opds", args=[region_a.code])).content.decode())
    assert set(tokens).isdisjoint(again)


def test_a_token_is_read_only_when_well_formed() -> None:
    factory = RequestFactory()
    token = new_token()
    assert form_token(factory.post("/", {"submission_token": token})) == token
    for odd in ["", "x" * 32, token.upper(), token + "0", "../" * 11]:
        assert form_token(factory.post("/", {"submission_token": odd})) is None
    assert form_token(factory.get("/", {"submission_token": token})) is None


def test_an_idempotency_key_is_visible_ascii_of_at_most_255_characters() -> None:
    from django.core.exceptions import ValidationError

    factory = RequestFactory()
    assert idempotency_key(factory.post("/")) is None
    assert idempotency_key(factory.post("/", headers={"Idempotency-Key": "abc-123"})) == "abc-123"
    for odd in ["a" * 256, "with space", "ü"]:
        with pytest.raises(ValidationError):
            idempotency_key(factory.post("/", headers={"Idempotency-Key": odd}))


@pytest.mark.django_db
def test_once_runs_a_token_once_and_a_refused_run_leaves_the_token_unused(budi, sari) -> None:
    token = new_token()
    with once(budi, token) as claim:
        claim.give_up()  # the action was refused: the token stays free
    assert not SubmittedForm.objects.exists()
    with once(budi, token) as claim:
        claim.answer(redirect_to="/r/33.73/")
    with pytest.raises(AlreadySubmitted) as repeat, once(budi, token):
        raise AssertionError("a repeat must not run")
    assert repeat.value.record is not None
    assert repeat.value.record.redirect_to == "/r/33.73/"
    with once(sari, token):  # another person's token space: runs
        pass
    assert SubmittedForm.objects.count() == 2


@pytest.mark.django_db
def test_tokens_older_than_a_day_are_pruned_on_write(budi, monkeypatch) -> None:
    monkeypatch.setattr(submissions, "_last_prune", [])  # this process has not swept yet
    old = SubmittedForm.objects.create(key="o" * 64)
    SubmittedForm.objects.filter(pk=old.pk).update(created_at=timezone.now() - KEEP - timedelta(minutes=1))
    recent = SubmittedForm.objects.create(key="r" * 64)
    with once(budi, new_token()):
        pass
    assert not SubmittedForm.objects.filter(pk=old.pk).exists()
    assert SubmittedForm.objects.filter(pk=recent.pk).exists()
    assert SubmittedForm.objects.count() == 2  # the recent one and the one just written


@pytest.mark.django_db
def test_a_process_sweeps_expired_tokens_at_most_every_five_minutes(budi, monkeypatch) -> None:
    monkeypatch.setattr(submissions, "_last_prune", [])

    def expired(key: str) -> SubmittedForm:
        row = SubmittedForm.objects.create(key=key * 64)
        SubmittedForm.objects.filter(pk=row.pk).update(
            created_at=timezone.now() - KEEP - timedelta(minutes=1)
        )
        return row

    first = expired("a")
    with once(budi, new_token()):
        pass
    assert not SubmittedForm.objects.filter(pk=first.pk).exists()
    second = expired("b")
    with once(budi, new_token()):  # within PRUNE_EVERY of the last sweep: no sweep
        pass
    assert SubmittedForm.objects.filter(pk=second.pk).exists()
    submissions._last_prune[0] -= submissions.PRUNE_EVERY
    with once(budi, new_token()):
        pass
    assert not SubmittedForm.objects.filter(pk=second.pk).exists()


class KeyForm(forms.Form):
    key = forms.CharField()


def test_a_token_recorded_with_its_answer_is_written_once_and_a_repeat_needs_no_savepoint(budi) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    token = new_token()
    with CaptureQueriesContext(connection) as first, once(budi, token, redirect_to="/r/33.73/") as claim:
        claim.answer(redirect_to="/r/33.73/")  # the answer it was recorded with: nothing more to write
    writes = [q["sql"] for q in first.captured_queries if q["sql"].startswith(("INSERT", "UPDATE"))]
    assert len(writes) == 1 and "web_submittedform" in writes[0]
    with (
        CaptureQueriesContext(connection) as repeat_sql,
        pytest.raises(AlreadySubmitted) as repeat,
        once(budi, token, redirect_to="/elsewhere/"),
    ):
        raise AssertionError("a repeat must not run")
    assert repeat.value.record is not None and repeat.value.record.redirect_to == "/r/33.73/"
    savepoints = [q["sql"] for q in repeat_sql.captured_queries if q["sql"].startswith("SAVEPOINT")]
    assert len(savepoints) == 1  # once's own transaction (a savepoint in the test's), none for the token
    with once(budi, new_token(), redirect_to="/r/33.73/") as claim:
        claim.answer(redirect_to="/r/33.73/masterplan/")  # another answer than expected: remembered
    assert SubmittedForm.objects.filter(redirect_to="/r/33.73/masterplan/").count() == 1


@pytest.mark.django_db
def test_a_unique_clash_in_an_action_is_shown_on_the_field_and_the_transaction_stays_usable() -> None:
    SubmittedForm.objects.create(key="k" * 64)
    form = KeyForm({"key": "k" * 64})
    assert form.is_valid()
    assert attempt(form, lambda: SubmittedForm.objects.create(key="k" * 64)) is FAILED
    assert form.errors["key"] == [
        "Data dengan nilai ini sudah ada (mungkin baru saja disimpan orang lain); muat ulang halaman."
    ]
    assert SubmittedForm.objects.count() == 1  # the test's transaction is still usable (PostgreSQL too)


@pytest.mark.django_db
def test_a_clash_on_a_column_the_form_does_not_have_is_a_non_field_error() -> None:
    SubmittedForm.objects.create(key="k" * 64)
    form = forms.Form({})
    assert form.is_valid()
    assert attempt(form, lambda: SubmittedForm.objects.create(key="k" * 64)) is FAILED
    assert form.non_field_errors() == [
        "Data ini bentrok dengan data yang sudah ada (mungkin baru saja disimpan orang lain); "
        "muat ulang halaman."
    ]


@pytest.mark.django_db
def test_an_api_write_with_a_key_answers_a_repeat_with_the_first_answer(budi) -> None:
    factory = RequestFactory()
    runs: list[int] = []

    def run() -> tuple[int, dict[str, int]]:
        runs.append(1)
        SubmittedForm.objects.create(key=f"effect-{len(runs)}".ljust(64, "."))
        return 201, {"n": len(runs)}

    request = factory.post("/api/v1/x", headers={"Idempotency-Key": "once-1"})
    first = answer_once(request, run, user=budi)
    second = answer_once(factory.post("/api/v1/x", headers={"Idempotency-Key": "once-1"}), run, user=budi)
    assert (first.status, first.body, first.replayed) == (201, {"n": 1}, False)
    assert (second.status, second.body, second.replayed) == (201, {"n": 1}, True)
    assert runs == [1]
    without_key = answer_once(factory.post("/api/v1/x"), run, user=budi)
    assert (without_key.status, without_key.replayed, len(runs)) == (201, False, 2)
