"""The status set's actions refuse with a specific message and leave the set as it was."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from kotacerdas.monitoring.actions.config import do_remove_status, do_save_status
from kotacerdas.monitoring.statuses import status_set

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("label", "category", "errors"),
    [
        ("  ", "on_track", {"label": ["Beri nama status (paling banyak 60 karakter)."]}),
        ("x" * 61, "on_track", {"label": ["Beri nama status (paling banyak 60 karakter)."]}),
        ("Uji coba", "lost", {"category": ["Pilih bagaimana halaman monitoring menghitung status ini."]}),
    ],
)
def test_a_status_needs_a_short_name_and_a_known_category(budi, region_a, label, category, errors) -> None:
    with pytest.raises(ValidationError) as error:
        do_save_status(budi, region_a, code="uji", label=label, progress="30", category=category)
    assert error.value.message_dict == errors
    assert "uji" not in status_set(region_a)


def test_an_unknown_status_is_not_removed_and_the_last_one_stays(budi, region_a) -> None:
    with pytest.raises(ValidationError) as error:
        do_remove_status(budi, region_a, code="tidak_ada")
    assert error.value.message_dict == {"code": ["Status ini tidak ada dalam daftar status wilayah."]}
    *others, last = list(status_set(region_a))
    for code in others:
        do_remove_status(budi, region_a, code=code)
    with pytest.raises(ValidationError) as error:
        do_remove_status(budi, region_a, code=last)
    assert error.value.message_dict == {"code": ["Daftar status memerlukan paling sedikit satu status."]}
    assert list(status_set(region_a)) == [last]
