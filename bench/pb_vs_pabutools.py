#!/usr/bin/env python3
"""pabutools side of bench/pb-vs-pabutools.

Usage: pb_vs_pabutools.py FILE.pb [RULE ...] [--timeout SECONDS]

Parses FILE once, runs each rule (default: every rule of reference.json that fits the vote
type) and prints one JSON object per rule: {"rule", "parse_s", "rule_s", "selected"} or, when the
rule ran past the time limit, {"rule", "parse_s", "timeout_s"}.
"""
import json
import signal
import sys
import time

from pabutools.election import (Additive_Borda_Sat, Additive_Cardinal_Sat, Cardinality_Sat, Cost_Sat,
                                parse_pabulib)
from pabutools.rules import completion_by_rule_combination, greedy_utilitarian_welfare, method_of_equal_shares

SATISFACTION = {"cost": Cost_Sat, "cardinality": Cardinality_Sat, "points": Additive_Cardinal_Sat, "borda": Additive_Borda_Sat}
DEFAULT_RULES = {
    "approval": ["greedy-cost", "mes-cost", "mes-cardinality", "mes-cost-complete"],
    "choose-1": ["greedy-cost", "mes-cost", "mes-cardinality", "mes-cost-complete"],
    "cumulative": ["greedy-points", "mes-points"],
    "scoring": ["greedy-points", "mes-points"],
    "ordinal": ["greedy-borda", "mes-borda"],
}


class TimeLimit(Exception):
    pass


def on_alarm(signum, frame):
    raise TimeLimit()


def run_rule(name, instance, profile):
    parts = name.split("-")
    sat = SATISFACTION[parts[1]]
    if parts[0] == "greedy":
        return greedy_utilitarian_welfare(instance, profile, sat_class=sat)
    if len(parts) == 3 and parts[2] == "complete":
        return completion_by_rule_combination(
            instance, profile, [method_of_equal_shares, greedy_utilitarian_welfare],
            [{"sat_class": sat, "voter_budget_increment": 1}, {"sat_class": sat}])
    return method_of_equal_shares(instance, profile, sat_class=sat)


def main():
    args = sys.argv[1:]
    timeout = 300
    if "--timeout" in args:
        i = args.index("--timeout")
        timeout = int(args[i + 1])
        del args[i:i + 2]
    if not args:
        sys.exit(__doc__)
    path, rules = args[0], args[1:]
    started = time.perf_counter()
    instance, profile = parse_pabulib(path)
    parse_s = time.perf_counter() - started
    if not rules:
        rules = DEFAULT_RULES[instance.meta["vote_type"]]
    signal.signal(signal.SIGALRM, on_alarm)
    for name in rules:
        signal.alarm(timeout)
        started = time.perf_counter()
        try:
            outcome = run_rule(name, instance, profile)
            rule_s = time.perf_counter() - started
            signal.alarm(0)
            result = {"rule": name, "parse_s": parse_s, "rule_s": rule_s, "selected": sorted(str(p.name) for p in outcome)}
        except TimeLimit:
            result = {"rule": name, "parse_s": parse_s, "timeout_s": timeout}
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
