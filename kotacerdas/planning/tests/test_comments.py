"""Mentor Rina comments on problems, SWOT items, initiatives and Quick Wins; comments are threads."""

import pytest
from django.urls import reverse

from conftest import logged_in
from kotacerdas.discussion.models import Comment
from kotacerdas.planning.analysis import actions as analysis
from kotacerdas.planning.quickwins import actions as quickwins

pytestmark = pytest.mark.django_db


@pytest.fixture
def targets(budi, region_a, plan_a):
    problem = analysis.do_save_problem(
        budi, region_a, code="M-01", title="Antrean", dimension="living", element="living.health"
    )
    swot = analysis.do_save_swot_item(
        budi, region_a, scope="infrastruktur", kind="W", text="Jaringan terbatas"
    )
    quick_win = quickwins.do_select_quick_win(budi, plan_a["portal"], year=2026)
    return [problem, swot, plan_a["data"], quick_win]


def test_rina_comments_on_every_kind_of_item_and_budi_replies(rina, budi, targets) -> None:
    mentor, coordinator = logged_in(rina), logged_in(budi)
    for target in targets:
        page = target.get_absolute_url()
        label = target._meta.label_lower
        url = reverse("discussion:add_comment", args=["33.73", label, target.pk])
        assert mentor.post(url, {"body": f"Catatan untuk {label}", "next": page}).status_code == 302
        question = Comment.objects.get(object_id=target.pk, content_type__model=target._meta.model_name)
        response = coordinator.post(url, {"body": "Sudah diperbaiki", "parent": question.pk, "next": page})
        assert response.url == page
        html = mentor.get(page).content.decode()
        assert f"Catatan untuk {label}" in html
        assert "Sudah diperbaiki" in html
        assert f'name="parent" value="{question.pk}"' in html
        assert question.replies.get().author == budi
    assert Comment.objects.filter(author=rina).count() == 4
