"""Ayu adjusts a cohort's deliverables checklist: add, edit, remove; each change is audited."""

import pytest
from django.urls import reverse

from kotacerdas.audit.models import AuditEntry
from kotacerdas.programme.models import ChecklistItem, Deliverable
from kotacerdas.programme.tests.conftest import deliverable_of

pytestmark = pytest.mark.django_db


def item_url(name: str, item: ChecklistItem) -> str:
    return reverse(f"programme:{name}", args=[item.cohort_id, item.pk])


def test_an_added_item_is_owed_by_every_region_with_an_mou(as_ayu, cohort, selected) -> None:
    response = as_ayu.post(
        reverse("programme:checklist", args=[cohort.pk]),
        {"stage": "2", "title": "Peta  jalan   sektoral", "description": "", "due_on": ""},
    )
    assert response.status_code == 302
    item = ChecklistItem.objects.get(cohort=cohort, code="peta-jalan-sektoral")
    assert item.title == "Peta jalan sektoral"
    owed = Deliverable.objects.filter(item=item).values_list("candidacy__region__code", flat=True)
    assert sorted(owed) == ["33.73", "34.04"]  # Surakarta was not selected: no MoU, nothing owed
    assert AuditEntry.objects.filter(action="checklist.add", object_id=str(item.pk)).exists()


def test_an_item_without_a_title_is_refused(as_ayu, cohort) -> None:
    count = cohort.checklist.count()
    response = as_ayu.post(reverse("programme:checklist", args=[cohort.pk]), {"stage": "1", "title": ""})
    assert response.status_code == 400
    assert cohort.checklist.count() == count


def test_an_edit_is_audited_with_the_whole_item_before_and_after(as_ayu, cohort) -> None:
    item = cohort.checklist.get(code="swot")
    old_title = item.title
    data = {
        "title": "Analisis SWOT kota",
        "description": "Dengan pemangku kepentingan",
        "due_on": "2026-06-30",
    }
    response = as_ayu.post(item_url("checklist_item", item), data)
    assert response.status_code == 302
    assert response.url == reverse("programme:checklist", args=[cohort.pk])
    entry = AuditEntry.objects.get(action="checklist.update")
    assert entry.before["title"] == old_title
    assert entry.after == {
        **entry.before,
        "title": "Analisis SWOT kota",
        "description": "Dengan pemangku kepentingan",
        "due_on": "2026-06-30",
    }
    assert {"id", "cohort", "stage", "code", "order"} <= set(entry.after)


def test_an_edit_with_an_empty_title_is_refused(as_ayu, cohort) -> None:
    item = cohort.checklist.get(code="swot")
    response = as_ayu.post(item_url("checklist_item", item), {"title": " ", "description": ""})
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.title != " "
    assert not AuditEntry.objects.filter(action="checklist.update").exists()


def test_a_pending_item_is_removed_but_a_submitted_one_stays(as_ayu, budi, cohort, selected) -> None:
    from kotacerdas.programme.actions.deliverables import do_add_submitted_item, do_submit_deliverable

    pending = cohort.checklist.get(code="vision-keywords")
    response = as_ayu.post(item_url("checklist_item_remove", pending), follow=True)
    assert "Butir daftar periksa dihapus." in response.content.decode()
    assert not ChecklistItem.objects.filter(pk=pending.pk).exists()

    swot = deliverable_of(selected["33.73"], "swot")
    do_add_submitted_item(budi, swot, label="SWOT", link="/r/33.73/")
    do_submit_deliverable(budi, swot)
    response = as_ayu.post(item_url("checklist_item_remove", swot.item), follow=True)
    assert "luaran tidak dapat dihapus" in response.content.decode()
    assert ChecklistItem.objects.filter(pk=swot.item_id).exists()
    assert as_ayu.get(item_url("checklist_item_remove", swot.item)).status_code == 405
