"""Deciding together in a real browser: a consensus proposal is blocked with a reason, revised,
agreed by everyone and closed, then read in the decision log and the timeline; members vote in
the demo's polls; every page visited passes axe-core, has one h1 and fits 320 px."""
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import assert_accessible, assert_fits, sign_in, submit

NORTHGATE = "/partnerships/northgate-neighbours"
FERNHILL = "/partnerships/fernhill-big-local-partnership"


def check(driver, label, status=200):
    assert_accessible(driver, label, status)
    assert_fits(driver, label)


def sign_out(driver):
    submit(driver, ".site-header form button")


def path(driver):
    return re.sub(r"^https?://[^/]+", "", driver.current_url)


def take_position(driver, server, proposal, position, reason=""):
    driver.get(server + proposal)
    driver.find_element(By.CSS_SELECTOR, f"input[name=position][value={position}]").click()
    box = driver.find_element(By.ID, "reason")
    box.clear()
    if reason:
        box.send_keys(reason)
    submit(driver, "form.position-form button[type=submit]")


def test_a_blocked_proposal_is_revised_and_reaches_consensus(server, driver):
    sign_in(driver, server, "owen@northgate.example")
    driver.get(server + NORTHGATE + "/proposals")
    check(driver, "proposals list")
    driver.find_element(By.LINK_TEXT, "Put a proposal").click()
    check(driver, "new proposal form")
    submit(driver)
    assert "There is a problem" in driver.page_source
    assert "Enter a title for the proposal" in driver.page_source
    check(driver, "new proposal form with errors", 422)
    driver.find_element(By.ID, "title").send_keys("Close Depot Lane to traffic on Sunday afternoons")
    driver.find_element(By.ID, "details").send_keys("So children can play out, from May to September.")
    submit(driver)
    assert "Your proposal is open" in driver.page_source
    check(driver, "proposal page")
    first = path(driver)
    sign_out(driver)

    # Nadia blocks; without a reason she is asked for one.
    sign_in(driver, server, "nadia@fernhill.example")
    take_position(driver, server, first, "block")
    assert "Give a reason for blocking" in driver.page_source
    check(driver, "position refused", 422)
    take_position(driver, server, first, "block", "Buses use Depot Lane on Sundays; the closure needs a diversion first.")
    assert "Your position has been recorded" in driver.page_source
    assert "it would be blocked" in driver.page_source
    sign_out(driver)

    # Owen revises it to meet the block; the original is replaced.
    sign_in(driver, server, "owen@northgate.example")
    driver.get(server + first)
    driver.find_element(By.LINK_TEXT, "Revise it").click()
    check(driver, "revision form")
    assert Select(driver.find_element(By.ID, "revisionOf")).first_selected_option.text.startswith("Close Depot Lane")
    title = driver.find_element(By.ID, "title")
    title.clear()
    title.send_keys("Close Depot Lane on Sunday afternoons once buses are diverted")
    submit(driver)
    second = path(driver)
    assert "Revises" in driver.page_source
    take_position(driver, server, second, "agree")
    sign_out(driver)

    for email in ["nadia@fernhill.example", "dennis@harbourside.example"]:
        sign_in(driver, server, email)
        take_position(driver, server, second, "agree", "The diversion answers the buses." if email.startswith("nadia") else "")
        sign_out(driver)

    # Everyone who can take part has: Owen closes it, and it has passed by consensus.
    sign_in(driver, server, "owen@northgate.example")
    driver.get(server + second)
    check(driver, "proposal ready to close")
    submit(driver, "#close")
    assert "Passed by consensus" in driver.page_source
    check(driver, "closed proposal")
    driver.find_element(By.ID, "statement").send_keys("The lane closes from May, once the bus company confirms the diversion.")
    submit(driver, "form[action$='/outcome'] button[type=submit]")
    assert "The outcome statement is in the decision log" in driver.page_source

    # The decision log, for anyone: both proposals, the second passed and linked to the first.
    sign_out(driver)
    driver.get(server + NORTHGATE + "/decisions")
    check(driver, "decision log")
    assert "Withdrawn" in driver.page_source and "Passed" in driver.page_source
    driver.find_element(By.LINK_TEXT, "Close Depot Lane on Sunday afternoons once buses are diverted").click()
    check(driver, "decision page")
    assert "Revises" in driver.page_source
    assert "once the bus company confirms the diversion" in driver.page_source
    driver.get(server + NORTHGATE + "/timeline")
    check(driver, "timeline")
    assert "Consensus: Close Depot Lane on Sunday afternoons once buses are diverted – passed" in driver.page_source


def test_members_vote_in_polls_of_every_kind(server, driver):
    sign_in(driver, server, "tom@fernhill.example")
    driver.get(server + FERNHILL + "/polls")
    check(driver, "polls list")
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "main table a")]
    assert len(links) >= 6
    for link in links:
        driver.get(link)
        check(driver, "poll " + link)
    # The open poll: vote, then change the vote.
    driver.get(server + FERNHILL + "/polls")
    driver.find_element(By.LINK_TEXT, "Which evening suits the homework club best?").click()
    driver.find_element(By.CSS_SELECTOR, "input[name=choices][value='1']").click()
    submit(driver, "#ballot button[type=submit]")
    assert "Your vote has been recorded" in driver.page_source
    check(driver, "poll after voting")
    driver.find_element(By.CSS_SELECTOR, "input[name=choices][value='3']").click()
    submit(driver, "#ballot button[type=submit]")
    assert "Your vote has been changed" in driver.page_source
    # Starting a ranked-choice poll and ranking with a repeat is refused, with the reason.
    driver.get(server + FERNHILL + "/polls/new")
    check(driver, "new poll form")
    driver.find_element(By.ID, "title").send_keys("Which project next?")
    driver.find_element(By.CSS_SELECTOR, "input[name=kind][value=ranked_choice]").click()
    driver.find_element(By.ID, "options").send_keys("Play area\nCommunity kitchen\nTree planting")
    submit(driver)
    assert "The poll is open" in driver.page_source
    Select(driver.find_element(By.ID, "choices")).select_by_visible_text("Tree planting")
    Select(driver.find_element(By.ID, "choices-1")).select_by_visible_text("Tree planting")
    submit(driver, "#ballot button[type=submit]")
    assert "more than once" in driver.page_source
    check(driver, "ranked ballot refused", 422)
    # Tom started it, so he may close it and say what happens next.
    submit(driver, "#close")
    assert "The poll is closed" in driver.page_source
    check(driver, "closed poll")
    driver.find_element(By.ID, "statement").send_keys("No votes yet: we will ask again at the next meeting.")
    submit(driver, "form[action$='/outcome'] button[type=submit]")
    assert "The outcome statement is in the decision log" in driver.page_source
    assert "we will ask again at the next meeting" in driver.page_source


def test_a_proposer_withdraws_a_proposal_with_a_reason(server, driver):
    sign_in(driver, server, "ada@fernhill.example")
    driver.get(server + FERNHILL + "/proposals/new")
    driver.find_element(By.ID, "title").send_keys("Move the summer fun day to August")
    driver.find_element(By.CSS_SELECTOR, "input[name=process][value=consent]").click()
    submit(driver)
    driver.find_element(By.CSS_SELECTOR, "#manage ~ details summary").click()
    check(driver, "withdrawal form open")
    driver.find_element(By.ID, "withdrawalReason").send_keys("The park is booked in August.")
    submit(driver, "form[action$='/withdraw'] button[type=submit]")
    assert "The proposal has been withdrawn" in driver.page_source
    assert "The park is booked in August." in driver.page_source
    check(driver, "withdrawn proposal")


def test_taking_a_position_works_without_javascript(server, nojs_driver):
    driver = nojs_driver
    sign_in(driver, server, "ada@fernhill.example")
    driver.get(server + FERNHILL + "/proposals")
    driver.find_element(By.PARTIAL_LINK_TEXT, "Fund a homework club").click()
    assert len(driver.find_elements(By.TAG_NAME, "h1")) == 1
    assert "Not taking part under the decision rules" in driver.page_source
    driver.find_element(By.CSS_SELECTOR, "input[name=position][value=abstain]").click()
    submit(driver, "form.position-form button[type=submit]")
    assert "Your position has been changed" in driver.page_source
    # The declare-an-interest form sits in a details element, which opens without scripts.
    driver.find_element(By.CSS_SELECTOR, "details summary").click()
    assert driver.find_element(By.ID, "interest").is_displayed()


def test_the_agreement_sets_the_decision_rules(server, driver):
    sign_in(driver, server, "ada@fernhill.example")
    driver.get(server + FERNHILL + "/agreement/draft")
    check(driver, "agreement draft with decision rules")
    assert driver.find_element(By.ID, "majority").get_attribute("value") == "at least 2/3"
    assert driver.find_element(By.CSS_SELECTOR, "input[value='funding:councillor']").is_selected()
    majority = driver.find_element(By.ID, "majority")
    majority.clear()
    majority.send_keys("at least 1/2")
    submit(driver)
    assert "would let a tie pass" in driver.page_source
    check(driver, "agreement draft refused", 422)
