"""Every write the API acknowledged survives the server being killed outright (SIGKILL) mid-load."""
import threading
import time
import uuid

import pytest
import requests

from conftest import make_token, sign_in

WRITERS = 12
# Enough acknowledged writes before the kill that losing any recent ones would show.
BEFORE_KILL = 150
MEMBERS = ["ada@fernhill.example", "tom@fernhill.example", "nadia@fernhill.example", "beth@harbourside.example"]


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_every_acknowledged_write_survives_sigkill(kind, database, servers):
    server = servers(database(kind), name=f"durability-{kind}", demo=True).start()
    tokens = [make_token(server.base, sign_in(server.base, email), name="durability") for email in MEMBERS]

    acknowledged, refused, lock = [], [], threading.Lock()
    in_flight = [0]
    stop = threading.Event()

    def writer(number):
        # Any signed-in person may add an organisation; each name is new, so each is one new row.
        session = requests.Session()
        session.headers["Authorization"] = "Bearer " + tokens[number % len(tokens)]
        count = 0
        while not stop.is_set():
            name = f"Durability {number}-{count} {uuid.uuid4().hex[:10]}"
            count += 1
            with lock:
                in_flight[0] += 1
            try:
                r = session.post(server.base + "/api/v1/organisations", json={"name": name, "kind": "community_group"}, timeout=30)
            except requests.RequestException:
                time.sleep(0.05)  # the server is gone: nothing was acknowledged
                continue
            finally:
                with lock:
                    in_flight[0] -= 1
            with lock:
                if 200 <= r.status_code < 300:
                    acknowledged.append((r.json()["slug"], name))
                else:
                    refused.append((r.status_code, r.text[:200]))

    threads = [threading.Thread(target=writer, args=(i,), daemon=True) for i in range(WRITERS)]
    for t in threads:
        t.start()
    deadline = time.time() + 90
    while len(acknowledged) < BEFORE_KILL and time.time() < deadline:
        time.sleep(0.05)
    with lock:
        busy_at_kill = in_flight[0]
    server.kill()
    time.sleep(0.3)
    stop.set()
    for t in threads:
        t.join(timeout=35)

    assert len(acknowledged) >= BEFORE_KILL, f"only {len(acknowledged)} writes acknowledged in 90 s; refused: {refused[:5]}"
    assert busy_at_kill > 0, "the server was killed between requests, not under load"
    assert not refused, f"writes refused before the kill: {refused[:5]}"

    server.start()
    missing = []
    reader = requests.Session()
    for slug, name in acknowledged:
        r = reader.get(f"{server.base}/api/v1/organisations/{slug}", timeout=30)
        if r.status_code != 200 or r.json().get("name") != name:
            missing.append((slug, r.status_code))
    assert not missing, f"{len(missing)} of {len(acknowledged)} acknowledged writes are gone after SIGKILL: {missing[:5]}"
    print(f"{kind}: {len(acknowledged)} acknowledged writes, {busy_at_kill} in flight at the kill, all present after restart")
