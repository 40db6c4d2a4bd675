"""The API against its own OpenAPI schema: schemathesis generates requests from /openapi.json
(valid and invalid parameters) and no answer may be a server error or break the schema's
status codes and content types."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings


@pytest.fixture(scope="module")
def api_schema(live):
    return schemathesis.openapi.from_url(f"{live.url}/openapi.json")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_server_error(case):
    response = case.call(timeout=120)
    assert response.status_code < 500, f"{case.method} {case.formatted_path} {case.query}: {response.text[:300]}"
    if response.status_code >= 400:
        assert "error" in response.json()  # every 4xx has a JSON body saying what was wrong
