"""schemathesis over every operation of the API's own schema: anonymous and with Budi's token.

The schema is loaded from the app (``/api/v1/schema`` through the WSGI application, in the test's
database), and every operation gets bounded, derandomized examples so the run is the same on every
machine. Each response must: not be a server error, have a status the schema lists for the operation,
have the content type it documents, and match the documented body. Runs on SQLite only: it tests the
views and the schema, which do not depend on the database engine, and the PostgreSQL pass of
``./dev test`` is kept for what does.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import schemathesis
from django.core.serializers.json import DjangoJSONEncoder
from django.core.wsgi import get_wsgi_application
from django.db import connection
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def api_schema() -> Any:
    """The schema /api/v1/schema serves (the same generator, without a request), calling the app."""
    generated = SchemaGenerator(api_version="v1").get_schema(request=None, public=True)
    loaded = schemathesis.openapi.from_dict(json.loads(json.dumps(generated, cls=DjangoJSONEncoder)))
    loaded.app = get_wsgi_application()
    return loaded


schema = api_schema()


@pytest.fixture
def sqlite_only(db: None) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the schema fuzz runs on SQLite only (views and schema do not depend on the engine)")


@pytest.mark.usefixtures("sqlite_only")
@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_its_schema_says(case: Any, budi: Any) -> None:
    token = Token.objects.get_or_create(user=budi)[0].key
    case.call_and_validate(checks=CHECKS)
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)
