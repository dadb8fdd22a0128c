"""Privacy (ADR 0020): the privacy page, the data download and the erasure confirmation,
checked with axe-core and at 320 px. Nothing is erased: the server is shared by every test."""
import json
import re

from selenium.webdriver.common.by import By

from conftest import assert_accessible, assert_fits, sign_in, submit


def test_privacy_page_is_linked_from_the_footer_and_accessible(server, driver):
    driver.get(server + "/")
    driver.find_element(By.CSS_SELECTOR, "footer a[href='/privacy']").click()
    assert driver.current_url.endswith("/privacy")
    assert "90 days" in driver.page_source and "180 days" in driver.page_source
    assert_accessible(driver, "/privacy")
    assert_fits(driver, "/privacy")


def test_data_download_and_erasure_confirmation(server, driver):
    sign_in(driver, server, "tom@fernhill.example")
    driver.get(server + "/account")
    assert driver.find_elements(By.CSS_SELECTOR, "a[href='/account/data']")
    # The download is a JSON document about Tom and nobody else.
    driver.get(server + "/api/v1/me/data")
    data = json.loads(driver.find_element(By.TAG_NAME, "body").text)
    assert data["account"]["email"] == "tom@fernhill.example"
    assert "ada@fernhill.example" not in json.dumps(data)

    driver.get(server + "/account")
    driver.find_element(By.CSS_SELECTOR, "a[href='/account/erase']").click()
    assert driver.current_url.endswith("/account/erase")
    assert_accessible(driver, "/account/erase")
    assert_fits(driver, "/account/erase")
    # The confirmation refuses anything but the account's own address, with an error summary.
    driver.find_element(By.ID, "confirm").send_keys("not-my-address@example.org")
    submit(driver)
    assert "That is not your account" in driver.page_source
    assert driver.find_elements(By.CSS_SELECTOR, ".error-summary a[href='#confirm']")
    assert_accessible(driver, "/account/erase (refused)", 422)
    driver.get(server + "/account")
    assert "Your account" in driver.page_source


def test_administrator_erasure_confirmation_is_accessible(server, driver):
    sign_in(driver, server, "admin@fernhill.example")
    driver.get(server + "/admin/people")
    link = driver.find_elements(By.CSS_SELECTOR, "a[href$='/erase']")[0].get_attribute("href")
    path = re.sub(r"^https?://[^/]+", "", link)
    driver.get(server + path)
    assert "Type their e-mail address to confirm" in driver.page_source
    assert_accessible(driver, path)
    assert_fits(driver, path)
