"""Settings come from the environment; production passes `check --deploy`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kotacerdas.envconfig import ConfigError, env, env_bool

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args: str, extra_env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    environment.update(extra_env)
    return subprocess.run(
        [sys.executable, "-m", "kotacerdas.cli", "manage", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("x" * 60 + "-production-secret-from-a-file\n")
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        extra_env={
            "KOTACERDAS_ENV": "production",
            "SECRET_KEY_FILE": str(secret),
            "ALLOWED_HOSTS": "kotacerdas.example.go.id",
            "KOTACERDAS_VAR_DIR": str(tmp_path),
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret(tmp_path: Path) -> None:
    result = run_manage(
        "check", extra_env={"KOTACERDAS_ENV": "production", "KOTACERDAS_VAR_DIR": str(tmp_path)}
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr  # one clear line, not a stack trace before it
    assert "SECRET_KEY (or SECRET_KEY_FILE) must be set" in result.stderr


def test_secrets_can_come_from_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "db_url"
    secret.write_text("postgres://u:p@db/kotacerdas\n")
    monkeypatch.setenv("DATABASE_URL_FILE", str(secret))
    assert env("DATABASE_URL") == "postgres://u:p@db/kotacerdas"
    monkeypatch.setenv("DATABASE_URL_FILE", str(tmp_path / "missing"))
    with pytest.raises(ConfigError, match="DATABASE_URL_FILE"):
        env("DATABASE_URL")


def test_booleans_are_strict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEBUG", "yes")
    assert env_bool("DEBUG", False) is True
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ConfigError, match="DEBUG must be true or false"):
        env_bool("DEBUG", False)


def test_the_database_follows_database_url() -> None:
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite3"
    assert engine.endswith(expected)


def test_the_wsgi_entry_point_refuses_without_a_secret_in_one_line(tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment.update({"KOTACERDAS_ENV": "production", "KOTACERDAS_VAR_DIR": str(tmp_path)})
    result = subprocess.run(
        [sys.executable, "-c", "import kotacerdas.wsgi"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "SECRET_KEY (or SECRET_KEY_FILE) must be set" in result.stderr


def test_a_session_lasts_a_working_day() -> None:
    from django.conf import settings

    assert settings.SESSION_COOKIE_AGE >= 8 * 60 * 60
    assert not settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    auth = settings.REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"]
    assert "rest_framework.authentication.BasicAuthentication" not in auth


@pytest.mark.django_db
def test_no_request_after_sign_in_checks_a_password(as_budi, budi, region_a, monkeypatch) -> None:
    """A signed-in page never runs the password hasher (PBKDF2 costs ~200 ms of CPU)."""
    from django.contrib.auth import hashers
    from django.urls import reverse

    client = as_budi

    def refuse(*args: object, **kwargs: object) -> bool:
        raise AssertionError("a password was checked after sign-in")

    monkeypatch.setattr(hashers, "check_password", refuse)
    monkeypatch.setattr(type(budi), "check_password", refuse)
    assert client.get(reverse("regions:workspace", args=[region_a.code])).status_code == 200
    assert client.get(reverse("home")).status_code == 200


def test_gunicorn_workers_freeze_the_start_up_objects() -> None:
    import gc

    from kotacerdas import gunicorn_conf

    gc.unfreeze()
    try:
        gunicorn_conf.post_worker_init(object())
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert gunicorn_conf.workers == 3 and gunicorn_conf.timeout == 120


def test_gunicorn_workers_load_the_url_patterns_and_views_before_their_first_request() -> None:
    probe = (
        "import sys, django; django.setup();"
        "lazy = ('kotacerdas.documents.views', 'matplotlib.pyplot');"
        "before = [name in sys.modules for name in lazy];"
        "from kotacerdas import gunicorn_conf; gunicorn_conf.load_lazy_parts();"
        "print(before, [name in sys.modules for name in lazy])"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kotacerdas.settings"}
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "[False, False] [True, True]", done.stderr[-2000:]


def test_the_shared_fragment_cache_counts_its_files_once_every_hundred_writes(tmp_path) -> None:
    from kotacerdas.web.region_cache import SharedFragmentCache

    cache = SharedFragmentCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 10}})
    for number in range(100):
        cache.set(f"fragment-{number}", "<p>x</p>")
    assert len(list(tmp_path.glob("*.djcache"))) == 100  # counted only at the first write
    cache.set("fragment-100", "<p>x</p>")  # the 101st write counts 100 files and culls a third first
    assert len(list(tmp_path.glob("*.djcache"))) == 100 - 100 // 3 + 1


def test_an_upgrade_does_not_read_the_cards_the_previous_release_kept(tmp_path) -> None:
    from kotacerdas.release import code_fingerprint
    from kotacerdas.web.region_cache import SharedFragmentCache

    code = tmp_path / "code"
    (code / "templates").mkdir(parents=True)
    template = code / "templates" / "card.html"
    template.write_text("<p>{{ plan }}</p>")
    before = code_fingerprint.__wrapped__(code)
    assert code_fingerprint.__wrapped__(code) == before  # a restart of the same files: the same keys
    template.write_text("<p>{{ plan|rupiah }}</p>")  # the next release
    after = code_fingerprint.__wrapped__(code)
    assert after != before

    files = str(tmp_path / "cache")
    SharedFragmentCache(files, {"KEY_PREFIX": before}).set("card", "<p>5950000000</p>")
    assert SharedFragmentCache(files, {"KEY_PREFIX": before}).get("card") == "<p>5950000000</p>"
    assert SharedFragmentCache(files, {"KEY_PREFIX": after}).get("card") is None


def test_production_keys_the_shared_cards_by_the_code_it_runs(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("x" * 60 + "-production-secret-from-a-file\n")
    probe = (
        "from django.conf import settings; from kotacerdas.release import code_fingerprint; "
        "print(settings.CACHES['region_sections_shared']['KEY_PREFIX'] == code_fingerprint())"
    )
    result = run_manage(
        "shell",
        "-c",
        probe,
        extra_env={
            "KOTACERDAS_ENV": "production",
            "SECRET_KEY_FILE": str(secret),
            "ALLOWED_HOSTS": "kotacerdas.example.go.id",
            "KOTACERDAS_VAR_DIR": str(tmp_path),
        },
    )
    assert result.stdout.strip().splitlines()[-1] == "True", result.stderr[-2000:]
