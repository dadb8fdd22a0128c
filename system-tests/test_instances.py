"""Two `rebalance serve` processes on different ports sharing one PostgreSQL database, as behind
a load balancer: one sign-in for both, each e-mail sent once, no stale public pages."""
import collections
import email
import threading
import time

import pytest
import requests
from aiosmtpd.controller import Controller

from conftest import csrf_headers, free_port, make_token, psql, sign_in

MESSAGES = 150


class Catcher:
    """An SMTP server on loopback that keeps every message it is handed."""

    def __init__(self):
        self.messages, self.lock = [], threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted"

    def received(self):
        with self.lock:
            return list(self.messages)


@pytest.fixture(scope="module")
def smtp():
    catcher = Catcher()
    controller = Controller(catcher, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield catcher, controller.port
    controller.stop()


@pytest.fixture(scope="module")
def pair(database, servers, smtp):
    """Started once for the module's tests, which each look at a different thing."""
    url = database("postgres")
    catcher, port = smtp
    common = {
        "SMTP_URL": f"smtp://127.0.0.1:{port}?security=none",
        "OUTBOX_INTERVAL": "0.2",
        # Kept pages would outlive the test: only word from the other instance can refresh them.
        "REBALANCE_PUBLIC_CACHE_SECONDS": "600",
    }
    a = servers(url, name="instance-a", demo=True, env=dict(common, MAIL_FROM="Instance A <a@rebalance.invalid>")).start()
    b = servers(url, name="instance-b", env=dict(common, MAIL_FROM="Instance B <b@rebalance.invalid>")).start()
    return url, a, b, catcher


def test_a_person_signed_in_on_one_instance_is_signed_in_on_the_other(pair):
    _, a, b, _ = pair
    on_a = sign_in(a.base, "ada@fernhill.example")
    # The same browser, sent to the other instance by the load balancer.
    on_b = requests.Session()
    on_b.cookies.update(on_a.cookies)
    me = on_b.get(b.base + "/api/v1/me", timeout=30)
    assert me.status_code == 200 and me.json()["email"] == "ada@fernhill.example", me.text[:300]
    # A form token shown by A is good for a change on B.
    made = on_b.post(b.base + "/api/v1/organisations", json={"name": "Made Across Instances", "kind": "community_group"},
                     headers=csrf_headers(on_a, a.base), timeout=30)
    assert made.status_code == 201, made.text[:300]
    # Signing out on B ends the session on A too: A may have kept the session in memory, and
    # drops it when it sees B's change, within its quarter-second poll (ADR 0036).
    out = on_b.post(b.base + "/sign-out", data={"csrf": csrf_headers(on_b, b.base)["X-CSRF-Token"]}, timeout=30,
                    allow_redirects=False)
    assert out.status_code == 303, out.text[:300]
    again = requests.Session()
    again.cookies.update(on_a.cookies)
    started = time.time()
    while again.get(a.base + "/api/v1/me", timeout=30).status_code != 401:
        assert time.time() - started < 2, "A still honours a session signed out on B after 2 s"
        time.sleep(0.05)


def test_each_message_is_sent_once_by_two_delivering_instances(pair):
    url, _, _, catcher = pair
    psql(url, f"""
        INSERT INTO outbox_messages (id, email, name, subject, body, kind, status, attempts, next_attempt_at, created_at)
        SELECT gen_random_uuid(), 'resident' || i || '@example.org', 'Resident ' || i, 'Both instances ' || i,
               'Hello.', 'notification', 'queued', 0, now(), now()
        FROM generate_series(1, {MESSAGES}) AS i
    """)
    deadline = time.time() + 90
    ours = []
    while time.time() < deadline:
        ours = [m for m in catcher.received() if m["Subject"].startswith("Both instances ")]
        if len(ours) >= MESSAGES:
            break
        time.sleep(0.2)
    # Long enough for either instance to send anything a second time.
    time.sleep(2)
    ours = [m for m in catcher.received() if m["Subject"].startswith("Both instances ")]
    twice = [k for k, n in collections.Counter(m["Message-ID"] for m in ours).items() if n > 1]
    assert not twice, f"{len(twice)} messages were sent more than once, e.g. {twice[:3]}"
    assert len({m["Subject"] for m in ours}) == MESSAGES, f"{len(ours)} of {MESSAGES} arrived"
    senders = collections.Counter(email.utils.parseaddr(m["From"])[1] for m in ours)
    # Both took part, so the claims really raced.
    assert set(senders) == {"a@rebalance.invalid", "b@rebalance.invalid"}, senders
    sent = psql(url, "SELECT count(*) FROM outbox_messages WHERE subject LIKE 'Both instances %' AND status = 'sent'", "-At")
    assert int(sent) == MESSAGES
    print(f"each of {MESSAGES} messages sent once: {dict(senders)}")


def test_a_page_kept_by_one_instance_is_refreshed_after_a_change_on_the_other(pair):
    url, a, b, _ = pair
    visitor = requests.Session()
    page = visitor.get(a.base + "/organisations", timeout=30)
    assert page.status_code == 200 and "Fernhill Allotment Society" in page.text
    # Renamed behind both instances' backs: A still shows the page it kept.
    psql(url, "UPDATE organisations SET name = 'Renamed Behind Its Back' WHERE name = 'Fernhill Allotment Society'")
    assert "Fernhill Allotment Society" in visitor.get(a.base + "/organisations", timeout=30).text

    token = make_token(b.base, sign_in(b.base, "tom@fernhill.example"), name="instances")
    made = requests.post(b.base + "/api/v1/organisations", json={"name": "Made On Instance B", "kind": "community_group"},
                         headers={"Authorization": "Bearer " + token}, timeout=30)
    assert made.status_code == 201, made.text[:300]
    changed_at = time.time()
    while time.time() - changed_at < 10:
        text = visitor.get(a.base + "/organisations", timeout=30).text
        if "Made On Instance B" in text:
            break
        time.sleep(0.05)
    waited = time.time() - changed_at
    assert "Made On Instance B" in text, "instance A still serves the page it kept before the change on B"
    assert "Renamed Behind Its Back" in text
    print(f"instance A refreshed its page {waited:.2f} s after the change on B")
