"""No input may stop the server (issue 12, item 1).

Against a real `rebalance serve` process: every list endpoint gets absurd paging, every integer
in a path or a JSON body gets its type's extremes, and a few requests reach the arithmetic that
used to overflow (dot-vote points, a percentage in the decision rules). Swift stops the whole
process on an overflowing Int operation, so after each volley `/health` must still answer: a
separate process that exited could not.
"""
import json
import urllib.request
from datetime import datetime, timedelta, timezone

import pytest
import requests

from api_session import make_token, sign_in

PARTNERSHIP = "fernhill-big-local-partnership"
SLUGS = {"areas": "fernhill", "partnerships": PARTNERSHIP, "organisations": "harbourside-city-council",
         "councils": "harbourside-city-council", "funders": "local-trust"}
# What a URL can carry in place of a whole number: far past Int64, its edges, and not numbers at all.
ABSURD_NUMBERS = ["1000000000000000000", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
                  "-9223372036854775809", "99999999999999999999999999", "1e30", "-1", "0", "1.5", "abc", "", "0x10",
                  "%2B1", "NaN", "Infinity", "1000001"]
# The same in a JSON body: integers at and beyond Int64, floats, huge exponents.
ABSURD_JSON = [9223372036854775807, -9223372036854775808, 9223372036854775808, -9223372036854775809,
               10 ** 30, -1, 0, 1.5, 1e30, -1e308, "9223372036854775807", None]


def alive(base):
    with urllib.request.urlopen(base + "/health", timeout=10) as r:
        return r.status == 200


@pytest.fixture(scope="module")
def doc(server):
    return requests.get(server + "/api/v1/openapi.json", timeout=30).json()


@pytest.fixture(scope="module")
def token(server):
    return make_token(server, sign_in(server, "ada@fernhill.example"), name="crash test")


def concrete(path, ids):
    for family, slug in SLUGS.items():
        if path.startswith(f"/api/v1/{family}/"):
            path = path.replace("{slug}", slug)
    for name, value in ids.items():
        path = path.replace("{" + name + "}", value)
    return path


def sample_ids(base):
    api = base + f"/api/v1/partnerships/{PARTNERSHIP}"
    meeting = requests.get(api + "/meetings", timeout=30).json()["items"][0]
    return {"id": requests.get(api + "/commitments", timeout=30).json()["items"][0]["id"],
            "series": meeting["series"], "day": meeting["originalDay"]}


def test_absurd_paging_on_every_list(server, doc, token):
    ids = sample_ids(server)
    lists = [(path, op) for path, ops in doc["paths"].items() for method, op in ops.items()
             if method == "get" and any(p["name"] == "page" for p in op.get("parameters", []))]
    assert len(lists) >= 15, "every list endpoint takes page and per"
    auth = {"Authorization": "Bearer " + token}
    for path, _ in lists:
        url = server + concrete(path, ids)
        for name in ("page", "per"):
            for value in ABSURD_NUMBERS:
                for headers in ({}, auth):
                    r = requests.get(url + f"?{name}={value}", headers=headers, timeout=30)
                    assert r.status_code < 500, f"{path}?{name}={value}: {r.status_code} {r.text[:300]}"
                    if r.status_code == 200:
                        # Only values that really are in range may be accepted.
                        assert value == "%2B1" and r.json()[name] == 1, f"{path}?{name}={value} was accepted"
        # The exact request that used to stop the process.
        r = requests.get(url + "?page=1000000000000000000", headers=auth, timeout=30)
        assert r.status_code in (401, 403, 422), f"{path}: {r.status_code}"
        if r.status_code == 422:
            assert "page" in r.json()["fields"]
        assert alive(server), f"the server stopped answering after paging {path}"


def integer_fields(schema, components, seen=()):
    """Top-level integer properties of a request body schema (following $ref)."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return [] if name in seen else integer_fields(components[name], components, seen + (name,))
    out = []
    for prop, s in schema.get("properties", {}).items():
        s = components[s["$ref"].rsplit("/", 1)[-1]] if "$ref" in s else s
        types = s.get("type", [])
        types = types if isinstance(types, list) else [types]
        if "integer" in types or "number" in types:
            out.append(prop)
    return out


def test_extreme_integers_in_every_body_and_path(server, doc, token):
    ids = sample_ids(server)
    auth = {"Authorization": "Bearer " + token}
    components = doc["components"]["schemas"]
    sent = 0
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            url = server + concrete(path, ids)
            if "{id}" in path:
                # An integer path segment (agreement version numbers) at and past its edges.
                for value in ("9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e30"):
                    r = requests.request(method.upper(), server + concrete(path, dict(ids, id=value)), headers=auth,
                                         json={}, timeout=30)
                    assert r.status_code < 500, f"{method} {path} id={value}: {r.status_code} {r.text[:300]}"
            if not body:
                continue
            for field in integer_fields(body, components):
                for value in ABSURD_JSON:
                    r = requests.request(method.upper(), url, timeout=30, data=json.dumps({field: value}),
                                         headers=dict(auth, **{"Content-Type": "application/json"}))
                    assert r.status_code < 500, f"{method} {path} {field}={value}: {r.status_code} {r.text[:300]}"
                    sent += 1
            # A number too long for any integer type, written out in full.
            r = requests.request(method.upper(), url, headers=dict(auth, **{"Content-Type": "application/json"}),
                                 data='{"version": 1%s}' % ("0" * 400), timeout=30)
            assert r.status_code < 500, f"{method} {path}: {r.status_code}"
    assert sent > 50
    assert alive(server)


def test_dot_vote_points_that_would_overflow(server, token):
    """Two options given Int64.max points each: their sum used to overflow and stop the process."""
    auth = {"Authorization": "Bearer " + token}
    api = server + f"/api/v1/partnerships/{PARTNERSHIP}/polls"
    closes = (datetime.now(timezone.utc) + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%SZ")
    r = requests.post(api, headers=auth, timeout=60, json={
        "title": "Where should the new benches go", "kind": "dot_vote", "options": ["Park", "High Street", "Library"],
        "dotAllowance": 10, "closesAt": closes})
    assert r.status_code == 201, r.text
    poll = r.json()
    options = [o["id"] for o in poll["options"]]
    huge = 9223372036854775807
    for points in ({options[0]: huge, options[1]: huge}, {options[0]: huge, options[1]: huge, options[2]: huge},
                   {options[0]: huge, "not-an-option": huge}, {options[0]: -huge, options[1]: huge}):
        r = requests.post(f"{api}/{poll['id']}/votes", headers=auth, json={"points": points}, timeout=30)
        assert r.status_code == 422, f"{points}: {r.status_code} {r.text[:300]}"
        assert any(k.startswith("points") for k in r.json()["fields"]), r.text
        assert alive(server)
    r = requests.post(f"{api}/{poll['id']}/votes", headers=auth, json={"points": {options[0]: 6, options[1]: 4}}, timeout=30)
    assert r.status_code == 200, r.text


def test_percentages_that_would_overflow(server, token):
    """A 19-digit percentage in the decision rules used to overflow `whole * 10 + tenth`."""
    auth = {"Authorization": "Bearer " + token}
    api = server + f"/api/v1/partnerships/{PARTNERSHIP}/agreement"
    latest = requests.get(api, timeout=30).json()["latest"]
    for share in ("922337203685477581.0%", "9223372036854775807.9%", "922337203685477580.7%", "9223372036854775807%",
                  "99999999999999999999.9%",
                  "1/9223372036854775807", "-9223372036854775808/1"):
        r = requests.post(api + "/versions", headers=auth, timeout=30, json={
            "basedOn": latest["number"] if latest else 0, "version": latest["version"] if latest else None,
            "decisionRules": {"majority": share, "consensusAgreement": share, "quorum": share}})
        assert r.status_code in (409, 422), f"{share}: {r.status_code} {r.text[:300]}"
        assert alive(server)


def test_bodies_too_large_or_too_deep(server, token):
    """Over a megabyte is 413 from the server itself; JSON nested beyond reason is refused, not recursed into."""
    auth = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
    api = server + f"/api/v1/partnerships/{PARTNERSHIP}/polls"
    r = requests.post(api, headers=auth, data='{"title": "' + "x" * 1_100_000 + '"}', timeout=60)
    assert r.status_code == 413, r.status_code
    assert r.headers["Content-Type"].startswith("application/json")
    for depth in (1_000, 100_000):
        r = requests.post(api, headers=auth, data="[" * depth + "]" * depth, timeout=60)
        assert 400 <= r.status_code < 500, f"nested {depth}: {r.status_code}"
        assert alive(server)


def test_money_amounts_at_and_past_every_limit(server):
    """Amounts are text in pounds, read into whole pence: nothing a client types may overflow on
    the way in, in the sums, or in the forecast and percentages the money pages work out."""
    auth = {"Authorization": "Bearer " + make_token(server, sign_in(server, "joe@fernhilltrust.example"), name="crash test")}
    api = server + f"/api/v1/partnerships/{PARTNERSHIP}/money"
    base = {"kind": "paid", "on": "2025-06-01", "priority": "small-grants", "payee": "Brook Print", "description": "Limits",
            "confirmOverpay": True}
    for amount in ("92233720368547758.07", "9223372036854775807", "99999999999999999999999999", "1e30", "-1", "0.001",
                   "1000000000.01", "NaN", ""):
        r = requests.post(api + "/entries", headers=auth, json=dict(base, amount=amount), timeout=30)
        assert r.status_code == 422 and "amount" in r.json()["fields"], f"{amount}: {r.status_code} {r.text[:300]}"
    for n in range(3):
        r = requests.post(api + "/entries", headers=auth, json=dict(base, amount="1000000000", reference=f"LIMIT-{n}"), timeout=30)
        assert r.status_code == 201, r.text
    for path in ("", "/ledger"):
        assert requests.get(api + path, headers=auth, timeout=30).status_code == 200
    assert requests.get(server + f"/partnerships/{PARTNERSHIP}/money", timeout=30).status_code == 200
    assert alive(server)
