"""Accounts and administration (issue 14, item 7): a person changes their name; an administrator
finds people, opens one, disables and enables their account, and reads a message in the outbox."""
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import DEMO_PASSWORD, assert_accessible, assert_fits, current_path, sign_in, submit

ADMIN = "admin@fernhill.example"
MEMBER = "priya@fernhill.example"


def test_a_person_changes_their_name(driver, fresh_server):
    sign_in(driver, fresh_server, MEMBER)
    driver.get(fresh_server + "/account")
    driver.find_element(By.LINK_TEXT, "Change your name or email address").click()
    assert_accessible(driver, "/account/details")
    assert_fits(driver, "/account/details")

    # Nothing typed: the error summary names the field, and the page is still accessible.
    name = driver.find_element(By.ID, "name")
    name.clear()
    submit(driver, "form[action='/account/details'] button[type=submit]")
    assert_accessible(driver, "the refused name change", status=422)
    summary = driver.find_element(By.CSS_SELECTOR, ".error-summary a[href='#name']")
    assert "Enter your name" in summary.text

    driver.find_element(By.ID, "name").send_keys("Priya Shah-Jones")
    submit(driver, "form[action='/account/details'] button[type=submit]")
    assert current_path(driver) == "/account"
    assert "Your name has been changed." in driver.page_source
    assert "Priya Shah-Jones" in driver.find_element(By.CSS_SELECTOR, "main .summary-list").text


def test_an_administrator_finds_opens_disables_and_enables_a_person(driver, fresh_server):
    sign_in(driver, fresh_server, ADMIN)
    driver.get(fresh_server + "/admin/people")
    assert_accessible(driver, "/admin/people")

    search = driver.find_element(By.ID, "q")
    search.send_keys("Tom")
    submit(driver, "form[role=search] button[type=submit]")
    assert_accessible(driver, "/admin/people?q=Tom")
    names = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "main table tbody td:first-child a")]
    assert "Tom Price" in names
    assert "Ada Okafor" not in names

    driver.find_element(By.LINK_TEXT, "Tom Price").click()
    assert_accessible(driver, "/admin/people/*")
    assert_fits(driver, "the person page")
    person_path = current_path(driver)
    assert driver.find_element(By.TAG_NAME, "h1").text == "Tom Price"
    assert "Fernhill" in driver.find_element(By.CSS_SELECTOR, "main table").text

    submit(driver, "form[action$='/disable'] button[type=submit]")
    assert current_path(driver) == person_path
    assert_accessible(driver, person_path)
    assert "Disabled" in driver.find_element(By.CSS_SELECTOR, "main .summary-list").text

    # Tom cannot sign in while disabled (this browser signs out first to try as him).
    submit(driver, "form[action='/sign-out'] button[type=submit]")
    driver.get(fresh_server + "/sign-in")
    driver.find_element(By.ID, "email").send_keys("tom@fernhill.example")
    driver.find_element(By.ID, "password").send_keys(DEMO_PASSWORD)
    submit(driver, "form[action='/sign-in'] button[type=submit]")
    assert_accessible(driver, "the refused sign-in", status=403)
    assert "This account has been disabled" in driver.page_source

    sign_in(driver, fresh_server, ADMIN)
    driver.get(fresh_server + person_path)
    submit(driver, "form[action$='/enable'] button[type=submit]")
    assert "Active" in driver.find_element(By.CSS_SELECTOR, "main .summary-list").text

    # A reset link sent from here lands in the outbox, where it can be read.
    submit(driver, "form[action$='/password-reset'] button[type=submit]")
    assert "a link to choose a new password" in driver.page_source


def test_an_administrator_filters_the_outbox_and_opens_a_message(driver, fresh_server):
    sign_in(driver, fresh_server, ADMIN)
    # Make sure there is a message, whatever ran before.
    driver.get(fresh_server + "/admin/people?q=nadia")
    driver.find_element(By.LINK_TEXT, "Nadia Rahman").click()
    submit(driver, "form[action$='/password-reset'] button[type=submit]")

    driver.get(fresh_server + "/admin/outbox")
    assert_accessible(driver, "/admin/outbox")
    Select(driver.find_element(By.ID, "status")).select_by_value("failed")
    submit(driver, "main form[method=get] button[type=submit]")
    assert_accessible(driver, "/admin/outbox?status=failed")

    driver.get(fresh_server + "/admin/outbox")
    link = driver.find_element(By.PARTIAL_LINK_TEXT, "Reset your Rebalance password")
    link.click()
    assert_accessible(driver, "/admin/outbox/*")
    assert_fits(driver, "the outbox message")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Reset your Rebalance password"
    body = driver.find_element(By.CSS_SELECTOR, "main pre").text
    assert re.search(r"/password-reset/\S+", body)


def test_searching_people_and_filtering_the_outbox_work_without_javascript(nojs_driver, fresh_server):
    sign_in(nojs_driver, fresh_server, ADMIN)
    nojs_driver.get(fresh_server + "/admin/people")
    nojs_driver.find_element(By.ID, "q").send_keys("harbourside")
    submit(nojs_driver, "form[role=search] button[type=submit]")
    assert current_path(nojs_driver) == "/admin/people?q=harbourside"
    names = [a.text for a in nojs_driver.find_elements(By.CSS_SELECTOR, "main table tbody td:first-child a")]
    assert "Beth Summers" in names and "Tom Price" not in names

    nojs_driver.get(fresh_server + "/admin/outbox")
    Select(nojs_driver.find_element(By.ID, "status")).select_by_value("queued")
    submit(nojs_driver, "main form[method=get] button[type=submit]")
    assert current_path(nojs_driver) == "/admin/outbox?status=queued"
