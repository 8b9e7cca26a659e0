"""The demo's example index run: ASEM data, completed, labelled, loaded once."""

import pytest

from kotacerdas.evaluation.index_demo import NOTE, load_index_demo
from kotacerdas.evaluation.index_models import IndexRun

pytestmark = pytest.mark.django_db


def test_the_demo_has_one_completed_labelled_index_run(ayu) -> None:
    load_index_demo(ayu)
    load_index_demo(ayu)
    run = IndexRun.objects.get(note=NOTE)
    assert (run.status, run.progress) == (IndexRun.Status.DONE, 100)
    assert len(run.results["units"]) == 51 and run.results["runs"] == 100 * (3 + 2)
    assert [s["input"] for s in run.results["sensitivity"]] == ["weights", "normalise", "aggregate"]
    assert run.result_hash and run.input_hash
