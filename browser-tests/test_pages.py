"""Every page, as each kind of person sees it, checked with axe-core and at 320 px."""
import re
import urllib.request

import pytest
from selenium.webdriver.common.by import By

from conftest import assert_accessible, assert_fits, sign_in, submit

PARTNERSHIP = "/partnerships/fernhill-big-local-partnership"
PUBLIC_PAGES = ["/", "/areas/fernhill", PARTNERSHIP, "/partnerships/northgate-neighbours", "/organisations",
                "/organisations/harbourside-city-council", "/organisations/fernhill-community-trust",
                "/sign-in", "/register", "/password-reset"]
# Error pages are pages too: they must be as accessible as the rest, with the status they mean.
ERROR_PAGES = {"/verify-email?token=not-a-token": 404, "/no-such-page": 404}


@pytest.mark.parametrize("path", PUBLIC_PAGES + list(ERROR_PAGES))
def test_public_pages_are_accessible(server, driver, path):
    driver.get(server + path)
    assert_accessible(driver, path, ERROR_PAGES.get(path, 200))
    assert_fits(driver, path)


def member_edit_path(driver, server):
    driver.get(server + PARTNERSHIP)
    return re.sub(r"^https?://[^/]+", "", driver.find_elements(By.CSS_SELECTOR, "a[href*='/members/']")[0].get_attribute("href"))


def test_chair_pages_are_accessible(server, driver):
    sign_in(driver, server, "ada@fernhill.example")
    pages = ["/account", "/account/password", "/account/notifications", PARTNERSHIP, PARTNERSHIP + "/edit", PARTNERSHIP + "/members/new",
             PARTNERSHIP + "/audit", "/areas/fernhill/edit", "/organisations/new"]
    pages.append(member_edit_path(driver, server))
    for path in pages:
        driver.get(server + path)
        assert_accessible(driver, path)
        assert_fits(driver, path)


def test_council_staff_and_admin_pages_are_accessible(server, driver):
    # The council's administrator: officers see the council's page but do not edit it.
    sign_in(driver, server, "grace@harbourside.example")
    for path in ["/areas/new", "/organisations/harbourside-city-council", "/organisations/harbourside-city-council/edit",
                 "/councils/harbourside-city-council/directory"]:
        driver.get(server + path)
        assert_accessible(driver, path)
        assert_fits(driver, path)
    driver.delete_all_cookies()
    sign_in(driver, server, "admin@fernhill.example")
    for path in ["/admin/people", "/admin/outbox"]:
        driver.get(server + path)
        assert_accessible(driver, path)
        assert_fits(driver, path)


def test_errors_are_summarised_and_linked_to_their_fields(server, driver):
    driver.get(server + "/register")
    driver.find_element(By.ID, "email").send_keys("not-an-email")
    driver.find_element(By.ID, "password").send_keys("password123")
    submit(driver, "form[action='/register'] button[type=submit]")
    summary = driver.find_element(By.CSS_SELECTOR, ".error-summary")
    assert "There is a problem" in summary.text
    links = {a.get_attribute("href").split("#")[1]: a.text for a in summary.find_elements(By.TAG_NAME, "a")}
    assert set(links) == {"name", "email", "password"}
    # Each link leads to a real, labelled field.
    for field in links:
        element = driver.find_element(By.ID, field)
        assert driver.find_element(By.CSS_SELECTOR, f"label[for='{field}']").text
        assert element.get_attribute("value") != "password123"
    assert_accessible(driver, "/register with errors", 422)
    assert_fits(driver, "/register with errors")


def test_sign_in_add_a_member_and_see_the_checklist_change(server, driver):
    sign_in(driver, server, "ada@fernhill.example")
    driver.get(server + "/partnerships/northgate-neighbours")
    assert "Not met" in driver.page_source
    driver.get(server + PARTNERSHIP + "/members/new")
    driver.find_element(By.ID, "person").send_keys("nadia@fernhill.example")
    driver.find_element(By.CSS_SELECTOR, "#role option[value='resident']").click()
    submit(driver)
    assert driver.current_url.endswith(PARTNERSHIP)
    assert "The member has been added." in driver.find_element(By.CSS_SELECTOR, ".notification").text
    assert "Nadia Rahman" in driver.page_source
    assert "7 of 10 voting members are residents." in driver.page_source
    assert_accessible(driver, PARTNERSHIP + " after adding")


def test_wrong_password_then_right_one(server, driver):
    driver.get(server + "/sign-in")
    driver.find_element(By.ID, "email").send_keys("tom@fernhill.example")
    driver.find_element(By.ID, "password").send_keys("definitely wrong")
    submit(driver)
    assert "The email address or password is not right" in driver.find_element(By.CSS_SELECTOR, ".error-summary").text
    assert_accessible(driver, "/sign-in after a wrong password", 401)
    sign_in(driver, server, "tom@fernhill.example")
    assert "Signed in as Tom Price" in driver.page_source


def test_everything_works_without_javascript(server, nojs_driver):
    sign_in(nojs_driver, server, "ada@fernhill.example")
    nojs_driver.get(server + PARTNERSHIP + "/edit")
    description = nojs_driver.find_element(By.ID, "description")
    description.clear()
    description.send_keys("Edited with scripts turned off.")
    submit(nojs_driver)
    assert "Edited with scripts turned off." in nojs_driver.page_source
    submit(nojs_driver, ".site-header form button")
    assert "Sign in" in nojs_driver.find_element(By.CSS_SELECTOR, ".site-header").text


def test_focus_is_visible_and_the_skip_link_works(server, driver):
    driver.get(server + "/")
    body = driver.find_element(By.TAG_NAME, "body")
    body.send_keys("\ue004")  # Tab
    active = driver.switch_to.active_element
    assert active.get_attribute("class") == "skip-link"
    assert active.is_displayed()
    background = active.value_of_css_property("background-color")
    assert background in ("rgba(255, 221, 0, 1)", "rgb(255, 221, 0)")
    active.send_keys("\ue006")  # Enter
    assert driver.current_url.endswith("#main")


def test_print_style_hides_navigation(server, driver):
    driver.get(server + PARTNERSHIP)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert not driver.find_element(By.CSS_SELECTOR, ".site-header").is_displayed()
    assert driver.find_element(By.TAG_NAME, "h1").is_displayed()
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_security_headers(server):
    with urllib.request.urlopen(server + "/") as r:
        assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
        assert r.headers["X-Content-Type-Options"] == "nosniff"
