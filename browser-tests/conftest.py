"""Starts the real server with the demo data and drives it with headless Chromium."""
import json
import os
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parent.parent
BINARY = Path(os.environ.get("REBALANCE_BIN", ROOT / ".build" / "debug" / "rebalance"))
DEMO_PASSWORD = "fernhill-demo-2026"
# WCAG 2.0, 2.1 and 2.2 at levels A and AA: what UK public-sector sites must meet.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server():
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
    yield base
    process.terminate()
    process.wait(timeout=10)
    log.close()


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


def assert_accessible(driver, path):
    violations = axe_violations(driver)
    assert violations == [], f"{path}: " + json.dumps(violations, indent=1)
    assert len(driver.find_elements(By.TAG_NAME, "h1")) == 1, f"{path} should have exactly one h1"


def assert_fits(driver, path, width=320):
    """At 320 px (WCAG reflow) the page must not scroll sideways."""
    driver.set_window_size(width, 800)
    inner = driver.execute_script("return window.innerWidth")
    scroll = driver.execute_script("return document.documentElement.scrollWidth")
    driver.set_window_size(1280, 900)
    assert scroll <= inner, f"{path} is {scroll}px wide at a {inner}px viewport"
