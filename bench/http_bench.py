#!/usr/bin/env python3
"""What people do, measured: every page type, anonymous and signed in, on SQLite and PostgreSQL.

Run by `bench/http` (which builds the release binary once); on demand, never in CI. For each
database it loads the scale data (`rebalance demo --scale N`), starts the server, signs in as a
partnership member and as council staff, finds real addresses by following the site's own
links, and runs wrk at 64 connections against each: /health first, as the peer every other row
is a ratio of. One table per database; exit status 1 if any target is missed.

Targets (2-core machine): pages p99 < 50 ms and at least 30% of /health's throughput; writes
p99 < 100 ms; the server under 300 MB resident at the end.
"""
import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "browser-tests"))
from api_session import csrf_headers, make_token, sign_in  # noqa: E402

PAGE_P99_MS, WRITE_P99_MS, MIN_RATIO, MAX_RSS_MB = 50.0, 100.0, 0.30, 300.0
# Signed-in accounts of the generated data: a member of several partnerships and a council officer
# (printed by `rebalance demo --scale`); overridable for other data sets.
MEMBER = os.environ.get("BENCH_MEMBER", "scale.member@rebalance.example")
STAFF = os.environ.get("BENCH_STAFF", "scale.officer@rebalance.example")
PASSWORD = os.environ.get("BENCH_PASSWORD", "fernhill-demo-2026")
UUID = r"[0-9a-fA-F-]{36}"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(base, process, seconds=600):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server stopped (exit {process.returncode})")
        try:
            if requests.get(base + "/health", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise SystemExit("the server did not answer /health")


class Postgres:
    """A throwaway PostgreSQL on loopback, run as the postgres user when we are root."""

    def __init__(self, work):
        initdb = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
        if not initdb:
            raise SystemExit("PostgreSQL is not installed (apt-get install postgresql)")
        self.bin = initdb[-1].parent
        self.dir = Path(work) / "pg"
        # Kept from an earlier run (--keep): start the cluster again rather than make a new one.
        self.existing = (self.dir / "data").exists()
        self.dir.mkdir(exist_ok=True)
        os.chmod(work, 0o755)
        self.port = int((self.dir / "port").read_text()) if self.existing else free_port()
        (self.dir / "port").write_text(str(self.port))
        self.as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")

    def start(self):
        if not self.existing:
            subprocess.run(self.as_pg + [str(self.bin / "initdb"), "-D", str(self.dir / "data"), "-A", "trust", "-U", "postgres"],
                           check=True, stdout=subprocess.DEVNULL)
        subprocess.run(self.as_pg + [str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-l", str(self.dir / "log"), "-w",
                                     "-o", f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c max_connections=200",
                                     "start"], check=True, stdout=subprocess.DEVNULL)
        if not self.existing:
            subprocess.run(self.as_pg + [str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "rebalance"],
                           check=True)
        return f"postgres://postgres@127.0.0.1:{self.port}/rebalance"

    def stop(self):
        subprocess.run(self.as_pg + [str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "fast", "stop"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def first_link(session, base, page, pattern):
    """The first address on `page` matching `pattern`: the site's own links, so nothing is guessed."""
    r = session.get(base + page, timeout=60)
    r.raise_for_status()
    found = re.search(r'href="(' + pattern + r')"', r.text)
    if not found:
        raise SystemExit(f"no link matching {pattern} on {page}")
    return found.group(1)


def plan(base, member, staff, member_email):
    """The rows of the table: (label, path, who) with who in anonymous / member / staff / token."""
    me = member.get(base + "/api/v1/me", timeout=30).json()
    slugs = sorted(m["partnership"]["slug"] for m in me["memberships"])
    if not slugs:
        raise SystemExit(f"{member_email} is a member of no partnership")
    slug = slugs[0]
    p = f"/partnerships/{slug}"
    area = first_link(member, base, p, r"/areas/[a-z0-9-]+")
    council = first_link(staff, base, "/organisations", r"/organisations/[a-z0-9-]*council[a-z0-9-]*")
    council_slug = council.split("/")[2]
    rows = [("health", "/health", "anonymous"), ("health", "/health", "member")]
    public = [("home (areas)", "/"), ("area", area), ("partnership", p), ("timeline", p + "/timeline"),
              ("accountability", p + "/accountability"), ("commitments", p + "/commitments"),
              ("commitment", first_link(member, base, p + "/commitments", p + "/commitments/" + UUID)),
              ("projects", p + "/projects"), ("project", first_link(member, base, p + "/projects", p + "/projects/" + UUID)),
              ("meetings", p + "/meetings"),
              ("meeting", first_link(member, base, p + "/meetings", p + r"/meetings/[a-z0-9-]+/\d{4}-\d\d-\d\d")),
              ("news", p + "/updates"), ("news item", first_link(member, base, p + "/updates", p + "/updates/" + UUID)),
              ("decisions", p + "/decisions"),
              ("decision", first_link(member, base, p + "/decisions", p + "/decisions/" + UUID)),
              ("agreement", p + "/agreement"), ("organisations", "/organisations"),
              ("council", council), ("commitments.csv", p + "/commitments.csv"), ("decisions.csv", p + "/decisions.csv")]
    for label, path in public:
        rows.append((label, path, "anonymous"))
        rows.append((label, path, "member"))
    members_only = [("account", "/account"), ("health check", p + "/health-check"), ("proposals", p + "/proposals"),
                    ("proposal", first_link(member, base, p + "/proposals", p + "/proposals/" + UUID)),
                    ("polls", p + "/polls"), ("poll", first_link(member, base, p + "/polls", p + "/polls/" + UUID)),
                    ("enquiries", p + "/enquiries"),
                    ("enquiry", first_link(member, base, p + "/enquiries", p + "/enquiries/" + UUID)),
                    ("audit log", p + "/audit"), ("your work", "/your-work")]
    rows += [(label, path, "member") for label, path in members_only]
    rows += [("health check, all areas", "/health-check", "staff"), ("council enquiry statistics", f"/councils/{council_slug}/enquiries/statistics", "staff"),
             ("council directory", f"/councils/{council_slug}/directory", "staff"),
             ("partnership", p, "staff"), ("enquiries", p + "/enquiries", "staff"), ("your work", "/your-work", "staff"),
             ("council inbox", f"/councils/{council_slug}/enquiries", "staff")]
    rows += [("API partnerships", "/api/v1/partnerships", "token"), ("API commitments", f"/api/v1/partnerships/{slug}/commitments", "token"),
             ("API timeline", f"/api/v1/partnerships/{slug}/timeline", "token"), ("API me", "/api/v1/me", "token"),
             ("API your work", "/api/v1/me/work", "token")]
    return slug, rows


def headers_for(who, cookies):
    return {"anonymous": {}, "member": {"Cookie": cookies["member"]}, "staff": {"Cookie": cookies["staff"]},
            "token": {"Authorization": "Bearer " + cookies["token"]}}[who]


def cookie_header(session):
    return "; ".join(f"{c.name}={c.value}" for c in session.cookies)


WRK_POST = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
counter = 0
request = function()
  counter = counter + 1
  local body = "csrf=%s&title=Bench+note+" .. counter .. "&body=Written+by+the+benchmark+to+measure+a+write."
  return wrk.format(nil, nil, nil, body)
end
"""


def run_wrk(base, path, headers, seconds, work, script=None):
    args = ["wrk", "-t2", "-c64", f"-d{seconds}s", "--latency"]
    for k, v in headers.items():
        args += ["-H", f"{k}: {v}"]
    if script:
        args += ["-s", script]
    subprocess.run(args[:4] + ["-d2s"] + args[5:] + [base + path], stdout=subprocess.DEVNULL, check=True)  # warm up
    out = subprocess.run(args + [base + path], capture_output=True, text=True, check=True).stdout

    def ms(q):
        m = re.search(rf"\b{q}%\s+([\d.]+)(us|ms|s)\b", out)
        return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)] if m else float("nan")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: .*", out)
    return {"rps": rps, "p50": ms(50), "p99": ms(99), "bad": int(bad.group(1)) if bad else 0,
            "socket": errors.group(0) if errors else ""}


def drain(base, limit_seconds=120):
    """Waits until the server answers /health promptly again. wrk stops sending when a row ends,
    but the server still works through requests queued on connections wrk has closed; without
    this a slow row would leave its backlog to be counted against the next one."""
    deadline = time.time() + limit_seconds
    while time.time() < deadline:
        started = time.time()
        try:
            requests.get(base + "/health", timeout=limit_seconds)
        except requests.RequestException:
            pass
        if time.time() - started < 0.02:
            return
        time.sleep(0.2)


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def bench_database(kind, args, binary, work):
    pg = None
    env = dict(os.environ, LOG_LEVEL="warning", REBALANCE_BCRYPT_COST="10", OUTBOX_INTERVAL="30")
    if kind == "postgres":
        pg = Postgres(work)
        url = pg.start()
    else:
        url = f"sqlite:{work}/bench.sqlite"
    try:
        started = time.time()
        scale = ["--scale", str(args.scale)] if args.scale else []
        subprocess.run([binary, "demo", *scale, "--database", url], cwd=work, env=env, check=True, stdout=subprocess.DEVNULL)
        load_seconds = time.time() - started
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = open(Path(work) / f"server-{kind}.log", "w")
        server = subprocess.Popen([binary, "serve", "--port", str(port), "--database", url], cwd=work, env=env,
                                  stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_healthy(base, server)
            member, staff = sign_in(base, args.member, PASSWORD), sign_in(base, args.staff, PASSWORD)
            cookies = {"member": cookie_header(member), "staff": cookie_header(staff),
                       "token": make_token(base, member, name="bench")}
            slug, rows = plan(base, member, staff, args.member)
            results = []
            for label, path, who in rows:
                if args.only and not re.search(args.only, label):
                    continue
                h = headers_for(who, cookies)
                check = requests.get(base + path, headers=h, allow_redirects=False, timeout=60)
                if check.status_code != 200:
                    # Reported as a missed row rather than stopping the run: the rest still tell.
                    print(f"  {label} as {who}: {path} answers {check.status_code}, not 200", file=sys.stderr, flush=True)
                    results.append((label, path, who, "GET", {"rps": 0.0, "p50": float("nan"), "p99": float("nan"),
                                                              "bad": 1, "socket": f"answers {check.status_code}"}))
                    continue
                results.append((label, path, who, "GET", run_wrk(base, path, h, args.seconds, work)))
                drain(base)
                r = results[-1][4]
                print(f"  {label} as {who}: {r['rps']:.0f} req/s, p99 {r['p99']:.1f} ms", file=sys.stderr, flush=True)
            # A form POST that writes: a news item, with the member's session and its CSRF token.
            csrf = csrf_headers(member, base).get("X-CSRF-Token", "")
            script = Path(work) / "post.lua"
            script.write_text(WRK_POST % csrf)
            write_path = f"/partnerships/{slug}/updates/new"
            results.append(("write: post news", write_path, "member", "POST",
                            run_wrk(base, write_path, {"Cookie": cookies["member"]}, args.seconds, work, str(script))))
            rss = rss_mb(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
        return {"kind": kind, "load": load_seconds, "rss": rss, "results": results}
    finally:
        if pg:
            pg.stop()


def report(run):
    health = next(r["rps"] for label, _, who, _, r in run["results"] if label == "health" and who == "anonymous")
    print(f"\n### {run['kind']} — scale data loaded in {run['load']:.0f} s; server RSS at the end {run['rss']:.0f} MB\n")
    print(f"| {'page':28} | {'as':9} | {'req/s':>7} | {'p50 ms':>7} | {'p99 ms':>7} | {'vs /health':>10} | target |")
    print(f"|{'-' * 30}|{'-' * 11}|{'-' * 9}|{'-' * 9}|{'-' * 9}|{'-' * 12}|--------|")
    missed = []
    for label, path, who, method, r in run["results"]:
        ratio = r["rps"] / health
        if method == "POST":
            ok = r["p99"] < WRITE_P99_MS and r["bad"] == 0
        else:
            ok = label == "health" or (r["p99"] < PAGE_P99_MS and ratio >= MIN_RATIO and r["bad"] == 0)
        if not ok:
            missed.append(f"{run['kind']}: {label} as {who} ({path})")
        note = f" ({r['bad']} non-2xx)" if r["bad"] else ""
        print(f"| {label:28} | {who:9} | {r['rps']:7.0f} | {r['p50']:7.1f} | {r['p99']:7.1f} | {ratio:10.0%} | "
              f"{'met' if ok else 'MISSED'}{note} |")
    if run["rss"] >= MAX_RSS_MB:
        missed.append(f"{run['kind']}: server memory {run['rss']:.0f} MB")
    return missed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="seconds of wrk per row (after a 2 s warm-up)")
    parser.add_argument("--scale", type=int, default=150, help="areas of generated data (0: the plain demo)")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--only", help="a regular expression: measure only the rows whose label matches")
    parser.add_argument("--keep", metavar="DIR", help="keep the databases in DIR and reuse them next time (the scale "
                        "load then adds nothing), instead of a temporary folder")
    parser.add_argument("binary")
    args = parser.parse_args()
    # The plain demo has no generated accounts: its chair and a council officer stand in.
    args.member = MEMBER if args.scale or "BENCH_MEMBER" in os.environ else "ada@fernhill.example"
    args.staff = STAFF if args.scale or "BENCH_STAFF" in os.environ else "hannah@harbourside.example"
    print(f"bench/http on {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, wrk 2 threads x 64 connections, "
          f"{args.seconds} s per row, scale {args.scale}")
    missed = []
    for kind in args.databases.split(","):
        if args.keep:
            work = Path(args.keep) / kind
            work.mkdir(parents=True, exist_ok=True)
            missed += report(bench_database(kind, args, args.binary, str(work)))
            continue
        with tempfile.TemporaryDirectory(prefix="rebalance-bench-") as work:
            missed += report(bench_database(kind, args, args.binary, work))
    if missed:
        print("\nTargets missed:\n  " + "\n  ".join(missed))
        sys.exit(1)
    print("\nEvery target met.")


if __name__ == "__main__":
    main()
