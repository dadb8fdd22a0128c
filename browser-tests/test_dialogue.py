"""Meetings, minutes, the communication plan and news, walked through in Chromium with axe-core."""
import datetime
import urllib.request

from icalendar import Calendar
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import assert_accessible, assert_fits, sign_in, submit

PARTNERSHIP = "/partnerships/fernhill-big-local-partnership"


def check(driver, path):
    assert_accessible(driver, path)
    assert_fits(driver, path)


def fill(driver, field_id, text):
    element = driver.find_element(By.ID, field_id)
    element.clear()
    element.send_keys(text)


def test_schedule_a_meeting_set_its_agenda_and_publish_minutes(server, driver):
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
    submit(driver)
    # The end before the start is named in the error summary, linked to its field.
    summary = driver.find_element(By.CSS_SELECTOR, ".error-summary")
    assert "end" in summary.text.lower()
    check(driver, "new meeting with errors")
    fill(driver, "endTime", "12:00")
    submit(driver)
    assert "Park clean-up" in driver.page_source
    driver.find_element(By.PARTIAL_LINK_TEXT, "Park clean-up").click()
    check(driver, "meeting page")
    fill(driver, "title", "Where to put the new bins")
    submit(driver, "form[action$='/agenda'] button[type=submit]")
    assert "Where to put the new bins" in driver.page_source
    driver.find_element(By.LINK_TEXT, "Write the minutes").click()
    check(driver, "minutes form")
    driver.find_element(By.CSS_SELECTOR, "input[name='attended[]']").click()
    fill(driver, "decisions", "Two new bins by the gates; Parks to confirm.")
    fill(driver, "wentBadly", "Fewer people came than last time; the notice went up late.")
    driver.find_element(By.ID, "publish").click()
    submit(driver)
    meeting_url = driver.current_url
    assert "Two new bins by the gates" in driver.page_source
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
    check(driver, "communication plan with errors")
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
