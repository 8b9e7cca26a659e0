"""Creating and regenerating index runs: each refusal says what is wrong and saves nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.evaluation.index_actions import do_create_index_run, do_regenerate_index_run
from kotacerdas.evaluation.index_models import IndexRun
from kotacerdas.evaluation.tests.index_helpers import choices, example_uploads
from kotacerdas.evaluation.tests.test_cycle import open_cycle

pytestmark = pytest.mark.django_db


def refused(ayu, **kwargs) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        do_create_index_run(ayu, title="ASEM", **kwargs)
    assert not IndexRun.objects.exists()
    return error.value.message_dict


def test_only_ayu_creates_or_regenerates_a_run(ayu, budi) -> None:
    with pytest.raises(ActionNotAllowed, match="Hanya admin program nasional yang boleh melakukan ini"):
        do_create_index_run(budi, title="ASEM", choices=choices(), **example_uploads())
    run = do_create_index_run(ayu, title="ASEM", choices=choices(), **example_uploads())
    with pytest.raises(ActionNotAllowed, match="Hanya admin program nasional yang boleh melakukan ini"):
        do_regenerate_index_run(budi, run)
    assert IndexRun.objects.count() == 1


def test_a_run_needs_a_dataset_or_a_published_cycle(ayu) -> None:
    assert refused(ayu, choices=choices()) == {
        "data_file": ["Unggah dataset atau pilih siklus evaluasi yang sudah diterbitkan."]
    }
    assert refused(ayu, choices=choices(), cycle=open_cycle(ayu)) == {
        "cycle": ["Pilih siklus evaluasi yang sudah diterbitkan."]
    }


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        ({"weights": "custom", "custom_weights": {}}, {"custom_weights": ["Isi paling sedikit satu bobot"]}),
        (
            {"weights": "custom", "custom_weights": {"LPI": 2.0, "ZZ": 1.0, "AA": 1.0}},
            {"custom_weights": ["iCode yang tidak dikenal pada bobot khusus: AA, ZZ."]},
        ),
        ({"replications": 1}, {"replications": ["Jumlah replikasi harus antara 2 dan 5000."]}),
        ({"replications": 5001}, {"replications": ["Jumlah replikasi harus antara 2 dan 5000."]}),
        (
            {"alt_normalise": "", "alt_aggregate": ""},
            {"sensitivity": ["Analisis sensitivitas memerlukan paling sedikit dua asumsi yang tidak pasti."]},
        ),
    ],
)
def test_recipe_choices_that_cannot_work_are_refused(ayu, overrides, errors) -> None:
    got = refused(ayu, choices=choices(**overrides), **example_uploads())
    assert got.keys() == errors.keys()
    for field, (message,) in errors.items():
        assert [m for m in got[field] if m.startswith(message)] == got[field]


def test_a_run_whose_stored_input_was_changed_is_not_regenerated(ayu) -> None:
    run = do_create_index_run(ayu, title="ASEM", choices=choices(), **example_uploads())
    IndexRun.objects.filter(pk=run.pk).update(input_hash="0" * 64)  # behind the app's back
    run.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        do_regenerate_index_run(ayu, run)
    changed = "Masukan yang tersimpan untuk proses ini tidak lagi cocok dengan hash-nya."
    assert error.value.messages == [changed]
    assert IndexRun.objects.count() == 1
