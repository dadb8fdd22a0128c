"""Meetings, minutes, the communication plan and news, walked through in Chromium with axe-core."""
import datetime
import urllib.request

from icalendar import Calendar
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import assert_accessible, assert_fits, sign_in, submit

PARTNERSHIP = "/partnerships/fernhill-big-local-partnership"


def check(driver, path, status=200):
    assert_accessible(driver, path, status)
    assert_fits(driver, path)


def fill(driver, field_id, text):
    element = driver.find_element(By.ID, field_id)
    element.clear()
    element.send_keys(text)


def test_schedule_a_meeting_publish_minutes_and_record_an_action(server, driver):
    sign_in(driver, server, "tom@fernhill.example")
    driver.get(server + PARTNERSHIP + "/meetings")
    check(driver, "meetings")
    driver.find_element(By.LINK_TEXT, "Schedule a meeting").click()
    check(driver, "new meeting")
    yesterday = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
    Select(driver.find_element(By.ID, "kind")).select_by_value("open_community")
    fill(driver, "title", "Park clean-up")
    fill(driver, "location", "Park gates")
    driver.execute_script("document.getElementById('startsOn').value = arguments[0]", yesterday)
    fill(driver, "startTime", "10:00")
    fill(driver, "endTime", "09:00")
    # It took place yesterday: recorded as having happened, so nobody is sent a notice.
    driver.find_element(By.ID, "alreadyHappened").click()
    submit(driver)
    # The end before the start is named in the error summary, linked to its field.
    summary = driver.find_element(By.CSS_SELECTOR, ".error-summary")
    assert "end" in summary.text.lower()
    check(driver, "new meeting with errors", 422)
    fill(driver, "endTime", "12:00")
    submit(driver)
    assert "Park clean-up" in driver.page_source
    driver.find_element(By.PARTIAL_LINK_TEXT, "Park clean-up").click()
    check(driver, "meeting page")
    driver.find_element(By.LINK_TEXT, "Write the minutes").click()
    check(driver, "minutes form")
    driver.find_element(By.CSS_SELECTOR, "input[name='attended[]']").click()
    fill(driver, "decisions", "Two new bins by the gates; Parks to confirm.")
    fill(driver, "wentBadly", "Fewer people came than last time; the notice went up late.")
    driver.find_element(By.ID, "publish").click()
    submit(driver)
    meeting_url = driver.current_url
    assert "Two new bins by the gates" in driver.page_source
    # An action from the minutes goes into the commitments register.
    check(driver, "meeting page with minutes")
    fill(driver, "title", "Order two bins for the park gates")
    Select(driver.find_element(By.ID, "owner")).select_by_visible_text("Tom Price (person)")
    driver.execute_script("document.getElementById('dueOn').value = arguments[0]",
                          (datetime.date.today() + datetime.timedelta(days=14)).isoformat())
    submit(driver, "form[action$='/actions'] button[type=submit]")
    assert "Order two bins for the park gates" in driver.find_element(By.ID, "actions").find_element(By.XPATH, "following-sibling::table").text
    driver.get(server + PARTNERSHIP + "/commitments")
    assert "Order two bins for the park gates" in driver.page_source
    driver.find_element(By.LINK_TEXT, "Order two bins for the park gates").click()
    assert "Park clean-up" in driver.find_element(By.CSS_SELECTOR, ".summary-list").text
    # A visitor sees the published minutes, and the page prints without its forms.
    driver.delete_all_cookies()
    driver.get(meeting_url)
    assert "Fewer people came than last time" in driver.page_source
    check(driver, "meeting page, visitor")


def test_the_calendar_feed_is_valid_icalendar_with_cancellations(server):
    with urllib.request.urlopen(server + PARTNERSHIP + "/meetings.ics") as r:
        assert r.headers["Content-Type"].startswith("text/calendar")
        calendar = Calendar.from_ical(r.read())
    timezones = [c for c in calendar.walk("VTIMEZONE")]
    assert [str(t["TZID"]) for t in timezones] == ["Europe/London"]
    events = calendar.walk("VEVENT")
    assert len(events) > 10
    assert len({str(e["UID"]) for e in events}) == len(events)
    cancelled = [e for e in events if str(e.get("STATUS")) == "CANCELLED"]
    assert cancelled, "the demo's flooded meeting should be in the feed as cancelled"
    start = events[0].decoded("DTSTART")
    assert str(start.tzinfo) in ("Europe/London", "tzfile('Europe/London')") or start.tzinfo is not None


def test_the_chair_keeps_the_plan_and_posts_news(server, driver):
    sign_in(driver, server, "ada@fernhill.example")
    driver.get(server + PARTNERSHIP + "/communication-plan")
    check(driver, "communication plan")
    Select(driver.find_element(By.ID, "stakeholder")).select_by_visible_text("Tom Price (Resident)")
    Select(driver.find_element(By.ID, "level")).select_by_value("regular")
    Select(driver.find_element(By.ID, "channel")).select_by_value("phone")
    submit(driver, "form[action$='/communication-plan/entries'] button[type=submit]")
    assert driver.find_element(By.CSS_SELECTOR, ".error-summary a[href='#phone']")
    check(driver, "communication plan with errors", 422)
    fill(driver, "phone", "01632 960 001")
    submit(driver, "form[action$='/communication-plan/entries'] button[type=submit]")
    assert "01632 960 001" in driver.page_source
    driver.get(server + PARTNERSHIP + "/updates")
    check(driver, "news")
    driver.find_element(By.LINK_TEXT, "Write news").click()
    check(driver, "write news")
    fill(driver, "title", "Bins at the park")
    fill(driver, "body", "# New bins\n\nTwo **new bins** arrive next week. <script>alert(1)</script>")
    submit(driver)
    assert driver.find_element(By.CSS_SELECTOR, ".prose strong").text == "new bins"
    assert not driver.find_elements(By.CSS_SELECTOR, ".prose script")
    check(driver, "news post")


def test_a_handover_note_and_its_form_are_accessible(server, driver):
    sign_in(driver, server, "hannah@harbourside.example")
    driver.get(server + PARTNERSHIP)
    driver.find_element(By.PARTIAL_LINK_TEXT, "Hand over").click()
    check(driver, "handover form")
    # The demo's earlier handover, from Martin Lowe to Hannah Reid, with the relationship's recent history.
    driver.get(server + PARTNERSHIP)
    driver.find_element(By.PARTIAL_LINK_TEXT, "Martin Lowe to Hannah Reid").click()
    assert "Recently in the relationship" in driver.page_source
    check(driver, "handover note")
