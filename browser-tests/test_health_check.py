"""The relationship health check end to end: the chair opens a round, both sides answer, the
chair closes it, sees the charts and next steps and turns one into a commitment. Every page
visited is checked with axe-core, at 320 px and for a single h1."""
import datetime
import re

from selenium.webdriver.common.by import By

from conftest import assert_accessible, assert_fits, sign_in, submit

P = "/partnerships/fernhill-big-local-partnership"


def check(driver, label, status=200):
    assert_accessible(driver, label, status)
    assert_fits(driver, label)
    assert len(driver.find_elements(By.TAG_NAME, "h1")) == 1, f"{label}: expected one h1"


def sign_out(driver):
    submit(driver, ".site-header form button")


def answer_all(driver, server, round_path, value):
    driver.get(server + round_path + "/answer")
    check(driver, "answer page")
    statements = driver.execute_script(
        "return Array.from(document.querySelectorAll('input[type=radio][value=\"%s\"]')).map(r => r.id)" % value)
    assert len(statements) >= 25
    for radio in statements:
        driver.execute_script("arguments[0].click()", driver.find_element(By.ID, radio))
    submit(driver)
    assert "answers have been saved" in driver.page_source
    check(driver, "round page after answering")


def test_a_round_from_opening_to_a_commitment(server, driver):
    sign_in(driver, server, "ada@fernhill.example")
    driver.get(server + P + "/health-check")
    check(driver, "results before the round")
    assert driver.page_source.count("<svg") == 4
    driver.find_element(By.LINK_TEXT, "Open a new round").click()
    check(driver, "open a round")
    closes = (datetime.date.today() + datetime.timedelta(days=21)).isoformat()
    driver.execute_script("arguments[0].value = arguments[1]", driver.find_element(By.ID, "closesOn"), closes)
    submit(driver)
    assert "invitations are on their way" in driver.page_source
    check(driver, "round page")
    round_path = re.sub(r"^https?://[^/]+", "", driver.current_url)

    # An out-of-range answer is not possible in the form; an empty one is explained.
    driver.get(server + round_path + "/answer")
    submit(driver)
    assert "There is a problem" in driver.page_source
    check(driver, "answer page with an error", 422)

    answer_all(driver, server, round_path, "agree")
    sign_out(driver)
    sign_in(driver, server, "hannah@harbourside.example")
    answer_all(driver, server, round_path, "neither")
    sign_out(driver)

    sign_in(driver, server, "ada@fernhill.example")
    driver.get(server + round_path)
    submit(driver, "#close")
    assert "The health check is closed" in driver.page_source
    check(driver, "results after closing")
    # Two people answered: too few to show, with the reason given.
    assert "Fewer than 5 people" in driver.page_source

    # With nothing scored in so small a round, the next steps come from the newest round that
    # named its weakest principles; take the first one up.
    assert "Next steps" in driver.page_source
    assert "too few answers to name its weakest principles" in driver.page_source
    title = driver.find_element(By.CSS_SELECTOR, ".next-step h4").text
    submit(driver, ".next-step form button")
    assert "/commitments/" in driver.current_url
    assert title in driver.page_source
    check(driver, "the new commitment")


def test_the_demo_results_offer_next_steps_that_become_commitments(server, driver):
    sign_in(driver, server, "hannah@harbourside.example")
    driver.get(server + P + "/health-check")
    check(driver, "results as the council officer")
    title = driver.find_element(By.CSS_SELECTOR, ".next-step h4").text
    submit(driver, ".next-step form button")
    assert "/commitments/" in driver.current_url
    assert title in driver.page_source
    check(driver, "commitment from a next step")


def test_the_table_across_areas(server, driver):
    sign_in(driver, server, "beth@harbourside.example")
    driver.get(server + "/health-check?sort=gap&direction=descending")
    check(driver, "across areas")
    assert "Fernhill Big Local Partnership" in driver.page_source
