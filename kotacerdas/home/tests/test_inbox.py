"""The inbox as a whole: first on every home page, counted in the navigation, isolated, and cheap."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from conftest import logged_in
from kotacerdas.assessment.actions import answering
from kotacerdas.assessment.instruments import get_instrument, indicators_under
from kotacerdas.documents import actions as book_actions
from kotacerdas.programme.actions.deliverables import (
    do_add_submitted_item,
    do_review_deliverable,
    do_submit_deliverable,
)
from kotacerdas.programme.tests.conftest import deliverable_of
from kotacerdas.web.inbox import ALWAYS_READ, InboxQuery, InboxSource, collect_inbox, count_inbox

pytestmark = pytest.mark.django_db

D1 = indicators_under(get_instrument("spbe-2020"), "D1")


def spbe(budi, region, opd, answerer, title: str) -> None:
    assessment = answering.do_start_assessment(
        budi,
        region,
        instrument_id="spbe-2020",
        title=title,
        deadline=datetime.date(2026, 12, 31),
        target=Decimal(3),
    )
    answering.do_assign(budi, assessment, code="D1", opd=opd)
    for indicator in D1[:6]:
        answering.do_save_answer(answerer, assessment, indicator, value="3", explanation="")


def return_deliverable(budi, rina, deliverable) -> None:
    do_add_submitted_item(budi, deliverable, label="Draf", link="/r/33.73/")
    do_submit_deliverable(budi, deliverable, note="")
    do_review_deliverable(rina, deliverable, decision="returned", reason="Lengkapi.")


def the_count_is_the_number_of_items(*people) -> None:
    """The navigation's count (COUNT per source, no item built) against the inbox's items."""
    for person in people:
        assert count_inbox(person) == collect_inbox(person).count, person


def submit_pending_deliverables(coordinator, region, how_many: int) -> None:
    returned_later = ["readiness-gap", "vision-keywords"]
    pending = region.deliverables.filter(status="pending").exclude(item__code__in=returned_later)
    for deliverable in pending[:how_many]:
        do_add_submitted_item(coordinator, deliverable, label="Draf", link="/r/33.73/")
        do_submit_deliverable(coordinator, deliverable, note="")  # waiting for Rina now


def queries(user, url: str = "/") -> tuple[int, str]:
    client = logged_in(user)
    with CaptureQueriesContext(connection) as captured:
        body = client.get(url).content.decode()
    return len(captured), body


def test_query_counts_do_not_grow_with_the_number_of_items(
    selected, budi, sari, rina, dewi, region_a, region_b, dinkes_a, dinkes_b
) -> None:
    spbe(budi, region_a, dinkes_a, sari, "SPBE 1")
    return_deliverable(budi, rina, deliverable_of(selected["33.73"], "swot"))
    book_actions.do_request_books(budi, region_a, programme_year=2026, formats=["docx"])
    submit_pending_deliverables(budi, selected["33.73"], 1)  # each source has an item: the page
    # runs the rows of the sources that have some, so more items, not more kinds, are compared
    small = {user.username: queries(user, reverse("inbox")) for user in (budi, sari, rina)}
    with override_settings(INBOX_VERIFY_COMPILED=False), CaptureQueriesContext(connection) as collected:
        before = collect_inbox(budi).counts()
    the_count_is_the_number_of_items(budi, sari, rina)
    with CaptureQueriesContext(connection) as counted:
        for person in (budi, sari, rina):
            count_inbox(person)
    assert "Tugas saya" in small["sari"][1] and small["sari"][1].count("Jawab “") == 4

    for title in ("SPBE 2", "SPBE 3"):
        spbe(budi, region_a, dinkes_a, sari, title)
    for code in ("readiness-gap", "vision-keywords"):
        return_deliverable(budi, rina, deliverable_of(selected["33.73"], code))
    submit_pending_deliverables(budi, selected["33.73"], 1)
    large = {user.username: queries(user, reverse("inbox")) for user in (budi, sari, rina)}
    with override_settings(INBOX_VERIFY_COMPILED=False), CaptureQueriesContext(connection) as collected_again:
        after = collect_inbox(budi).counts()
    the_count_is_the_number_of_items(budi, sari, rina)
    with CaptureQueriesContext(connection) as counted_again:
        for person in (budi, sari, rina):
            count_inbox(person)

    assert (before["returned"], after["returned"]) == (1, 3)
    assert (before["assigned"], after["assigned"]) == (1, 3)  # the SPBE drafts to submit
    assert large["sari"][1].count("Jawab “") == 12
    assert large["rina"][1].count("Tinjau “") == 2
    assert len(collected_again) == len(collected) <= 12
    assert len(counted_again) == len(counted)  # the badge's count, for the three of them
    for name in ("budi", "sari", "rina"):
        assert large[name][0] == small[name][0], name
    home_small = queries(sari)[0]
    spbe(budi, region_a, dinkes_a, sari, "SPBE 4")
    assert queries(sari)[0] == home_small  # the home page shows five per group, and counts the rest


def test_the_navigation_counts_the_items_and_the_home_page_collects_once(
    budi, sari, region_a, dinkes_a
) -> None:
    spbe(budi, region_a, dinkes_a, sari, "SPBE 1")
    count, body = queries(sari, reverse("regions:catalogue"))
    assert 'href="/kotak-tugas/">Kotak tugas <span class="badge" aria-hidden="true">4</span>' in body
    assert "4 tugas menunggu" in body
    home_queries, _body = queries(sari)
    with CaptureQueriesContext(connection) as collected:
        collect_inbox(sari)
    # the page and the navigation share one collection (the home page's own queries come on top)
    assert home_queries < count + 2 * len(collected)


def test_ayu_s_home_shows_an_empty_inbox_first(as_ayu) -> None:
    body = as_ayu.get("/").content.decode()
    assert body.index("Tugas saya") < body.index("kabupaten/kota")
    assert "Tidak ada tugas yang menunggu Anda." in body


def test_no_item_of_another_region_ever_appears(
    selected, ayu, budi, sari, rina, dewi, region_a, region_b, dinkes_a, dinkes_b
) -> None:
    """Sleman (34.04) has work of every kind; nobody of Salatiga (33.73) sees any of it."""
    from conftest import make_person

    spbe(dewi, region_b, dinkes_b, dewi, "SPBE Sleman")
    sleman_swot = deliverable_of(selected["34.04"], "swot")
    do_add_submitted_item(dewi, sleman_swot, label="Draf", link="/r/34.04/")
    do_submit_deliverable(dewi, sleman_swot, note="")
    book_actions.do_request_books(dewi, region_b, programme_year=2026, formats=["docx"])
    sleman_staff = make_person(ayu, "wati", "opd_contributor", region_b, dinkes_b)
    assert collect_inbox(sleman_staff).count == 4  # Sleman's own people do see their items
    the_count_is_the_number_of_items(sleman_staff, dewi, budi, sari, rina)
    for user in (budi, sari, rina):
        inbox = collect_inbox(user)
        assert {item.region_code for item in inbox.items} <= {"33.73"}, user
        assert "/r/34.04/" not in logged_in(user).get(reverse("inbox")).content.decode()


def test_the_inbox_page_needs_a_login(client) -> None:
    response = client.get(reverse("inbox"))
    assert response.status_code == 302 and "/masuk/" in response.url


def test_each_source_declares_every_table_its_rows_read(
    ayu, selected, budi, sari, rina, region_a, dinkes_a
) -> None:
    """A person's own write drops the navigation's kept count only when it touches a record type some
    source reads (InboxSource.reads): a table the rows read but the source does not declare would leave
    a stale count after the person's own write. The rows' SQL (without the columns only the items show)
    names the tables."""
    import re

    from django.apps import apps

    from conftest import make_person
    from kotacerdas.web import inbox

    label_of = {model._meta.db_table: model._meta.label_lower for model in apps.get_models()}
    assessor = make_person(ayu, "penilai", "assessor", region_a)
    checked = 0
    for key, sources in inbox._REGISTRY.items():
        for source in sources:
            for person in (budi, sari, rina, assessor):
                rows = source.rows(InboxQuery(person, datetime.date(2026, 12, 4)))
                if rows is None:
                    continue
                sql = str(rows.order_by().values("pk").query)
                tables = {label_of[name] for name in re.findall(r'(?:FROM|JOIN) "(\w+)"', sql)}
                assert tables <= source.reads | ALWAYS_READ, (key, source.rows.__name__, tables)
                checked += 1
    assert checked >= 8  # every source, for someone with its role


def _counting_source(calls: list[int], extra: list[int] | None = None) -> InboxSource:
    """A source over the person's memberships that notes each time its rows are built; with ``extra``
    its rows also depend on a value read from outside the person, the day and the roles."""
    from kotacerdas.accounts.models import Membership

    def rows(query: InboxQuery):  # type: ignore[no-untyped-def]
        calls.append(1)
        memberships = Membership.objects.filter(user=query.user)
        return memberships.exclude(pk__in=extra) if extra else memberships

    return InboxSource(rows, lambda row: None, reads=frozenset({"accounts.membership"}))  # type: ignore[arg-type,return-value]


@pytest.fixture
def counting():  # type: ignore[no-untyped-def]
    from kotacerdas.web import inbox

    def register(*sources: InboxSource) -> None:
        inbox.register("zz-test", *sources)

    yield register
    inbox.unregister("zz-test")


def test_the_counts_sql_is_built_once_per_shape_of_roles_and_day(
    counting, ayu, budi, sari, region_a, region_b, dinkes_a, dinkes_b
) -> None:

    from conftest import make_person
    from kotacerdas.accounts.actions import do_add_membership

    calls: list[int] = []
    counting(_counting_source(calls))
    lina = make_person(ayu, "lina", "opd_contributor", region_b, dinkes_b)
    spbe(budi, region_a, dinkes_a, sari, "SPBE 1")
    with override_settings(INBOX_VERIFY_COMPILED=False):
        assert count_inbox(sari) == 4 + 1  # four indicators to answer, and her membership
        with CaptureQueriesContext(connection) as again:
            assert count_inbox(sari) == 5
        assert len(calls) == 1 and len(again) == 2  # her roles, then one query for every source
        assert count_inbox(lina) == 1  # another region's contributor: the same SQL, her own ids
        assert len(calls) == 1
        assert count_inbox(budi) == 1 + 1  # the draft to submit; another shape: built for him
        assert len(calls) == 2
        count_inbox(sari, today=datetime.date(2031, 1, 2))
        assert len(calls) == 3  # another day
        do_add_membership(ayu, sari, role="coordinator", region=region_b)  # a new role: a new shape
        assert count_inbox(sari) == 5 + 1 and len(calls) == 4


def test_a_source_made_of_more_than_its_inputs_fails_the_suites_check(counting, sari) -> None:
    from kotacerdas.web.inbox import StaleInboxSqlError

    left_out: list[int] = []
    counting(_counting_source([], extra=left_out))
    count_inbox(sari)
    left_out.append(sari.memberships.get().pk)  # the rows changed, the inputs did not
    with pytest.raises(StaleInboxSqlError, match="counted 1 inbox items, the sources 0"):
        count_inbox(sari)


def test_collecting_builds_and_runs_only_the_sources_that_have_rows(counting, sari) -> None:
    from kotacerdas.accounts.models import Membership
    from kotacerdas.web.inbox import ASSIGNED, InboxItem

    built: list[str] = []

    def source(name: str, **only: str) -> InboxSource:
        def rows(query: InboxQuery):  # type: ignore[no-untyped-def]
            built.append(name)
            return Membership.objects.filter(user=query.user, **only)

        return InboxSource(rows, lambda row: InboxItem(ASSIGNED, name, "/", "", ""))

    counting(source("nothing", role="nobody has this role"), source("her membership"))
    with override_settings(INBOX_VERIFY_COMPILED=False):
        collect_inbox(sari)  # the counts' SQL is built for her shape of roles: both sources once
        built.clear()
        with CaptureQueriesContext(connection) as collected:
            inbox = collect_inbox(sari)
    assert built == ["her membership"]
    assert [item.title for item in inbox.items if item.source == "zz-test"] == ["her membership"]
    rows_run = [query for query in collected if '"accounts_membership"."role" = ' in query["sql"]]
    assert len(rows_run) == 1  # the sources' counts, in one query; "nothing" never ran its rows


def test_a_source_the_kept_sql_counts_empty_but_has_items_fails_the_suites_check(counting, sari) -> None:
    from kotacerdas.web.inbox import StaleInboxSqlError

    left_out = [sari.memberships.get().pk]
    counting(_counting_source([], extra=left_out))
    assert count_inbox(sari) == 0  # kept: her membership left out
    left_out.clear()  # the rows changed, the inputs did not
    with pytest.raises(StaleInboxSqlError, match="left out sources with items: 0 collected, 1 in all"):
        collect_inbox(sari)
