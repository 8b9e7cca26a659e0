"""Example composite-index run (clearly labelled "contoh"): COINr's ASEM Sustainable Connectivity data,
bundled with the engine's tests (kotacerdas/core/tests/data/index/, MIT licence, see its README), built
through the index action and computed in this process, so a newcomer sees scores, rank intervals and
Sobol indices. Running it again changes nothing."""

from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from kotacerdas.accounts.models import User
from kotacerdas.evaluation.index_actions import do_create_index_run
from kotacerdas.evaluation.index_models import IndexRun
from kotacerdas.evaluation.index_tasks import run_in_process

EXAMPLE = Path(__file__).resolve().parent.parent / "core" / "tests" / "data" / "index"
TITLE = "Indeks Konektivitas Berkelanjutan ASEM (contoh COINr)"
NOTE = "Data contoh (demo)"
CHOICES = {
    "impute": "i_mean",
    "normalise": "n_minmax",
    "weights": "meta",
    "custom_weights": {},
    "aggregate": "a_amean",
    "weight_noise": 0.25,  # every weight below the index ±25 %
    "alt_normalise": "n_rank",
    "alt_aggregate": "a_copeland",
    "replications": 100,
    "seed": 2026,
    "sensitivity": True,
}


def _upload(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (EXAMPLE / name).read_bytes(), content_type="text/csv")


def load_index_demo(ayu: User) -> None:
    if IndexRun.objects.filter(note=NOTE).exists():
        return
    run = do_create_index_run(
        ayu,
        title=TITLE,
        choices=CHOICES,
        data=_upload("asem_iData.csv"),
        meta=_upload("asem_iMeta.csv"),
        note=NOTE,
        in_background=False,
    )
    run_in_process(run.pk)
