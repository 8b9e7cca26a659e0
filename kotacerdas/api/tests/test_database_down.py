"""With the database unreachable, the API answers JSON (503, retry later), the pages the 500 page.

Runs a real Django process whose DATABASE_URL points at a port where nothing listens."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PROBE = """
import django, json, os
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
results = {}
for path in ("/api/v1/regions", "/"):
    response = client.get(path, HTTP_AUTHORIZATION="Token 0123456789abcdef")
    content_type = response.headers.get("Content-Type", "")
    results[path] = [response.status_code, content_type, response.content.decode()]
print(json.dumps(results))
"""


def test_the_api_says_unavailable_in_json_when_the_database_is_down(tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "kotacerdas.settings",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:9/nothing-listens-here",
            "KOTACERDAS_VAR_DIR": str(tmp_path),
            "DEBUG": "false",  # as in production: the error handlers answer, not the debug page
        }
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    status, content_type, body = answers["/api/v1/regions"]
    assert (status, content_type) == (503, "application/json")
    assert "sementara tidak tersedia" in json.loads(body)["detail"]
    status, content_type, _body = answers["/"]
    assert status == 500
    assert content_type.startswith("text/html")
