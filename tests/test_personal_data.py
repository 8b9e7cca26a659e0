"""UU PDP end to end on region B's world: a person's export holds what every app keeps about them;
after erasure their name, username and e-mail are nowhere in the apps' tables (every text and JSON
column searched), the account is closed, and what they contributed still counts."""

from __future__ import annotations

import json
import re

import pytest
from django.apps import apps
from django.db.models import TextField
from django.db.models.functions import Cast
from django.urls import reverse

from conftest import logged_in
from kotacerdas.accounts.actions import do_update_user
from kotacerdas.accounts.consent import give_consent
from kotacerdas.accounts.erasure import do_erase_person, do_request_erasure
from kotacerdas.accounts.models import Purpose, User
from kotacerdas.discussion.actions import do_add_comment
from kotacerdas.discussion.models import Comment
from kotacerdas.planning.models import Initiative
from kotacerdas.web.personal_records import text_fields

EMAIL = "dewi.anggraini@contoh.id"


@pytest.fixture
def dewi(world):
    """Dewi with a full name and an e-mail, a consent, a comment, and Ayu's reply naming her."""
    dewi = world["dewi"]
    dewi.refresh_from_db()  # the module's object: an earlier test's erasure changed it in memory
    do_update_user(world["ayu"], dewi, first_name="Dewi", last_name="Anggraini", email=EMAIL)
    give_consent(dewi, Purpose.PARTICIPATION)
    initiative = Initiative.objects.get(pk=world["initiative_id"])
    mine = do_add_comment(dewi, initiative, body="Data dari Dinkes sudah masuk. Salam, Dewi Anggraini")
    do_add_comment(world["ayu"], initiative, body=f"Terima kasih Bu Dewi ({EMAIL})", parent=mine)
    return dewi


def occurrences(terms: list[str]) -> list[str]:
    """Every (table, column) of the project's apps whose text holds one of the terms, as whole words."""
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in terms) + r")(?!\w)", re.IGNORECASE)
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("kotacerdas.") or model._meta.app_label == "regions":
            continue
        for field in text_fields(model):
            values = model._default_manager.annotate(_text=Cast(field.name, TextField()))
            for value in values.values_list("_text", flat=True):
                if value and pattern.search(json.loads(json.dumps(value))):
                    found.append(f"{model._meta.db_table}.{field.column}: {value[:80]}")
    return found


def test_the_export_holds_what_every_app_keeps(world, dewi) -> None:
    response = logged_in(dewi).get(reverse("accounts:my_export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="data-pribadi-')
    data = json.loads(response.content)
    sources = data["sources"]
    assert {"accounts", "assessment", "audit", "discussion", "monitoring", "notifications"} <= set(sources)
    assert sources["accounts"]["profile"]["email"] == EMAIL
    assert "password" not in sources["accounts"]["profile"]
    assert sorted(c["purpose"] for c in sources["accounts"]["accounts.Consent"]) == [
        "email_digest",
        "participation",
    ]
    assert "Salam, Dewi Anggraini" in sources["discussion"]["discussion.Comment"][0]["body"]
    assert sources["assessment"]["assessment.Answer"], "the answers she saved"
    assert sources["audit"]["audit.AuditEntry"], "the changes she made"


def test_only_the_person_or_the_national_admin_exports(world, dewi) -> None:
    url = reverse("accounts:person_export", kwargs={"user_id": dewi.pk})
    assert logged_in(world["budi"]).get(url).status_code == 404
    assert logged_in(world["ayu"]).get(url).status_code == 200


def test_erasure_leaves_no_name_and_keeps_the_counts(world, dewi) -> None:
    do_request_erasure(dewi)
    comments_before = Comment.objects.count()
    terms = ["Dewi", "Anggraini", EMAIL, "dewi"]
    assert occurrences(terms), "the world names her before the erasure"

    response = logged_in(world["ayu"]).post(
        reverse("accounts:person_erase", kwargs={"user_id": dewi.pk}),
        {"reason": "Permintaan Bu Dewi lewat e-mail"},
    )

    assert response.status_code == 302
    assert occurrences(terms) == []
    dewi.refresh_from_db()
    assert str(dewi) == f"Warga #{dewi.pk}"
    assert not dewi.is_active and dewi.email == "" and not dewi.has_usable_password()
    assert Comment.objects.count() == comments_before
    assert Comment.objects.filter(author=dewi).get().body.endswith(f"Salam, Warga #{dewi.pk}")
    assert not dewi.erasure_requests.filter(handled_at=None).exists()


def test_erasure_needs_a_reason_and_the_national_admin(world, dewi) -> None:
    url = reverse("accounts:person_erase", kwargs={"user_id": dewi.pk})
    response = logged_in(world["ayu"]).post(url, {"reason": " "})
    assert response.status_code == 400
    assert "Alasan" in response.content.decode()
    assert logged_in(world["budi"]).post(url, {"reason": "x"}).status_code == 404
    dewi.refresh_from_db()
    assert dewi.is_active and dewi.email == EMAIL


def test_erasing_twice_is_refused(world, dewi) -> None:
    do_erase_person(world["ayu"], dewi, reason="permintaan")
    with pytest.raises(Exception, match="sudah dihapus"):
        do_erase_person(world["ayu"], User.objects.get(pk=dewi.pk), reason="lagi")
