"""The production static storage gives WhiteNoise's addresses, each worked out once per name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from whitenoise.storage import CompressedManifestStaticFilesStorage

from kotacerdas.web.static_storage import StaticStorage

MANIFEST = {"version": "1.1", "paths": {"base.css": "base.0123abcd.css", "js/app.js": "js/app.4567ef01.js"}}


def storages(tmp_path: Path, settings) -> tuple[StaticStorage, CompressedManifestStaticFilesStorage]:
    settings.DEBUG = False
    (tmp_path / "staticfiles.json").write_text(json.dumps(MANIFEST))
    made = [
        kind(location=str(tmp_path), base_url="/static/")
        for kind in (StaticStorage, CompressedManifestStaticFilesStorage)
    ]
    return made[0], made[1]


def test_each_address_is_whitenoises_and_asked_of_the_manifest_once(tmp_path, settings, monkeypatch) -> None:
    ours, theirs = storages(tmp_path, settings)
    asked: list[str] = []
    original = CompressedManifestStaticFilesStorage.stored_name

    def counted(self, name):
        asked.append(name)
        return original(self, name)

    for name in ("base.css", "js/app.js", "base.css#top"):
        assert ours.url(name) == theirs.url(name)
    monkeypatch.setattr(CompressedManifestStaticFilesStorage, "stored_name", counted)
    assert [ours.url("base.css") for _ in range(3)] == ["/static/base.0123abcd.css"] * 3
    assert asked == []  # kept: the manifest was not asked again


def test_a_name_missing_from_the_manifest_fails_every_time(tmp_path, settings) -> None:
    ours, _theirs = storages(tmp_path, settings)
    for _ in range(2):
        with pytest.raises(ValueError, match=r"Missing staticfiles manifest entry for 'nowhere\.css'"):
            ours.url("nowhere.css")
