"""Everyone's work in one place (issue 14): each kind of person signs in and finds exactly what
the demo data leaves waiting for them, each line leading to a page where it can be done."""
import re

import pytest
from selenium.webdriver.common.by import By

from conftest import assert_accessible, assert_fits, current_path, sign_in

P = "/partnerships/fernhill-big-local-partnership"

# What the demo data leaves waiting for each person: (kind, title) in the order the page lists
# them (overdue first). Worked out from the demo data (Sources/RebalanceStore/Demo), not from
# what the page happens to show.
HOMEWORK_POLL = ("Poll", "Answer the poll “Which evening suits the homework club best?”")
HOMEWORK_PROPOSAL = ("Proposal", "Give your position on “Fund a homework club at St Anne's for a year (£3,600)”")
EXPECTED = {
    # The chair: version 1's review date (30 April 2025) long passed, Leah Brown's request to
    # join, and version 2 drafted but signed by neither side. She has answered the open poll and
    # proposal already. The plan's last review was for 2023, so 2025's is due.
    "ada@fernhill.example": [("Review", "Review the agreement: its review date has passed"),
                             ("Plan and money", "Write the annual review of the plan for 2025"),
                             ("Request to join", "Answer Leah Brown’s request to join"),
                             ("Signature", "Sign version 2 of the agreement for the partnership")],
    # A resident member: the homework-club poll and proposal, both closing within the fortnight.
    "tom@fernhill.example": [HOMEWORK_POLL, HOMEWORK_PROPOSAL],
    # The council officer named on the agreement: the same review, and the council's signature.
    "hannah@harbourside.example": [("Review", "Review the agreement: its review date has passed"),
                                   ("Signature", "Sign version 2 of the agreement for the council")],
    # A Parks officer: her team's two promises to Fernhill, both overdue.
    "beth@harbourside.example": [("Commitment", "Keep your team’s promise: Repair the playground fence"),
                                 ("Commitment", "Keep your team’s promise: Publish the tree survey")],
    # A Property officer: the asset-transfer enquiry his team holds, overdue.
    "raj@harbourside.example": [("Enquiry", "Answer the enquiry “Asset transfer of the community centre”")],
    # The LTO's representative sits on the partnership with a vote, and the trust waits for the
    # 2026 tranche, due on 1 April.
    "joe@fernhilltrust.example": [("Plan and money", "Record the tranche of £68,750 from the funder when it arrives"),
                                  HOMEWORK_POLL, HOMEWORK_PROPOSAL],
    # A resident who is not a member: nothing waits for her.
    "nadia@fernhill.example": [],
    # The council's administrator: every team holding an open enquiry has someone on it.
    "grace@harbourside.example": [],
}


def lines(driver):
    found = []
    for item in driver.find_elements(By.CSS_SELECTOR, "main .work-list__item"):
        kind = item.find_element(By.CSS_SELECTOR, ".tag").text.strip()
        link = item.find_element(By.CSS_SELECTOR, "a.work-list__title")
        found.append((kind, link.text.strip(), re.sub(r"^https?://[^/]+", "", link.get_attribute("href"))))
    return found


@pytest.mark.parametrize("email", list(EXPECTED))
def test_each_person_finds_their_work_and_can_do_it(driver, fresh_server, email):
    sign_in(driver, fresh_server, email)
    expected = EXPECTED[email]
    # Anyone with something to do starts from it; anyone else where they were going.
    assert current_path(driver) == ("/your-work" if expected else "/"), current_path(driver)
    driver.get(fresh_server + "/your-work")
    assert_accessible(driver, "/your-work")
    assert_fits(driver, "/your-work")
    shown = lines(driver)
    assert [(k, t) for k, t, _ in shown] == expected
    badge = driver.find_elements(By.CSS_SELECTOR, "header .count-badge")
    if expected:
        assert badge and badge[0].text.split()[0] == str(len(expected))
    else:
        assert not badge
        assert "Nothing is waiting for you" in driver.page_source
    # Each line leads to a page where the work is done, for this person.
    for kind, title, href in shown:
        driver.get(fresh_server + href)
        assert_accessible(driver, href)


def test_a_partnerships_pages_are_grouped_and_all_reachable_on_a_phone(driver, server):
    """The partnership navigation (issue 14, item 2): a home and three groups, every link shown
    and usable at 320 px, with no sideways scrolling."""
    sign_in(driver, server, "ada@fernhill.example")
    driver.get(server + P + "/commitments")
    assert_fits(driver, P + "/commitments")
    driver.set_window_size(320, 800)
    nav = driver.find_element(By.CSS_SELECTOR, "nav.sub-nav")
    labels = [e.text for e in nav.find_elements(By.CSS_SELECTOR, ".sub-nav__label")]
    assert labels == ["Trust", "Talking", "Deciding", "Money"]
    links = nav.find_elements(By.CSS_SELECTOR, "a")
    assert len(links) == 16, [a.text for a in links]
    hidden = [a.text for a in links if not a.is_displayed()]
    assert hidden == [], f"links hidden at 320 px: {hidden}"
    current = nav.find_elements(By.CSS_SELECTOR, "a[aria-current=page]")
    assert [a.text for a in current] == ["Commitments"]
    assert "sub-nav__group--current" in current[0].find_element(By.XPATH, "../../..").get_attribute("class")
    assert_accessible(driver, P + "/commitments")
