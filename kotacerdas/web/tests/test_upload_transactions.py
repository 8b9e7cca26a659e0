"""uploads.atomic_with_files: the files stored in a write go with it when it fails, stay when it commits."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage

from kotacerdas.web import uploads

pytestmark = pytest.mark.django_db


class Refused(Exception):
    pass


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_block_that_ends_normally_keeps_its_files_and_one_that_raises_deletes_them() -> None:
    with uploads.atomic_with_files():
        kept = uploads.store(b"%PDF-1.4 kept", "test", "pdf")
    with pytest.raises(Refused), uploads.atomic_with_files():
        gone = uploads.store(b"%PDF-1.4 gone", "test", "pdf")
        assert default_storage.exists(gone)
        raise Refused
    assert default_storage.exists(kept) and not default_storage.exists(gone)


def test_nested_blocks_hand_their_files_to_the_outer_one() -> None:
    with pytest.raises(Refused), uploads.atomic_with_files():
        with uploads.atomic_with_files():
            inner = uploads.store(b"%PDF-1.4 inner", "test", "pdf")
        raise Refused  # the outer write fails after the inner one ended well: nothing of it stays
    assert not default_storage.exists(inner)

    with uploads.atomic_with_files():
        with pytest.raises(Refused), uploads.atomic_with_files():
            refused = uploads.store(b"%PDF-1.4 refused", "test", "pdf")
            raise Refused  # caught by the outer write, which goes on and commits
        saved = uploads.store(b"%PDF-1.4 saved", "test", "pdf")
    assert default_storage.exists(saved) and not default_storage.exists(refused)


def test_a_file_stored_outside_any_block_is_the_callers_to_keep() -> None:
    with pytest.raises(Refused), uploads.atomic_with_files():
        raise Refused
    alone = uploads.store(b"%PDF-1.4 alone", "test", "pdf")
    assert default_storage.exists(alone)
