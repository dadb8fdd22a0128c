"""Enquiries to the council, end to end: a member asks, the council team it reaches hands it
on with a reason, the receiving team answers, and the public statistics count it. Every page
visited is checked with axe-core and at 320 px."""
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import assert_accessible, assert_fits, sign_in, submit

PARTNERSHIP = "/partnerships/fernhill-big-local-partnership"
COUNCIL = "harbourside-city-council"
STATISTICS = f"/councils/{COUNCIL}/enquiries/statistics"


def check(driver, label, status=200):
    assert_accessible(driver, label, status)
    assert_fits(driver, label)


def received_total(driver, server):
    driver.get(server + STATISTICS)
    return int(driver.find_element(By.ID, "figure-received").text)


def test_ask_hand_on_answer_and_see_it_counted(server, driver):
    before = received_total(driver, server)
    check(driver, STATISTICS)
    driver.get(server + f"/councils/{COUNCIL}/directory")
    check(driver, "directory")

    # A member asks about the park; the directory sends it to Parks and Green Spaces.
    sign_in(driver, server, "tom@fernhill.example")
    driver.get(server + PARTNERSHIP)
    driver.find_element(By.LINK_TEXT, "Enquiries to the council").click()
    check(driver, "enquiries list")
    driver.find_element(By.LINK_TEXT, "Ask the council a question").click()
    check(driver, "new enquiry")
    submit(driver)  # empty: the error summary names each field
    summary = driver.find_element(By.CSS_SELECTOR, ".error-summary")
    targets = {a.get_attribute("href").split("#")[1] for a in summary.find_elements(By.TAG_NAME, "a")}
    assert targets == {"topic", "title", "question"}
    check(driver, "new enquiry with errors", 422)
    Select(driver.find_element(By.ID, "topic")).select_by_value("Parks, playgrounds and trees")
    driver.find_element(By.ID, "title").send_keys("Who owns the fence by the allotments?")
    driver.find_element(By.ID, "question").send_keys("The fence between the park and the allotments has fallen down.")
    submit(driver)
    assert "An answer is due by" in driver.find_element(By.CSS_SELECTOR, ".notification").text
    enquiry = re.sub(r"^https?://[^/]+", "", driver.current_url)
    assert "Parks and Green Spaces" in driver.page_source
    check(driver, "enquiry (member)")

    # Parks staff hand it to Property and Estates, saying why.
    driver.delete_all_cookies()
    sign_in(driver, server, "beth@harbourside.example")
    driver.get(server + enquiry)
    check(driver, "enquiry (holding team)")
    Select(driver.find_element(By.ID, "toTeam")).select_by_visible_text("Property and Estates")
    driver.find_element(By.ID, "reason").send_keys("The fence is on council land, which Property and Estates look after.")
    submit(driver, f"form[action='{enquiry}/hand-off'] button[type=submit]")
    assert "Handed from Parks and Green Spaces to Property and Estates" in driver.page_source
    # Parks can no longer answer it: no form, and the page says whose it is.
    assert not driver.find_elements(By.ID, "answer")
    assert "This enquiry is with Property and Estates. Only that team can answer it" in driver.page_source
    check(driver, "enquiry held by another team")

    # Property and Estates answer it.
    driver.delete_all_cookies()
    sign_in(driver, server, "raj@harbourside.example")
    driver.get(server + enquiry)
    driver.find_element(By.ID, "answer").send_keys("It is ours: a contractor will replace it this month.")
    submit(driver, f"form[action='{enquiry}/answer'] button[type=submit]")
    assert "Answered" in driver.find_element(By.CSS_SELECTOR, "#enquiry").text
    assert "a contractor will replace it" in driver.page_source
    check(driver, "answered enquiry")

    # The public statistics count it, signed out.
    driver.delete_all_cookies()
    assert received_total(driver, server) == before + 1
    assert len(driver.find_elements(By.CSS_SELECTOR, "figure svg[role=img]")) == 4
    driver.get(server + STATISTICS + "?by=month")
    check(driver, "statistics by month")
    driver.get(server + f"/organisations/{COUNCIL}")
    assert driver.find_element(By.LINK_TEXT, "How quickly the council answers")
