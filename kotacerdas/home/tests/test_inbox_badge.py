"""The navigation's inbox count kept in the session (issue 17/13): one collection a minute, not a page.

The kept entry is aged or moved to yesterday by editing the test client's session, as the clock would.
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import logged_in
from kotacerdas.assessment.models import Assessment
from kotacerdas.assessment.tests.test_pages import url as assessment_url
from kotacerdas.home.tests.test_inbox import D1, spbe
from kotacerdas.web.inbox import collect_inbox
from kotacerdas.web.inbox_badge import BADGE_SESSION_KEY

pytestmark = pytest.mark.django_db

CATALOGUE = "regions:catalogue"
# The inbox's contributors read these apps' tables; a kept count reads none of them.
CONTRIBUTOR_TABLES = ('"assessment_', '"documents_', '"programme_')


def badge(body: str) -> int | None:
    """The count the navigation shows (None: no badge), read from both its forms."""
    marker = '<span class="badge" aria-hidden="true">'
    if marker not in body:
        return None
    count = int(body.split(marker, 1)[1].split("<", 1)[0])
    assert f"{count} tugas menunggu" in body
    return count


def view(client: Client, name: str = CATALOGUE) -> tuple[int | None, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(name))
    assert response.status_code == 200
    return badge(response.content.decode()), [q["sql"] for q in captured.captured_queries]


def reads_the_inbox(sql: list[str]) -> bool:
    return any(table in query for query in sql for table in CONTRIBUTOR_TABLES)


def edit_kept(client: Client, **changes: object) -> None:
    session = client.session
    entry = dict(session[BADGE_SESSION_KEY])
    entry.update(changes)
    session[BADGE_SESSION_KEY] = entry
    session.save()


def age_kept(client: Client, seconds: int = 61) -> None:
    edit_kept(client, made=client.session[BADGE_SESSION_KEY]["made"] - seconds)


@pytest.fixture
def sari_with_work(budi, sari, region_a, dinkes_a):
    spbe(budi, region_a, dinkes_a, sari, "SPBE 1")
    assert collect_inbox(sari).count == 4
    return logged_in(sari)


def test_a_second_page_within_the_window_reads_no_inbox(sari_with_work) -> None:
    first, first_sql = view(sari_with_work)
    second, second_sql = view(sari_with_work)
    assert first == second == 4
    assert reads_the_inbox(first_sql) and not reads_the_inbox(second_sql)
    assert len(second_sql) < len(first_sql)
    assert not any("django_session" in q and "UPDATE" in q for q in second_sql)  # nothing rewritten


def test_another_persons_work_shows_after_the_window_and_at_once_in_the_inbox(
    sari_with_work, budi, region_a, dinkes_a, sari
) -> None:
    assert view(sari_with_work)[0] == 4
    spbe(budi, region_a, dinkes_a, sari, "SPBE 2")  # Budi assigns Sari another draft
    assert view(sari_with_work)[0] == 4  # kept: within the window
    inbox_count, inbox_sql = view(sari_with_work, "inbox")
    assert inbox_count == 8 and reads_the_inbox(inbox_sql)  # the inbox page is live
    assert view(sari_with_work)[0] == 8  # and corrected the kept count

    spbe(budi, region_a, dinkes_a, sari, "SPBE 3")
    assert view(sari_with_work)[0] == 8
    age_kept(sari_with_work)
    assert view(sari_with_work)[0] == 12  # the window is over: counted anew


def test_the_home_page_corrects_a_kept_count(sari_with_work, budi, region_a, dinkes_a, sari) -> None:
    view(sari_with_work)
    spbe(budi, region_a, dinkes_a, sari, "SPBE 2")
    assert badge(sari_with_work.get("/").content.decode()) == 8
    assert sari_with_work.session[BADGE_SESSION_KEY]["count"] == 8


def save_answer(client: Client, value: str) -> list[str]:
    assessment = Assessment.objects.get()
    with CaptureQueriesContext(connection) as captured:
        response = client.post(
            assessment_url("answer", assessment, indicator=D1[6]), {"value": value, "explanation": ""}
        )
    assert response.status_code == 302
    return [q["sql"] for q in captured.captured_queries]


def session_writes(sql: list[str]) -> int:
    return sum(1 for query in sql if query.startswith("UPDATE") and "django_session" in query)


def test_the_persons_own_write_is_counted_in_its_response(sari_with_work, sari) -> None:
    assert view(sari_with_work)[0] == 4
    sql = save_answer(sari_with_work, "3")
    assert reads_the_inbox(sql) and session_writes(sql) == 1  # counted: her answer is no longer to do
    assert sari_with_work.session[BADGE_SESSION_KEY]["count"] == 3
    count, sql = view(sari_with_work)
    assert count == 3 and not reads_the_inbox(sql)  # the page after it shows it without counting
    assert session_writes(sql) == 0


def test_a_draft_saved_again_writes_no_session_in_the_save_or_after_it(sari_with_work, sari) -> None:
    save_answer(sari_with_work, "3")
    view(sari_with_work)
    kept = sari_with_work.session[BADGE_SESSION_KEY]
    sql = save_answer(sari_with_work, "4")
    assert reads_the_inbox(sql) and session_writes(sql) == 0  # counted, unchanged: not written
    count, sql = view(sari_with_work)
    assert count == 3 and not reads_the_inbox(sql) and session_writes(sql) == 0
    assert sari_with_work.session[BADGE_SESSION_KEY] == kept


def test_a_new_day_counts_anew(sari_with_work, budi, region_a, dinkes_a, sari) -> None:
    view(sari_with_work)
    spbe(budi, region_a, dinkes_a, sari, "SPBE 2")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    edit_kept(sari_with_work, date=yesterday.isoformat())  # made a second ago, but yesterday
    count, sql = view(sari_with_work)
    assert count == 8 and reads_the_inbox(sql)
    assert sari_with_work.session[BADGE_SESSION_KEY]["date"] == timezone.localdate().isoformat()


def test_another_persons_kept_count_is_not_used(sari_with_work, sari, budi) -> None:
    view(sari_with_work)
    edit_kept(sari_with_work, user=budi.pk, count=99)
    assert view(sari_with_work)[0] == 4


def test_no_window_counts_every_page(sari_with_work, settings) -> None:
    settings.INBOX_BADGE_SECONDS = 0
    view(sari_with_work)
    count, sql = view(sari_with_work)
    assert count == 4 and reads_the_inbox(sql)


def test_visitors_pages_write_no_session(client) -> None:
    for address in ("/", reverse(CATALOGUE), reverse("login")):
        response = client.get(address)
        assert response.status_code == 200, address
        assert "sessionid" not in response.cookies, address
    assert not Session.objects.exists()


def test_a_write_of_the_persons_own_roles_is_counted_with_the_new_roles(sari_with_work, sari) -> None:
    from django.contrib.sessions.backends.base import SessionBase
    from django.http import HttpRequest, HttpResponse
    from django.test import RequestFactory

    from kotacerdas.accounts.access import roles_in_request
    from kotacerdas.accounts.models import Membership
    from kotacerdas.web.memo import RequestMemoMiddleware
    from kotacerdas.web.middleware import InboxBadgeMiddleware

    assert view(sari_with_work)[0] == 4
    request = RequestFactory().post("/")
    request.user = sari
    request.session = sari_with_work.session
    assert isinstance(request.session, SessionBase)

    def leave_her_opd(request: HttpRequest) -> HttpResponse:
        assert roles_in_request(sari)  # read (and kept for the request) before the write
        Membership.objects.filter(user=sari).delete()
        return HttpResponse()

    RequestMemoMiddleware(InboxBadgeMiddleware(leave_her_opd))(request)
    assert request.session[BADGE_SESSION_KEY]["count"] == 0  # not 4, from the roles read before
