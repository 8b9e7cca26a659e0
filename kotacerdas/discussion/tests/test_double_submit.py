"""A comment form sent twice (a double click, a resent request) posts one comment.

The sequential test runs on SQLite too; the race needs PostgreSQL (kotacerdas/web/tests/race.py).
"""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from conftest import logged_in
from kotacerdas.discussion.models import Comment
from kotacerdas.web.submissions import new_token
from kotacerdas.web.tests.race import concurrent_db, on_postgresql, race, statuses

pytestmark = pytest.mark.usefixtures("commentable_opds")

ALREADY_SENT = "Formulir ini sudah dikirim; isinya tidak disimpan dua kali."


def comment_url(opd):  # type: ignore[no-untyped-def]
    return reverse("discussion:add_comment", args=[opd.region.code, "regions.opd", opd.pk])


@pytest.mark.django_db
def test_the_same_comment_form_sent_twice_posts_one_comment(rina, dinkes_a) -> None:
    client = logged_in(rina)
    form = {"body": "Data stunting 2024 belum ada.", "submission_token": new_token()}
    first = client.post(comment_url(dinkes_a), form)
    second = client.post(comment_url(dinkes_a), form)
    assert (first.status_code, second.status_code) == (302, 302)
    assert second.url == first.url
    assert ALREADY_SENT in [str(m) for m in get_messages(second.wsgi_request)]
    assert Comment.objects.count() == 1


@on_postgresql
@concurrent_db
def test_a_double_click_on_post_comment_posts_one_comment(rina, dinkes_a) -> None:
    form = {"body": "Data stunting 2024 belum ada.", "submission_token": new_token()}
    clients = [logged_in(rina), logged_in(rina)]
    results = race(*(lambda c=c: c.post(comment_url(dinkes_a), form) for c in clients))
    assert statuses(results) == [302, 302]
    assert Comment.objects.count() == 1
