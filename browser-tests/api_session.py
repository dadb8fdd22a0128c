"""Signs in through the real pages with plain HTTP and makes an API token on /account.

Nothing here knows a cookie's name or a form's hidden fields: it sends back every field each
form carries (CSRF token included, whatever it is called) and lets the cookie jar keep whatever
cookies the site sets. So sign-in can change its cookie names, throttling or hidden fields
without this breaking.
"""
from html.parser import HTMLParser
from urllib.parse import urljoin

import requests

DEMO_PASSWORD = "fernhill-demo-2026"


class _Forms(HTMLParser):
    """Collects each form's action, method and inputs; and the text of <code class="token">."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self.codes = []
        self._in_code = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "method": (a.get("method") or "get").lower(), "inputs": []})
        elif tag in ("input", "textarea", "select") and self.forms and a.get("name"):
            self.forms[-1]["inputs"].append({"name": a["name"], "type": (a.get("type") or tag).lower(),
                                             "value": a.get("value", "")})
        elif tag == "code" and "token" in (a.get("class") or "").split():
            self._in_code = True
            self.codes.append("")

    def handle_endtag(self, tag):
        if tag == "code":
            self._in_code = False

    def handle_data(self, data):
        if self._in_code:
            self.codes[-1] += data


def parse(html):
    p = _Forms()
    p.feed(html)
    return p


def _fields(form, fill):
    """Every field the form carries, with `fill(input)` deciding the ones a person types."""
    data = {}
    for i in form["inputs"]:
        if i["type"] in ("submit", "button", "checkbox", "radio"):
            continue
        typed = fill(i)
        data[i["name"]] = typed if typed is not None else i["value"]
    return data


def sign_in(base, email, password=DEMO_PASSWORD):
    """A requests.Session signed in as `email` through the sign-in form (one attempt only,
    so a server that throttles sign-in is not provoked)."""
    s = requests.Session()
    page = s.get(base + "/sign-in", timeout=30)
    page.raise_for_status()
    form = next(f for f in parse(page.text).forms if f["method"] == "post" and "sign-in" in f["action"])

    def fill(i):
        if i["type"] == "email" or "email" in i["name"]:
            return email
        if i["type"] == "password":
            return password
        return None

    r = s.post(urljoin(page.url, form["action"] or page.url), data=_fields(form, fill), timeout=60)
    r.raise_for_status()
    me = s.get(base + "/api/v1/me", timeout=30)
    assert me.status_code == 200, f"signing in as {email} did not work: {me.status_code} {me.text[:300]}"
    return s


def make_token(base, session, name="contract tests"):
    """Posts the token form on /account and returns the token shown once on the answer page."""
    page = session.get(base + "/account", timeout=30)
    page.raise_for_status()
    before = parse(page.text)
    # The form that makes a token, not one of the forms revoking tokens made before.
    form = next(f for f in before.forms if f["method"] == "post" and f["action"].rstrip("/").endswith("/account/tokens"))
    typed = {"done": False}

    def fill(i):
        # The first field a person types in names the token; anything else keeps its value.
        if i["type"] in ("text", "textarea") and not typed["done"]:
            typed["done"] = True
            return name
        return None

    r = session.post(urljoin(page.url, form["action"]), data=_fields(form, fill), timeout=60)
    assert r.status_code in (200, 201), f"making a token failed: {r.status_code} {r.text[:500]}"
    # The page shows other codes (calendar links): the token is the one that was not there before.
    shown_before = {c.strip() for c in before.codes}
    codes = [c.strip() for c in parse(r.text).codes if c.strip() and c.strip() not in shown_before]
    assert len(codes) == 1, (f"expected one new token on the account page, found {len(codes)} "
                             f"(answer {r.status_code} at {r.url}, history {[h.status_code for h in r.history]}): {r.text[:300]}")
    token = codes[0]
    me = requests.get(base + "/api/v1/me", headers={"Authorization": "Bearer " + token}, timeout=30)
    assert me.status_code == 200, f"the new token does not work: {me.status_code} {me.text[:300]}"
    return token


def csrf_headers(session, base):
    """For JSON changes with the session cookie: the CSRF token from any form on /account."""
    page = session.get(base + "/account", timeout=30)
    for f in parse(page.text).forms:
        for i in f["inputs"]:
            if i["type"] == "hidden" and "csrf" in i["name"].lower():
                return {"X-CSRF-Token": i["value"]}
    return {}
