"""`rebalance backup` while a server writes, and `rebalance restore`, through the command line."""
import sqlite3
import threading
import uuid

import pytest
import requests

from conftest import make_token, pg_snapshot, run_cli, sign_in


def snapshot(url):
    if url.startswith("sqlite:"):
        with sqlite3.connect(url[len("sqlite:"):]) as db:
            tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
            return {t: sorted(repr(row) for row in db.execute(f'SELECT * FROM "{t}"')) for t in tables}
    return pg_snapshot(url)


def without_counter(tables):
    # Moved on by every restore, so that running servers notice (ADR 0032).
    return {name: rows for name, rows in tables.items() if name != "change_counters"}


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_backup_under_load_and_restore_give_back_every_table(kind, database, servers, tmp_path):
    source = database(kind)
    server = servers(source, name=f"backup-{kind}", demo=True).start()
    token = make_token(server.base, sign_in(server.base, "tom@fernhill.example"), name="backup")
    stop, written = threading.Event(), []

    def writer():
        session = requests.Session()
        session.headers["Authorization"] = "Bearer " + token
        while not stop.is_set():
            name = f"Backup load {uuid.uuid4().hex[:10]}"
            r = session.post(server.base + "/api/v1/organisations", json={"name": name, "kind": "community_group"}, timeout=30)
            if r.status_code == 201:
                written.append(r.json()["slug"])

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    try:
        online = tmp_path / "online.backup"
        run_cli("backup", str(online), "--database", source)
    finally:
        stop.set()
        thread.join(timeout=35)
    server.stop()
    assert written, "nothing was written while the backup ran"

    # Taken mid-write, it is still a whole database: it restores, with every table.
    from_online = database(kind)
    run_cli("restore", str(online), "--database", from_online)
    assert set(snapshot(from_online)) == set(snapshot(source))

    # With nothing writing, the restored copy is the original, row for row.
    final = tmp_path / "final.backup"
    run_cli("backup", str(final), "--database", source)
    refused = run_cli("backup", str(final), "--database", source, check=False)
    assert refused.returncode != 0 and "--overwrite" in refused.stderr + refused.stdout
    restored = database(kind)
    run_cli("restore", str(final), "--database", restored)
    original = snapshot(source)
    assert sum(len(rows) for rows in original.values()) > 200
    assert without_counter(snapshot(restored)) == without_counter(original)

    # A database holding data is not overwritten unless that is asked for.
    refused = run_cli("restore", str(final), "--database", source, check=False)
    assert refused.returncode != 0 and "--replace-existing-data" in refused.stderr + refused.stdout
    run_cli("restore", str(final), "--database", source, "--replace-existing-data")
    assert without_counter(snapshot(source)) == without_counter(original)

    # A server on the restored database serves what was written under load.
    again = servers(restored, name=f"restored-{kind}").start()
    for slug in (written[0], written[-1]):
        assert requests.get(f"{again.base}/api/v1/organisations/{slug}", timeout=30).status_code == 200
