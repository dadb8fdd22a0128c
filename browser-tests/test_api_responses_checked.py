"""The check that every /api/v1 response seen by these tests matches the OpenAPI document is
itself checked: it runs, and it catches a response the document does not describe."""
import json

import requests

from conftest import API_CHECKS


def test_responses_are_checked_as_they_arrive(server):
    before = API_CHECKS["responses"]
    assert requests.get(server + "/api/v1/areas", timeout=30).status_code == 200
    assert requests.get(server + "/api/v1/no-such-list", timeout=30).status_code == 404
    assert API_CHECKS["responses"] == before + 2


def test_the_check_finds_what_the_document_does_not_describe(server):
    contract = API_CHECKS["contract"]
    good = requests.get(server + "/api/v1/areas", timeout=30)
    assert contract.check("GET", "/api/v1/areas", 200, good.headers["Content-Type"], good.content) == []
    body = good.json()
    body["surprise"] = 1

    problems = contract.check("GET", "/api/v1/areas", 200, "application/json", json.dumps(body))
    assert any("surprise" in p for p in problems), problems
    assert contract.check("GET", "/api/v1/areas", 418, "application/json", "{}") != []
    assert contract.check("GET", "/api/v1/areas", 200, "text/html", "<p>") != []
