"""Every programme view, tried by every persona: a mentor sees only assigned regions, a coordinator only
their own, national pages only Ayu. Out of scope is always a 404."""

import pytest
from django.urls import reverse

from conftest import logged_in
from kotacerdas.programme import urls
from kotacerdas.programme.models import Institution, InstitutionMember, SubmittedItem
from kotacerdas.programme.tests.conftest import deliverable_of, pdf
from kotacerdas.web.access_classes import LOGGED_IN, NATIONAL_ADMIN, REGION_SCOPED

pytestmark = pytest.mark.django_db

REGION_VIEWS = sorted(n for n, c in urls.access.items() if c == REGION_SCOPED)
NATIONAL_VIEWS = sorted(n for n, c in urls.access.items() if c == NATIONAL_ADMIN)
GET_REGION_VIEWS = [
    "region",
    "candidacy",
    "mou_file",
    "deliverable",
    "item_file",
    "institutions",
    "institution_file",
]


@pytest.fixture
def world(ayu, cohort, selected, budi, dewi):  # type: ignore[no-untyped-def]
    """Records in both regions, so a 404 means 'not yours', not 'does not exist'."""
    from kotacerdas.programme.actions.deliverables import do_add_submitted_item
    from kotacerdas.programme.actions.institutions import do_add_institution_member, do_save_institution

    ids = {}
    for code, user in (("33.73", budi), ("34.04", dewi)):
        d = deliverable_of(selected[code], "swot")
        item = do_add_submitted_item(user, d, label="SWOT", upload=pdf())
        region = selected[code].region
        body = do_save_institution(
            ayu,
            region,
            kind="dewan",
            decree_number="SK 1",
            decree_date=cohort.stages.first().starts_on,
            upload=pdf(),
        )
        member = do_add_institution_member(
            ayu, body, name="Kepala Bappeda", position="", agency="", role="chair"
        )
        ids[code] = {
            "code": code,
            "cohort_id": cohort.pk,
            "deliverable_id": d.pk,
            "item_id": item.pk,
            "member_id": member.pk,
            "kind": "dewan",
        }
    return ids


def url_for(name, params):  # type: ignore[no-untyped-def]
    route = next(str(p.pattern) for p in urls.urlpatterns if p.name == name)
    keys = [k.split(":")[-1].strip("<>") for k in route.split("/") if k.startswith("<")]
    return reverse(f"programme:{name}", kwargs={k: params[k] for k in keys})


def statuses(user, names, params, methods=("get", "post")):  # type: ignore[no-untyped-def]
    """{(view, method): status} — one world per test, every view tried in it."""
    client = logged_in(user)
    return {
        (n, m): getattr(client, m)(url_for(n, params), {"name": "x"}).status_code
        for n in names
        for m in methods
    }


def test_rina_mentors_salatiga_only(world, rina) -> None:
    seen = statuses(rina, REGION_VIEWS, world["34.04"])
    assert {k: v for k, v in seen.items() if v not in (404, 405)} == {}


def test_dewi_sees_nothing_of_salatiga(world, dewi) -> None:
    seen = statuses(dewi, REGION_VIEWS, world["33.73"])
    assert {k: v for k, v in seen.items() if v not in (404, 405)} == {}


@pytest.mark.parametrize("who", ["budi", "rina", "ayu"])
def test_the_region_its_mentor_and_ayu_open_its_pages(world, request, who) -> None:
    user = request.getfixturevalue(who)
    seen = statuses(user, GET_REGION_VIEWS, world["33.73"], methods=("get",))
    assert {k: v for k, v in seen.items() if v != 200} == {}


@pytest.mark.parametrize("who", ["budi", "rina", "tono", "dewi"])
def test_national_pages_are_ayus_only(world, request, who) -> None:
    user = request.getfixturevalue(who)
    params = {"cohort_id": world["33.73"]["cohort_id"], "item_id": 1}
    seen = statuses(user, NATIONAL_VIEWS, params)
    assert {k: v for k, v in seen.items() if v not in (404, 405)} == {}


def test_ayu_opens_every_national_page(world, ayu, cohort) -> None:
    posts_only = ("invite", "assign_assessor", "override", "select", "checklist_item_remove")
    params = {"cohort_id": cohort.pk, "item_id": cohort.checklist.first().pk}
    seen = statuses(ayu, [n for n in NATIONAL_VIEWS if n not in posts_only], params, methods=("get",))
    assert {k: v for k, v in seen.items() if v != 200} == {}


def test_a_mentor_not_yet_assigned_sees_no_candidacy(world, rina, cohort) -> None:
    from kotacerdas.programme.models import MentorAssignment

    MentorAssignment.objects.all().delete()
    assert logged_in(rina).get(url_for("candidacy", world["33.73"])).status_code == 404
    assert "Kota Salatiga" not in logged_in(rina).get(reverse("programme:mine")).content.decode()


def test_my_programme_lists_only_my_candidacies(world, rina, budi) -> None:
    body = logged_in(rina).get(reverse("programme:mine")).content.decode()
    assert "Kota Salatiga" in body and "Kabupaten Sleman" not in body
    body = logged_in(budi).get(reverse("programme:mine")).content.decode()
    assert "Kota Salatiga" in body and "Kabupaten Sleman" not in body


def test_an_item_of_another_deliverable_is_a_404(world, as_budi) -> None:
    params = dict(world["33.73"], item_id=world["34.04"]["item_id"])
    assert as_budi.get(url_for("item_file", params)).status_code == 404
    assert SubmittedItem.objects.count() == 2


def test_removing_a_member_of_another_region_is_a_404(world, as_budi) -> None:
    params = dict(world["33.73"], member_id=world["34.04"]["member_id"])
    assert as_budi.post(url_for("institution_member_remove", params)).status_code == 404
    assert InstitutionMember.objects.count() == 2
    assert Institution.objects.count() == 2


def test_logged_in_views_are_listed() -> None:
    assert sorted(n for n, c in urls.access.items() if c == LOGGED_IN) == ["mine"]


# Salatiga's team, mentor and assessor may all open its programme pages; each write is someone's.
REFUSED_WRITES = [
    ("budi", "verify_score", {"score": "3.9"}),  # the region's coordinator: not its assessor
    ("budi", "mou", {"number": "NK-x", "signed_on": "2026-05-20"}),  # the MoU and mentors are Ayu's
    ("budi", "assign_mentor", {"region": "33.73", "username": "budi"}),
    ("budi", "deliverable_review", {"decision": "approved"}),  # reviews are the mentor's
    ("tono", "deliverable_review", {"decision": "approved"}),
    ("rina", "link_assessment", {"assessment": "1"}),  # the mentor: not its team or assessor
    ("rina", "deliverable", {"label": "x", "link": "/x/"}),  # handing in is the team's
    ("rina", "deliverable_submit", {"note": "x"}),
    ("rina", "institutions", {"kind": "dewan", "decree_number": "SK 2", "decree_date": "2026-03-02"}),
    ("rina", "institution_member_add", {"name": "X", "role": "member"}),  # the bodies: the coordinator's
    ("rina", "institution_member_remove", {}),
]


@pytest.mark.parametrize(
    ("who", "name", "data"), REFUSED_WRITES, ids=[f"{w}-{n}" for w, n, _d in REFUSED_WRITES]
)
def test_who_may_look_but_not_change_gets_403_and_nothing_changes(world, request, who, name, data) -> None:
    from kotacerdas.audit.models import AuditEntry

    before = AuditEntry.objects.count()
    response = logged_in(request.getfixturevalue(who)).post(url_for(name, world["33.73"]), data)
    assert response.status_code == 403
    assert "Tidak diizinkan" in response.content.decode()
    assert AuditEntry.objects.count() == before  # every programme write leaves an audit entry
    assert InstitutionMember.objects.count() == 2
    assert SubmittedItem.objects.count() == 2
