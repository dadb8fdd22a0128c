"""Starts the real server with the demo data and drives it with headless Chromium."""
import json
import os
import re
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import WebDriverWait

from openapi_check import Contract

ROOT = Path(__file__).resolve().parent.parent
BINARY = Path(os.environ.get("REBALANCE_BIN", ROOT / ".build" / "debug" / "rebalance"))
DEMO_PASSWORD = "fernhill-demo-2026"
# WCAG 2.0, 2.1 and 2.2 at levels A and AA: what UK public-sector sites must meet.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server():
    """Starts `rebalance serve --demo` on a fresh database in a folder of its own; yields its base URL."""
    workdir = tempfile.mkdtemp(prefix="rebalance-browser-")
    port = free_port()
    env = dict(os.environ, REBALANCE_BCRYPT_COST="4")
    env.pop("DATABASE_URL", None)
    log = open(Path(workdir) / "server.log", "w")
    process = subprocess.Popen([str(BINARY), "serve", "--demo", "--port", str(port)],
                               cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(base + "/health", timeout=1) as r:
                if r.status == 200:
                    break
        except OSError:
            if process.poll() is not None:
                raise RuntimeError("server exited: " + (Path(workdir) / "server.log").read_text())
            time.sleep(0.2)
    else:
        process.kill()
        raise RuntimeError("server did not start within 60 s")
    try:
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@pytest.fixture(scope="session")
def server():
    for base in start_server():
        with checking_api_responses(base):
            yield base


@pytest.fixture(scope="module")
def fresh_server():
    """A server of the module's own, for tests that need the demo data exactly as it loads
    (the session's server is changed by the tests that run before)."""
    for base in start_server():
        with checking_api_responses(base):
            yield base


# What the response check has seen, so a test can show it is really running.
API_CHECKS = {"contract": None, "responses": 0}


class checking_api_responses:
    """While active, every response `requests` receives from the server's /api/v1 is checked
    against the server's own OpenAPI document (see openapi_check.py), and a mismatch fails the
    test that made the request. Signed-in requests, refusals and errors are checked too."""

    def __init__(self, base):
        self.base = base

    def __enter__(self):
        original = self.original = requests.Session.send
        contract = API_CHECKS["contract"] = Contract(requests.get(self.base + "/api/v1/openapi.json", timeout=30).json())
        base = self.base

        def send(session, request, **kwargs):
            response = original(session, request, **kwargs)
            url = urlsplit(request.url)
            if f"{url.scheme}://{url.netloc}" == base and url.path.startswith("/api/v1"):
                problems = contract.check(request.method, url.path, response.status_code,
                                          response.headers.get("Content-Type"), response.content)
                API_CHECKS["responses"] += 1
                assert not problems, f"{request.method} {url.path} does not match the OpenAPI document: " + "; ".join(problems)
            return response

        requests.Session.send = send
        return self

    def __exit__(self, *exc):
        requests.Session.send = self.original


def make_driver(javascript=True, width=1280):
    options = webdriver.ChromeOptions()
    for arg in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={width},900",
                "--disable-gpu", "--lang=en-GB"]:
        options.add_argument(arg)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    # axe-core runs as an injected script; the site's Content-Security-Policy (script-src 'self')
    # would otherwise stop it. This changes nothing about what axe checks.
    driver.execute_cdp_cmd("Page.setBypassCSP", {"enabled": True})
    return driver


@pytest.fixture
def driver():
    d = make_driver()
    yield d
    d.quit()


@pytest.fixture
def nojs_driver():
    d = make_driver(javascript=False)
    yield d
    d.quit()


def sign_in(driver, base, email, password=DEMO_PASSWORD):
    """Signs in through the real form, as a person would."""
    driver.get(base + "/sign-in")
    driver.find_element(By.ID, "email").send_keys(email)
    driver.find_element(By.ID, "password").send_keys(password)
    submit(driver, "form[action='/sign-in'] button[type=submit]")
    assert "/sign-in" not in driver.current_url, driver.page_source[:2000]


def submit(driver, selector="main form button[type=submit]"):
    """Clicks a submit button and waits until the next page has replaced this one and loaded."""
    page = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, selector).click()

    def replaced(d):
        try:
            page.tag_name
            return False
        except WebDriverException:
            # Chromium reports a node of the departed page as stale, or (mid-navigation) as
            # not belonging to the document: both mean the old page is gone.
            return True

    WebDriverWait(driver, 15).until(replaced)
    WebDriverWait(driver, 15).until(lambda d: d.execute_script("return document.readyState") == "complete")


def axe_violations(driver):
    axe = Axe(driver)
    axe.inject()
    # Called directly rather than through Axe.run, so that a failure inside axe is reported
    # instead of surfacing as a script timeout.
    result = driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: %s}})"
        ".then(function (r) { done(r); }, function (e) { done({error: String(e)}); });" % json.dumps(WCAG_TAGS))
    assert "error" not in result, "axe failed: " + result.get("error", "")
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"],
         "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def current_path(driver):
    url = urlsplit(driver.current_url)
    return url.path + ("?" + url.query if url.query else "")


def page_status(driver):
    """The HTTP status of the page the browser shows (Navigation Timing's responseStatus: the
    last response, so after a form's redirect it is the status of the page redirected to)."""
    status = driver.execute_script(
        "const n = performance.getEntriesByType('navigation')[0]; return n ? n.responseStatus : null")
    assert status, f"the browser reports no status for {driver.current_url}"
    return status


def assert_page(driver, path, status=200):
    """The browser shows `path`, answered with `status`. In `path` a `*` stands for one part of
    the address made on the way (a new record's id). Without this, a page that redirected to
    sign-in or answered with an error page would be checked in its place, and pass."""
    here = current_path(driver)
    pattern = re.escape(path).replace(r"\*", "[^/?#]+")
    assert re.fullmatch(pattern, here), f"expected to be at {path}, the browser is at {here}"
    got = page_status(driver)
    assert got == status, f"{here} answered {got}, expected {status}"


def assert_accessible(driver, where, status=200):
    """Checks the page the browser shows: first that it is the page meant, then axe-core and one h1.

    `where` is either the path the browser must be at (starting with "/", see assert_page) or,
    for a page reached by clicking or submitting, a label; either way the page must have answered
    `status`, and it must not be the sign-in page unless that is what was asked for (a silent
    redirect to sign-in would otherwise be checked in the page's place, and pass)."""
    if where.startswith("/") and " " not in where:
        assert_page(driver, where, status)
    else:
        got = page_status(driver)
        assert got == status, f"{where}: the page at {current_path(driver)} answered {got}, expected {status}"
        assert urlsplit(driver.current_url).path != "/sign-in" or "sign-in" in where, \
            f"{where}: the browser was sent to the sign-in page"
    violations = axe_violations(driver)
    assert violations == [], f"{where}: " + json.dumps(violations, indent=1)
    assert len(driver.find_elements(By.TAG_NAME, "h1")) == 1, f"{where} should have exactly one h1"


def assert_fits(driver, label, width=320):
    """At 320 CSS px (WCAG 1.4.10, reflow) the page must not scroll sideways. The viewport must
    really be that wide: if the window will not shrink so far, the device metrics are emulated,
    and if the viewport is still wider the check fails instead of measuring a wider page."""
    driver.set_window_size(width, 800)
    emulated = driver.execute_script("return window.innerWidth") != width
    if emulated:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    try:
        # clientWidth leaves out a vertical scrollbar: it is the width the page has to fit in.
        inner, client, scroll = driver.execute_script(
            "const e = document.documentElement; return [window.innerWidth, e.clientWidth, e.scrollWidth]")
    finally:
        if emulated:
            driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        driver.set_window_size(1280, 900)
    assert inner == width, f"{label}: the viewport is {inner}px wide, not {width}px"
    assert scroll <= client, f"{label} is {scroll}px wide in a {width}px viewport ({client}px inside its scrollbar)"
