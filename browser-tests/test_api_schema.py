"""The OpenAPI document is valid OpenAPI 3.1, and what the API sends matches it."""
import json
import urllib.error
import urllib.request

from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

SAMPLES = {"{slug}": {"areas": "fernhill", "partnerships": "fernhill-big-local-partnership",
                      "organisations": "harbourside-city-council", "councils": "harbourside-city-council"}}


def fetch(url):
    with urllib.request.urlopen(url) as r:
        return json.load(r)


def test_document_is_valid_openapi(server):
    validate(fetch(server + "/api/v1/openapi.json"))


def test_public_responses_match_their_schemas(server):
    doc = fetch(server + "/api/v1/openapi.json")
    checked = 0
    base = server + "/api/v1/partnerships/fernhill-big-local-partnership"
    members = fetch(base + "/members")["items"]
    # Each family's {id} is one of its own records.
    ids = {"/commitments/": fetch(base + "/commitments")["items"][0]["id"],
           "/projects/": fetch(base + "/projects")["items"][0]["id"],
           "/updates/": fetch(base + "/updates")["items"][0]["id"],
           "/decisions/": fetch(base + "/decisions")["items"][0]["id"]}
    # A meeting is named by its series and the day it was first put on; take one with minutes.
    meetings = fetch(base + "/meetings")["items"]
    meeting = next(m for m in meetings if m["status"] != "cancelled")
    for path, operations in doc["paths"].items():
        get = operations.get("get")
        if not get or "200" not in get["responses"] or get.get("summary", "").startswith("The signed-in"):
            continue
        if "401" in get["responses"]:
            continue  # needs signing in; the Swift tests check these as members
        concrete = path
        for family, slug in SAMPLES["{slug}"].items():
            if path.startswith(f"/api/v1/{family}/"):
                concrete = concrete.replace("{slug}", slug)
        family_id = next((v for k, v in ids.items() if k in path), members[0]["id"])
        concrete = concrete.replace("{id}", family_id)
        concrete = concrete.replace("{series}", meeting["series"]).replace("{day}", meeting["originalDay"])
        # Enquiries are for members and council staff only; their shape is checked by the Swift tests.
        if ("audit" in path or path.startswith("/api/v1/partnerships/{slug}/enquiries")
                or "health-check" in path or "/proposals" in path or "/polls" in path):
            continue  # members only; covered by the Swift tests
        body = fetch(server + concrete)
        schema = dict(get["responses"]["200"]["content"]["application/json"]["schema"])
        schema["components"] = doc["components"]
        errors = sorted(Draft202012Validator(schema).iter_errors(body), key=str)
        assert errors == [], f"{concrete}: " + "; ".join(e.message for e in errors[:5])
        checked += 1
    assert checked >= 22


def request(method, url):
    req = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


def test_unknown_methods_get_405_with_allow_from_the_real_server(server):
    """TRACE used to get a 403 (the CSRF check) or 404; RFC 9110 asks for 405 and Allow."""
    for method, path, allow in [("TRACE", "/api/v1/areas", "GET, HEAD, POST"),
                                ("DELETE", "/api/v1/areas/fernhill", "GET, HEAD, PATCH"),
                                ("TRACE", "/api/v1/openapi.json", "GET, HEAD")]:
        status, headers, body = request(method, server + path)
        assert status == 405, f"{method} {path}: {status}"
        assert headers.get("allow") == allow
        assert json.loads(body)["error"] == "method_not_allowed"
    assert request("TRACE", server + "/api/v1/no-such-thing")[0] == 404


def test_every_operation_documents_the_statuses_it_answers(server):
    doc = fetch(server + "/api/v1/openapi.json")
    for path, operations in doc["paths"].items():
        for method, op in operations.items():
            codes = set(op["responses"])
            assert "400" in codes
            if "{" in path:
                assert "404" in codes, f"{method} {path}"
            if "requestBody" in op:
                assert {"413", "415", "422"} <= codes, f"{method} {path}"
            if "security" in op:
                assert {"401", "403"} <= codes, f"{method} {path}"
            for p in op.get("parameters", []):
                if p["name"] == "page":
                    assert p["schema"]["maximum"] == 1000000 and "422" in codes
    # A malformed date is refused, not replaced by the default range.
    status, _, body = request("GET", server + "/api/v1/partnerships/fernhill-big-local-partnership/meetings?through=")
    assert status == 422 and "through" in json.loads(body)["fields"]
