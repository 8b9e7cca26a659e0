"""Shared by the index-run tests: the bundled ASEM example (COINr's) and a form's POST data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

EXAMPLE = Path(__file__).resolve().parents[2] / "core" / "tests" / "data" / "index"
DATA = EXAMPLE / "asem_iData.csv"
META = EXAMPLE / "asem_iMeta.csv"


def csv_upload(name: str, content: bytes | str) -> SimpleUploadedFile:
    raw = content.encode("utf-8") if isinstance(content, str) else content
    return SimpleUploadedFile(name, raw, content_type="text/csv")


def example_uploads() -> dict[str, Any]:
    return {
        "data": csv_upload("iData.csv", DATA.read_bytes()),
        "meta": csv_upload("iMeta.csv", META.read_bytes()),
    }


def example_files() -> dict[str, Any]:
    """The example as the form's file fields."""
    uploads = example_uploads()
    return {"data_file": uploads["data"], "meta_file": uploads["meta"]}


def recipe_post(**overrides: Any) -> dict[str, Any]:
    data = {
        "title": "ASEM (contoh)",
        "source": "upload",
        "impute": "i_mean",
        "normalise": "n_minmax",
        "weights": "meta",
        "custom_weights": "",
        "aggregate": "a_amean",
        "weight_noise": "0.25",
        "alt_normalise": "n_rank",
        "alt_aggregate": "a_copeland",
        "replications": "40",
        "seed": "7",
        "sensitivity": "on",
    }
    return data | overrides


def choices(**overrides: Any) -> dict[str, Any]:
    """The parsed form choices of recipe_post (for calling the action directly)."""
    data: dict[str, Any] = {
        "impute": "i_mean",
        "normalise": "n_minmax",
        "weights": "meta",
        "custom_weights": {},
        "aggregate": "a_amean",
        "weight_noise": 0.25,
        "alt_normalise": "n_rank",
        "alt_aggregate": "a_copeland",
        "replications": 40,
        "seed": 7,
        "sensitivity": True,
    }
    return data | overrides
