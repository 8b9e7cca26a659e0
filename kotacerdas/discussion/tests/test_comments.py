"""Mentor Rina comments on an item of her region; Budi replies; threads nest; others get 404."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from conftest import logged_in
from kotacerdas.audit.models import AuditEntry
from kotacerdas.discussion.access import comment_counts, thread_of
from kotacerdas.discussion.actions import do_add_comment
from kotacerdas.discussion.models import Comment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commentable_opds")]


def comment_url(opd):
    return reverse("discussion:add_comment", args=[opd.region.code, "regions.opd", opd.pk])


def test_it_lets_rina_comment_and_budi_reply(rina, budi, dinkes_a, region_a) -> None:
    response = logged_in(rina).post(comment_url(dinkes_a), {"body": "  Data stunting 2024 belum ada.  "})
    assert response.status_code == 302
    question = Comment.objects.get()
    assert (question.author, question.region, question.body) == (
        rina,
        region_a,
        "Data stunting 2024 belum ada.",
    )
    response = logged_in(budi).post(
        comment_url(dinkes_a), {"body": "Sudah kami minta.", "parent": question.pk}
    )
    assert response.status_code == 302
    reply = Comment.objects.get(parent=question)
    assert reply.author == budi
    entries = AuditEntry.objects.filter(action="comment.add", region=region_a)
    assert sorted(e.object_id for e in entries) == sorted([str(question.pk), str(reply.pk)])


def test_threads_nest_replies_under_their_parent(rina, budi, sari, dinkes_a) -> None:
    first = do_add_comment(rina, dinkes_a, body="Satu")
    second = do_add_comment(rina, dinkes_a, body="Dua")
    reply = do_add_comment(budi, dinkes_a, body="Balasan", parent=first)
    deeper = do_add_comment(sari, dinkes_a, body="Lebih dalam", parent=reply)
    tree = thread_of(dinkes_a)
    assert [node["comment"] for node in tree] == [first, second]
    assert [node["comment"] for node in tree[0]["replies"]] == [reply]
    assert [node["comment"] for node in tree[0]["replies"][0]["replies"]] == [deeper]
    assert comment_counts([dinkes_a]) == {dinkes_a.pk: 4}


def test_a_thread_is_read_in_one_query_with_its_authors(
    rina, ayu, dinkes_a, dinkes_b, django_assert_num_queries
) -> None:
    do_add_comment(rina, dinkes_a, body="Dinkes A")
    do_add_comment(ayu, dinkes_b, body="Dinkes B")  # another object id
    thread_of(dinkes_a)  # the content type is kept by Django from then on
    with django_assert_num_queries(2):
        names = [
            (node["comment"].body, node["comment"].author.username)
            for target in (dinkes_a, dinkes_b)
            for node in thread_of(target)
        ]
    assert names == [("Dinkes A", "rina"), ("Dinkes B", "ayu")]


def test_the_redirect_goes_back_to_the_page(rina, dinkes_a) -> None:
    response = logged_in(rina).post(comment_url(dinkes_a), {"body": "x", "next": "/r/33.73/opd/"})
    assert response.url == "/r/33.73/opd/"
    response = logged_in(rina).post(comment_url(dinkes_a), {"body": "x", "next": "https://evil.example/"})
    assert response.url == "/r/33.73/"


@pytest.mark.parametrize("odd", ["999999", "-1", "zz<x>", "home", "r/33.73/opd/"])
def test_a_next_that_is_not_a_path_goes_back_to_the_item_and_keeps_the_comment(rina, dinkes_a, odd) -> None:
    # a bare word was taken for a view name by the redirect: a 500 after the comment was written
    response = logged_in(rina).post(comment_url(dinkes_a), {"body": "Tetap tersimpan", "next": odd})
    assert (response.status_code, response.url) == (302, "/r/33.73/")
    assert Comment.objects.get().body == "Tetap tersimpan"


def test_an_empty_comment_is_refused_in_indonesian_and_saves_nothing(rina, dinkes_a) -> None:
    response = logged_in(rina).post(comment_url(dinkes_a), {"body": "   "})
    assert response.status_code == 400
    assert "Bidang ini harus diisi." in response.content.decode()
    assert Comment.objects.count() == 0
    assert not AuditEntry.objects.filter(action="comment.add").exists()
    with pytest.raises(ValidationError) as error:
        do_add_comment(rina, dinkes_a, body=" \n ")
    assert error.value.message_dict == {"body": ["Tulis komentar terlebih dahulu."]}


def test_a_reply_to_a_comment_on_another_item_is_404(rina, ayu, dinkes_a, region_a) -> None:
    from kotacerdas.regions.actions import do_create_opd

    other = do_create_opd(ayu, region_a, name="Dinas Perhubungan")
    elsewhere = do_add_comment(rina, other, body="Di tempat lain")
    response = logged_in(rina).post(comment_url(dinkes_a), {"body": "x", "parent": elsewhere.pk})
    assert response.status_code == 404
    assert Comment.objects.count() == 1


def test_budi_gets_404_for_region_b_items(budi, dewi, dinkes_b) -> None:
    response = logged_in(budi).post(comment_url(dinkes_b), {"body": "Mengintip"})
    assert response.status_code == 404
    # even with region A's code in the URL, region B's object is not found
    url = reverse("discussion:add_comment", args=["33.73", "regions.opd", dinkes_b.pk])
    assert logged_in(budi).post(url, {"body": "Mengintip"}).status_code == 404
    assert Comment.objects.count() == 0
    with pytest.raises(PermissionDenied):
        do_add_comment(budi, dinkes_b, body="Mengintip")


def test_unregistered_models_cannot_be_commented(rina, region_a) -> None:
    url = reverse("discussion:add_comment", args=[region_a.code, "accounts.user", rina.pk])
    assert logged_in(rina).post(url, {"body": "x"}).status_code == 404


def test_the_thread_tag_renders_comments_and_reply_forms(rina, dinkes_a) -> None:
    first = do_add_comment(rina, dinkes_a, body="Mohon sumber data")
    request = RequestFactory().get("/r/33.73/opd/")
    html = Template("{% load discussion %}{% discussion_thread obj %}").render(
        Context({"obj": dinkes_a, "request": request, "csrf_token": "t"})
    )
    assert "Mohon sumber data" in html
    assert f'name="parent" value="{first.pk}"' in html
    assert comment_url(dinkes_a) in html
    assert 'name="next" value="/r/33.73/opd/"' in html
