"""A book request sent twice makes one version; a review step started from a stale state is refused.

The sequential tests run on SQLite too; the race needs PostgreSQL (kotacerdas/web/tests/race.py).
"""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import logged_in
from kotacerdas.documents import actions
from kotacerdas.documents.models import BookVersion
from kotacerdas.web.submissions import new_token
from kotacerdas.web.tests.race import concurrent_db, on_postgresql, race, statuses

ALREADY_SENT = "Formulir ini sudah dikirim; isinya tidak disimpan dua kali."


def request_form() -> dict[str, object]:
    return {"programme_year": 2026, "formats": ["docx"], "submission_token": new_token()}


@pytest.mark.django_db
def test_the_same_book_request_sent_twice_makes_one_version(as_budi, region_a) -> None:
    form = request_form()
    first = as_budi.post(reverse("documents:generate", args=[region_a.code]), form)
    second = as_budi.post(reverse("documents:generate", args=[region_a.code]), form)
    assert (first.status_code, second.status_code) == (302, 302)
    assert second.url == first.url == reverse("documents:version", args=[region_a.code, 1])
    assert ALREADY_SENT in [str(m) for m in get_messages(second.wsgi_request)]
    assert BookVersion.objects.filter(region=region_a).count() == 1


@pytest.mark.django_db
def test_approving_a_version_someone_just_approved_is_refused_with_who(as_budi, budi, rina, region_a) -> None:
    as_budi.post(reverse("documents:generate", args=[region_a.code]), request_form())
    version = BookVersion.objects.get(region=region_a)
    seen = BookVersion.objects.get(pk=version.pk)  # Rina's page, still showing the draft
    reason = "Data contoh; kekurangan dicatat"  # the empty region's books have blocking checks
    actions.do_approve(rina, version, exception_reason=reason)
    with pytest.raises(ValidationError) as refused:
        actions.do_approve(rina, seen, exception_reason=reason)
    assert refused.value.messages == [
        "Status sudah berubah menjadi “disetujui mentor” oleh Rina; muat ulang halaman."
    ]


@on_postgresql
@concurrent_db
def test_a_double_click_on_generate_makes_one_version(budi, region_a) -> None:
    form = request_form()
    clients = [logged_in(budi), logged_in(budi)]
    url = reverse("documents:generate", args=[region_a.code])
    results = race(*(lambda c=c: c.post(url, form) for c in clients))
    assert statuses(results) == [302, 302]
    assert BookVersion.objects.filter(region=region_a).count() == 1
