"""The comment action's own refusals, for callers that skip the page's form and getters."""

import pytest
from django.core.exceptions import ValidationError

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.discussion import registry
from kotacerdas.discussion.access import comment_counts
from kotacerdas.discussion.actions import do_add_comment
from kotacerdas.discussion.models import MAX_BODY, Comment

pytestmark = pytest.mark.django_db


def test_an_unregistered_object_cannot_be_commented(rina, dinkes_a) -> None:
    assert not registry.is_commentable(dinkes_a)  # OPDs are registered only by the fixture
    with pytest.raises(ActionNotAllowed, match="Objek ini tidak dapat dikomentari"):
        do_add_comment(rina, dinkes_a, body="Mohon sumber data")
    assert not Comment.objects.exists()


@pytest.mark.usefixtures("commentable_opds")
def test_a_comment_longer_than_the_limit_is_refused(rina, dinkes_a) -> None:
    with pytest.raises(ValidationError) as error:
        do_add_comment(rina, dinkes_a, body="x" * (MAX_BODY + 1))
    assert error.value.message_dict == {"body": [f"Komentar paling banyak {MAX_BODY} karakter."]}
    assert not Comment.objects.exists()


@pytest.mark.usefixtures("commentable_opds")
def test_a_reply_must_be_on_the_same_item(rina, ayu, region_a, dinkes_a) -> None:
    from kotacerdas.regions.actions import do_create_opd

    other = do_create_opd(ayu, region_a, name="Dinas Perhubungan")
    elsewhere = do_add_comment(rina, other, body="Di tempat lain")
    with pytest.raises(ValidationError) as error:
        do_add_comment(rina, dinkes_a, body="Balasan", parent=elsewhere)
    message = "Anda hanya dapat membalas komentar pada butir yang sama."
    assert error.value.message_dict == {"parent": [message]}
    assert list(Comment.objects.all()) == [elsewhere]


def test_no_targets_have_no_counts() -> None:
    assert comment_counts([]) == {}
