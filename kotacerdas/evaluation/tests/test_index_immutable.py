"""A completed run is never changed; regenerating it from its recipe gives identical results and hashes."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kotacerdas.evaluation.index_actions import do_create_index_run
from kotacerdas.evaluation.index_models import ImmutableRunError, IndexRun
from kotacerdas.evaluation.tests.index_helpers import choices, example_uploads

pytestmark = pytest.mark.django_db


def test_a_done_run_refuses_saves_and_deletes(ayu, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        run = do_create_index_run(ayu, title="ASEM", choices=choices(replications=20), **example_uploads())
    run.refresh_from_db()
    assert run.status == IndexRun.Status.DONE
    run.title = "diubah"
    with pytest.raises(ImmutableRunError):
        run.save()
    with pytest.raises(ImmutableRunError):
        run.delete()
    assert IndexRun.objects.get(pk=run.pk).title == "ASEM"


def test_regenerating_gives_identical_results_and_hashes(
    as_ayu, ayu, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        run = do_create_index_run(ayu, title="ASEM", choices=choices(replications=20), **example_uploads())
    run.refresh_from_db()
    url = reverse("evaluation:index_run_regenerate", args=[run.pk])
    assert as_ayu.get(url).status_code == 405  # a button, not a page
    with django_capture_on_commit_callbacks(execute=True):
        response = as_ayu.post(url)
    again = IndexRun.objects.exclude(pk=run.pk).get()
    assert response.status_code == 302 and response.url == reverse("evaluation:index_run", args=[again.pk])
    assert (again.status, again.regenerated_from_id) == (IndexRun.Status.DONE, run.pk)
    assert again.recipe == run.recipe and again.tables == run.tables
    assert (again.input_hash, again.result_hash) == (run.input_hash, run.result_hash)
    assert again.results == run.results
    assert again.results["rank_stats"] and again.results["sensitivity"]  # the analysis was re-run too
    # the original is untouched, and says what was made from it
    assert (
        f'href="{reverse("evaluation:index_run", args=[again.pk])}"'
        in as_ayu.get(reverse("evaluation:index_run", args=[run.pk])).content.decode()
    )


def test_another_seed_gives_other_bands_but_the_same_nominal_ranks(
    ayu, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        one = do_create_index_run(
            ayu, title="a", choices=choices(replications=20, seed=1), **example_uploads()
        )
        two = do_create_index_run(
            ayu, title="b", choices=choices(replications=20, seed=2), **example_uploads()
        )
    one.refresh_from_db()
    two.refresh_from_db()
    assert one.input_hash == two.input_hash and one.results["ranks"] == two.results["ranks"]
    assert one.result_hash != two.result_hash


def test_a_run_whose_worker_died_is_marked_failed(as_ayu, ayu) -> None:
    run = do_create_index_run(ayu, title="ASEM", choices=choices(replications=20), **example_uploads())
    # on_commit never runs here: the job stays queued; a worker took it and died long ago
    long_ago = timezone.now() - timedelta(hours=1)
    IndexRun.objects.filter(pk=run.pk).update(status=IndexRun.Status.RUNNING, heartbeat_at=long_ago)
    page = as_ayu.get(reverse("evaluation:index_run", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == IndexRun.Status.FAILED
    assert "proses pekerjanya berhenti" in run.message
    assert "Buat ulang dari resep" in page.content.decode()  # Ayu can start it again


def test_a_recipe_the_engine_refuses_is_refused_before_anything_is_saved(ayu) -> None:
    from django.core.exceptions import ValidationError

    # z-scores are negative: a geometric mean of them has no value
    with pytest.raises(ValidationError) as refused:
        do_create_index_run(
            ayu, title="x", choices=choices(normalise="n_zscore", aggregate="a_gmean"), **example_uploads()
        )
    assert "Indeks tidak dapat dibangun dengan resep ini" in " ".join(refused.value.messages)
    assert IndexRun.objects.count() == 0
