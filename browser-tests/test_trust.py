"""Trust between partners: the agreement signed by both sides, commitments kept and broken,
the track record and the timeline, checked with axe-core on every page visited."""
import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import assert_accessible, assert_fits, sign_in, submit

P = "/partnerships/fernhill-big-local-partnership"
PUBLIC = [P + "/agreement", P + "/agreement/versions/1", P + "/agreement/versions/2", P + "/agreement/diff?from=1&to=2",
          P + "/commitments", P + "/projects", P + "/timeline", P + "/timeline?kind=agreement&kind=milestone",
          P + "/accountability", "/partnerships/northgate-neighbours/agreement", "/partnerships/northgate-neighbours/accountability"]


def visit(driver, server, path):
    driver.get(server + path)
    assert_accessible(driver, path)
    assert_fits(driver, path)


def path_of(href):
    return re.sub(r"^https?://[^/]+", "", href)


def set_date(driver, field, value):
    # Typing into a date input depends on the browser's locale; setting it is what a picker does.
    driver.execute_script("arguments[0].value = arguments[1]", driver.find_element(By.ID, field), value)


def fill(driver, field, text):
    element = driver.find_element(By.ID, field)
    element.clear()
    element.send_keys(text)


def choose(driver, field, visible_text_starts):
    select = Select(driver.find_element(By.ID, field))
    for option in select.options:
        if option.text.startswith(visible_text_starts):
            select.select_by_visible_text(option.text)
            return
    raise AssertionError(f"no option starting {visible_text_starts!r} in #{field}")


def sign_out(driver):
    submit(driver, ".site-header form button")


@pytest.mark.parametrize("path", PUBLIC)
def test_trust_pages_are_public_and_accessible(server, driver, path):
    visit(driver, server, path)


def test_commitment_and_project_pages_are_accessible(server, driver):
    driver.get(server + P + "/commitments")
    commitment = path_of(driver.find_element(By.LINK_TEXT, "Install two lamps on the main path").get_attribute("href"))
    visit(driver, server, commitment)
    assert "First agreed for 20 December 2024" in driver.page_source
    driver.get(server + P + "/projects")
    project = path_of(driver.find_element(By.LINK_TEXT, "Fernhill Park after dark").get_attribute("href"))
    visit(driver, server, project)
    sign_in(driver, server, "tom@fernhill.example")
    for path in [project + "/edit", project + "/milestones", project + "/permissions", P + "/projects/new"]:
        visit(driver, server, path)


def test_draft_sign_promise_deliver_late_and_read_the_record(server, driver):
    # 1. The chair drafts a change to the newest version (still unsigned) and signs it for the partnership.
    sign_in(driver, server, "ada@fernhill.example")
    visit(driver, server, P + "/agreement/draft")
    negotiable = driver.find_element(By.ID, "negotiable")
    negotiable.send_keys("\nWho chairs the annual review")
    fill(driver, "changeSummary", "Volunteers in the park; the annual review chair becomes negotiable")
    submit(driver)
    assert driver.current_url.endswith(P + "/agreement/versions/2"), driver.find_element(By.TAG_NAME, "main").text[:800]
    assert "saved as a draft" in driver.find_element(By.CSS_SELECTOR, ".notification").text
    assert_accessible(driver, "version 2 after drafting")
    # The form offers the chair only the side she may sign for (the council's is refused if posted anyway).
    offered = [o.get_attribute("value") for o in Select(driver.find_element(By.ID, "side")).options if o.get_attribute("value")]
    assert offered == ["partnership"], offered
    Select(driver.find_element(By.ID, "side")).select_by_value("partnership")
    submit(driver)
    assert "takes effect when the other side signs" in driver.find_element(By.CSS_SELECTOR, ".notification").text
    sign_out(driver)

    # 2. The named council officer signs for the council: version 2 takes effect.
    sign_in(driver, server, "hannah@harbourside.example")
    visit(driver, server, P + "/agreement/versions/2")
    Select(driver.find_element(By.ID, "side")).select_by_value("council")
    submit(driver)
    assert "is now in force" in driver.find_element(By.CSS_SELECTOR, ".notification").text
    visit(driver, server, P + "/agreement")
    assert "Version 2 is in force" in driver.page_source
    assert "Who chairs the annual review" in driver.page_source

    # 3. She records a promise for her team; a Parks promise meets the over-promise warning.
    visit(driver, server, P + "/commitments/new")
    fill(driver, "title", "Book the community centre survey")
    choose(driver, "owner", "Neighbourhoods and Communities")
    choose(driver, "recipient", "Fernhill Big Local Partnership")
    set_date(driver, "dueOn", "2020-01-01")
    submit(driver)
    summary = driver.find_element(By.CSS_SELECTOR, ".error-summary")
    assert "Due date must be today" in summary.text
    assert summary.find_element(By.TAG_NAME, "a").get_attribute("href").endswith("#dueOn")
    assert_accessible(driver, "new commitment with a past date", 422)
    set_date(driver, "dueOn", "2099-06-30")
    submit(driver)
    assert "The commitment has been recorded." in driver.page_source
    assert_accessible(driver, "the new commitment")

    driver.get(server + P + "/commitments/new")
    fill(driver, "title", "Mend the pond railings")
    choose(driver, "owner", "Parks and Green Spaces")
    choose(driver, "recipient", "Fernhill Big Local Partnership")
    set_date(driver, "dueOn", "2099-07-31")
    submit(driver)
    assert "already has 2 overdue commitments" in driver.find_element(By.CSS_SELECTOR, ".warning-text").text
    assert_accessible(driver, "over-promise warning", 422)
    assert_fits(driver, "over-promise warning")
    driver.find_element(By.ID, "confirmOverPromise").click()
    submit(driver)
    assert "The commitment has been recorded." in driver.page_source
    sign_out(driver)

    # 4. The chair records that the Parks team delivered the overdue fence repair: late.
    sign_in(driver, server, "ada@fernhill.example")
    driver.get(server + P + "/commitments")
    fence = path_of(driver.find_element(By.LINK_TEXT, "Repair the playground fence").get_attribute("href"))
    visit(driver, server, fence + "/transitions")
    Select(driver.find_element(By.ID, "state")).select_by_value("delivered")
    submit(driver)
    assert driver.current_url.endswith(fence)
    assert "(late)" in driver.page_source
    assert_accessible(driver, fence)

    # 5. The track record and the timeline show it, to anyone.
    sign_out(driver)
    visit(driver, server, P + "/accountability")
    assert "3 delivered on time, 1 delivered late, 1 missed, 1 open, 1 overdue" in driver.page_source
    assert driver.find_elements(By.CSS_SELECTOR, "svg[role=img]")
    visit(driver, server, P + "/timeline")
    text = driver.find_element(By.TAG_NAME, "main").text
    assert "delivered “Repair the playground fence” late" in text
    assert "Agreement version 2 in force" in text
    driver.find_element(By.ID, "kind-agreement").click()
    submit(driver)
    assert "kind=agreement" in driver.current_url
    entries = driver.find_elements(By.CSS_SELECTOR, ".timeline__date")
    assert entries and all("Agreement" in e.text for e in entries)
    assert_accessible(driver, "timeline filtered by kind")


def test_the_agreement_prints_without_navigation(server, driver):
    driver.get(server + P + "/agreement/versions/1")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert not driver.find_element(By.CSS_SELECTOR, ".sub-nav").is_displayed()
    assert driver.find_element(By.CSS_SELECTOR, ".print-only").is_displayed()
    assert driver.find_element(By.TAG_NAME, "h1").is_displayed()
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_the_timeline_filter_works_without_javascript(server, nojs_driver):
    nojs_driver.get(server + P + "/timeline")
    nojs_driver.find_element(By.ID, "kind-project").click()
    submit(nojs_driver)
    entries = nojs_driver.find_elements(By.CSS_SELECTOR, ".timeline__date")
    assert entries and all("Projects" in e.text for e in entries)
