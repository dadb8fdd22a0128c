"""The plan and the money (issue 15), as the people who use them would: the public reads spend
against plan; a member drafts a plan version, the chair signs it off and the funder accepts it;
the LTO records a tranche and a payment, reverses a mistake and imports a CSV. Every page is
checked with axe-core and at 320 px."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import assert_accessible, assert_fits, current_path, sign_in, submit

P = "/partnerships/fernhill-big-local-partnership"


def test_the_public_reads_spend_against_plan(driver, server):
    driver.get(server + P + "/money")
    assert_accessible(driver, P + "/money")
    assert_fits(driver, P + "/money")
    driver.set_window_size(1280, 900)
    assert "£1,100,000" in driver.find_element(By.CSS_SELECTOR, ".figures").text
    rows = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "main table tbody th[scope=row]")]
    assert "Green spaces" in rows and "2024" in rows
    # No payee or ledger line for the public.
    assert "Harbourside Youth Trust" not in driver.page_source
    driver.get(server + P + "/plan")
    assert_accessible(driver, P + "/plan")
    assert "The plan" in driver.find_element(By.TAG_NAME, "h1").text


def test_a_plan_version_is_drafted_signed_off_and_accepted(driver, fresh_server):
    sign_in(driver, fresh_server, "tom@fernhill.example")
    driver.get(fresh_server + P + "/plan")
    driver.find_element(By.LINK_TEXT, "Draft a new version").click()
    assert_accessible(driver, P + "/plan/draft")
    driver.find_element(By.ID, "changeSummary").send_keys("More for young people")
    submit(driver, "form[action$='/plan/draft'] button[type=submit]")
    assert_accessible(driver, P + "/plan/versions/4")
    assert "Draft, not yet signed off" in driver.page_source

    driver.delete_all_cookies()
    sign_in(driver, fresh_server, "ada@fernhill.example")
    driver.get(fresh_server + P + "/plan/versions/4")
    submit(driver, "form[action$='/sign-off'] button[type=submit]")
    assert "waiting for the funder" in driver.page_source

    driver.delete_all_cookies()
    sign_in(driver, fresh_server, "fatima@localtrust.example")
    driver.get(fresh_server + P + "/plan")
    submit(driver, "form[action$='/accept'] button[type=submit]")
    assert_accessible(driver, P + "/plan/versions/4")
    assert "Accepted by the funder" in driver.page_source


def test_the_lto_records_reverses_and_imports(driver, fresh_server, tmp_path):
    sign_in(driver, fresh_server, "joe@fernhilltrust.example")
    driver.get(fresh_server + P + "/money")
    # A tranche arrives.
    submit(driver, "form[action$='/received'] button[type=submit]")
    assert current_path(driver) == P + "/money"

    driver.find_element(By.LINK_TEXT, "Record money").click()
    assert_accessible(driver, P + "/money/entries/new")
    driver.find_element(By.CSS_SELECTOR, "input[name=kind][value=paid]").click()
    driver.find_element(By.ID, "amount").send_keys("-20")
    submit(driver, "form[action$='/entries/new'] button[type=submit]")
    assert_accessible(driver, "the refused entry", status=422)
    assert driver.find_elements(By.CSS_SELECTOR, ".error-summary a[href='#amount']")
    amount = driver.find_element(By.ID, "amount")
    amount.clear()
    amount.send_keys("480.25")
    driver.execute_script("document.getElementById('on').value = '2025-06-30'")
    Select(driver.find_element(By.ID, "priority")).select_by_visible_text("Small grants")
    driver.find_element(By.ID, "payee").send_keys("Brook Print")
    driver.find_element(By.ID, "reference").send_keys("FCT-BROWSER-1")
    driver.find_element(By.ID, "description").send_keys("Posters for the grants fair")
    submit(driver, "form[action$='/entries/new'] button[type=submit]")
    if driver.find_elements(By.ID, "confirmOverpay"):
        assert_accessible(driver, "the overpayment warning", status=422)
        driver.find_element(By.ID, "confirmOverpay").click()
        submit(driver, "form[action$='/entries/new'] button[type=submit]")
    assert_accessible(driver, P + "/money/ledger")
    assert "Posters for the grants fair" in driver.page_source

    # It was a mistake: reverse it.
    driver.find_element(By.CSS_SELECTOR, "form[action$='/reverse'] input[name=reason]").send_keys("Wrong invoice")
    submit(driver, "form[action$='/reverse'] button[type=submit]")
    assert "The entry has been reversed." in driver.page_source

    driver.get(fresh_server + P + "/money/import")
    assert_accessible(driver, P + "/money/import")
    driver.find_element(By.ID, "csv").send_keys(
        "date,kind,amount,priority,payee,reference,description\n"
        "2025-07-01,paid,15.00,Small grants,Brook Print,IMP-B1,Stamps\n"
        "2025-07-02,paid,oops,Small grants,Brook Print,IMP-B2,Envelopes\n")
    submit(driver, "form[action$='/money/import'] button[type=submit]")
    assert_accessible(driver, "the refused import", status=422)
    assert "Line 3: amount:" in driver.page_source
    csv = driver.find_element(By.ID, "csv")
    csv.clear()
    csv.send_keys("date,kind,amount,priority,payee,reference,description\n"
                  "2025-07-01,paid,15.00,Small grants,Brook Print,IMP-B1,Stamps\n")
    submit(driver, "form[action$='/money/import'] button[type=submit]")
    assert "1 entry imported" in driver.page_source

    # The LTO's own file, chosen in the file picker, goes through the same checks.
    path = tmp_path / "fernhill-trust-july.csv"
    path.write_text("date,kind,amount,priority,payee,reference,description\r\n"
                    "2025-07-03,paid,9.50,Small grants,Brook Print,IMP-F1,Tape\r\n"
                    "2025-07-04,paid,7.25,Small grants,Brook Print,IMP-F2,Pins\r\n")
    driver.get(fresh_server + P + "/money/import")
    driver.find_element(By.ID, "file").send_keys(str(path))
    submit(driver, "form[action$='/money/import'] button[type=submit]")
    assert "2 entries imported" in driver.page_source, driver.page_source[:2000]
    assert "Pins" in driver.page_source
    driver.get(fresh_server + P + "/money")
    assert_accessible(driver, P + "/money")


def test_the_chair_records_who_holds_the_money(driver, fresh_server):
    sign_in(driver, fresh_server, "ada@fernhill.example")
    driver.get(fresh_server + P + "/money")
    driver.find_element(By.LINK_TEXT, "Who holds the money").click()
    assert current_path(driver) == P + "/money/ltos"
    assert_accessible(driver, P + "/money/ltos")
    assert_fits(driver, P + "/money/ltos")
    # Without a decision the choice is refused, naming the field.
    Select(driver.find_element(By.ID, "organisation")).select_by_visible_text("Northgate Development Trust")
    driver.execute_script("document.getElementById('startsOn').value = '2026-01-01'")
    submit(driver, "form[action$='/money/ltos'] button[type=submit]")
    assert_accessible(driver, "the refused choice", status=422)
    assert driver.find_elements(By.CSS_SELECTOR, ".error-summary a[href='#decision']")
    Select(driver.find_element(By.ID, "decision")).select_by_index(1)
    submit(driver, "form[action$='/money/ltos'] button[type=submit]")
    assert "is recorded as holding the money from 1 January 2026" in driver.page_source
    row = driver.find_element(By.XPATH, "//tr[td[1][normalize-space()='Northgate Development Trust']]")
    assert "Holds the money" in row.text
    # Its end, on its own page.
    row.find_element(By.PARTIAL_LINK_TEXT, "Record its end").click()
    assert_accessible(driver, "the end of an LTO's holding")
    driver.execute_script("document.getElementById('endsOn').value = '2026-03-31'")
    Select(driver.find_element(By.ID, "decision")).select_by_index(1)
    submit(driver, "form[action*='/money/ltos/'] button[type=submit]")
    row = driver.find_element(By.XPATH, "//tr[td[1][normalize-space()='Northgate Development Trust']]")
    assert "Ended" in row.text and "31 March 2026" in row.text


def test_the_funder_sees_every_area_it_funds(driver, server):
    sign_in(driver, server, "fatima@localtrust.example")
    driver.get(server + "/organisations/local-trust")
    driver.find_element(By.LINK_TEXT, "The areas it funds, side by side").click()
    assert_accessible(driver, "/funders/local-trust")
    assert_fits(driver, "/funders/local-trust")
    driver.set_window_size(1280, 900)
    assert "Fernhill Big Local Partnership" in driver.find_element(By.CSS_SELECTOR, "main table").text
    driver.find_element(By.LINK_TEXT, "Paid").click()
    assert current_path(driver) == "/funders/local-trust?sort=paid&direction=ascending"
    assert_accessible(driver, "/funders/local-trust?sort=paid&direction=ascending")


def test_the_funder_keeps_the_schedule_and_a_member_reviews_the_year(driver, fresh_server):
    sign_in(driver, fresh_server, "fatima@localtrust.example")
    driver.get(fresh_server + P + "/money")
    assert_accessible(driver, P + "/money")
    # A payment outside the programme and of nothing is refused, each field named.
    driver.execute_script("document.getElementById('due').value = '2040-01-01'")
    driver.find_element(By.ID, "amount").send_keys("0")
    submit(driver, "form[action$='/money/tranches'] button[type=submit]")
    assert_accessible(driver, "the refused payment", status=422)
    assert driver.find_elements(By.CSS_SELECTOR, ".error-summary a[href='#due']")

    driver.delete_all_cookies()
    sign_in(driver, fresh_server, "tom@fernhill.example")
    driver.get(fresh_server + P + "/plan")
    driver.find_element(By.LINK_TEXT, "Review the year").click()
    assert_accessible(driver, P + "/plan/review")
    assert_fits(driver, P + "/plan/review")
