"""Issue 14 as a resident who is not a member, a chair, a council officer and a council
administrator would meet it: asking to join and being answered, the council's entry changed only
by its administrator, the answer form only for the holding team, and the rough edges of the
meeting and commitment forms."""
import datetime

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import assert_accessible, assert_fits, current_path, sign_in, submit

P = "/partnerships/fernhill-big-local-partnership"
COUNCIL = "/organisations/harbourside-city-council"


def test_a_resident_asks_to_join_and_the_chair_answers(driver, fresh_server):
    sign_in(driver, fresh_server, "nadia@fernhill.example")
    driver.get(fresh_server + P)
    driver.find_element(By.LINK_TEXT, "Ask to join or be kept informed").click()
    assert_accessible(driver, P + "/join")
    assert_fits(driver, P + "/join")
    driver.set_window_size(1280, 900)
    # Nothing chosen: the summary names the field.
    submit(driver, "form[action$='/join'] button[type=submit]")
    assert_accessible(driver, "the refused request", status=422)
    assert driver.find_elements(By.CSS_SELECTOR, ".error-summary a[href='#kind']")
    driver.find_element(By.CSS_SELECTOR, "input[name=kind][value=join]").click()
    driver.find_element(By.ID, "livesInArea").click()
    driver.find_element(By.ID, "message").send_keys("I help at the school gate every morning.")
    submit(driver, "form[action$='/join'] button[type=submit]")
    assert current_path(driver) == P + "/join"
    assert "Waiting for the chair" in driver.page_source

    driver.delete_all_cookies()
    sign_in(driver, fresh_server, "ada@fernhill.example")
    driver.get(fresh_server + "/your-work")
    driver.find_element(By.PARTIAL_LINK_TEXT, "Answer Nadia Rahman’s request to join").click()
    assert_accessible(driver, P + "/requests/*")
    assert_fits(driver, "the request page")
    driver.set_window_size(1280, 900)
    assert "If you accept" in driver.page_source
    driver.find_element(By.CSS_SELECTOR, "input[name=decision][value=accept]").click()
    driver.find_element(By.ID, "reply").send_keys("Welcome! The next meeting is on the second Tuesday.")
    submit(driver, "form[action$='/answer'] button[type=submit]")
    assert_accessible(driver, P + "/requests")
    assert "Nadia Rahman is now a member." in driver.page_source

    driver.delete_all_cookies()
    sign_in(driver, fresh_server, "nadia@fernhill.example")
    driver.get(fresh_server + "/your-work")
    assert "The chair welcomed you as a member of Fernhill Big Local Partnership" in driver.page_source
    driver.get(fresh_server + P + "/write-to-the-chair")
    assert_accessible(driver, P + "/write-to-the-chair")


def test_only_the_council_administrator_changes_the_council(driver, server):
    sign_in(driver, server, "beth@harbourside.example")
    driver.get(server + COUNCIL)
    assert "Add a staff member" not in driver.page_source
    driver.get(server + COUNCIL + "/edit")
    assert_accessible(driver, COUNCIL + "/edit", status=403)

    driver.delete_all_cookies()
    sign_in(driver, server, "grace@harbourside.example")
    driver.get(server + COUNCIL)
    assert_accessible(driver, COUNCIL)
    assert_fits(driver, COUNCIL)
    driver.set_window_size(1280, 900)
    roles = [td.text for td in driver.find_elements(By.CSS_SELECTOR, "main table tbody tr td:nth-child(4)")]
    assert "Administrator" in roles and "Staff" in roles
    driver.find_element(By.LINK_TEXT, "Edit details").click()
    assert_accessible(driver, COUNCIL + "/edit")


def test_the_answer_form_is_only_for_the_holding_team(driver, server):
    northgate = "/partnerships/northgate-neighbours"
    sign_in(driver, server, "raj@harbourside.example")
    driver.get(server + "/your-work")
    driver.find_element(By.PARTIAL_LINK_TEXT, "Asset transfer of the community centre").click()
    enquiry = current_path(driver)
    assert enquiry.startswith(northgate + "/enquiries/")
    assert driver.find_elements(By.ID, "answer")

    driver.delete_all_cookies()
    sign_in(driver, server, "beth@harbourside.example")
    driver.get(server + enquiry)
    assert_accessible(driver, enquiry)
    assert not driver.find_elements(By.ID, "answer")
    assert "This enquiry is with Property and Estates" in driver.page_source


def test_the_meeting_form_shows_repeat_fields_only_when_repeating(driver, server):
    sign_in(driver, server, "ada@fernhill.example")
    driver.get(server + P + "/meetings/new")
    assert_accessible(driver, P + "/meetings/new")
    repeats = ["interval", "weekday", "weekOfMonth", "dayOfMonth", "until", "count"]
    assert [f for f in repeats if driver.find_element(By.ID, f).is_displayed()] == []
    Select(driver.find_element(By.ID, "repeats")).select_by_value("weekly")
    assert [f for f in repeats if not driver.find_element(By.ID, f).is_displayed()] == []

    # A date in the past is refused for a new meeting; the error summary says what to do.
    Select(driver.find_element(By.ID, "repeats")).select_by_value("never")
    driver.find_element(By.ID, "title").send_keys("Catch-up")
    past = (datetime.date.today() - datetime.timedelta(days=10)).isoformat()
    driver.execute_script("document.getElementById('startsOn').value = arguments[0]", past)
    for field, value in (("startTime", "7pm"), ("endTime", "8pm")):
        driver.find_element(By.ID, field).clear()
        driver.find_element(By.ID, field).send_keys(value)
    submit(driver, "form[action$='/meetings/new'] button[type=submit]")
    assert_accessible(driver, "the refused past meeting", status=422)
    assert "This meeting has already happened" in driver.find_element(By.CSS_SELECTOR, ".error-summary").text
    # Reloading the refused page's address leads back to a page, not an error.
    driver.get(server + P + "/meetings/new")
    assert current_path(driver) == P + "/meetings/new"


# Parks' two overdue promises are what this warns about: the module's own server, so a test
# elsewhere that records one delivered cannot take the warning away.
def test_the_over_promise_warning_sits_beside_its_confirmation(driver, fresh_server):
    sign_in(driver, fresh_server, "beth@harbourside.example")
    driver.get(fresh_server + P + "/commitments/new")
    driver.find_element(By.ID, "title").send_keys("Plant the orchard")
    def choose(field, starting):
        select = Select(driver.find_element(By.ID, field))
        select.select_by_visible_text(next(o.text for o in select.options if o.text.startswith(starting)))
    choose("owner", "Parks and Green Spaces")
    choose("recipient", "Fernhill Big Local Partnership")
    due = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    driver.execute_script("document.getElementById('dueOn').value = arguments[0]", due)
    submit(driver, "form[action$='/commitments/new'] button[type=submit]")
    assert_accessible(driver, "the over-promise warning", status=422)
    assert not driver.find_elements(By.CSS_SELECTOR, ".error-summary")
    warning = driver.find_element(By.CSS_SELECTOR, ".warning-text")
    assert "overdue" in warning.text
    # The confirmation comes straight after the party it warns about.
    ids = [e.get_attribute("id") for e in driver.find_elements(By.CSS_SELECTOR, "main form [id]")]
    assert ids.index("owner") < ids.index("confirmOverPromise") < ids.index("recipient")
