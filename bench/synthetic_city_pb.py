#!/usr/bin/env python3
"""Writes a synthetic city-sized approval election in pabulib format, the same every time.

Usage: synthetic_city_pb.py OUT.pb [--voters N] [--projects M] [--seed S]

Issue 13 item 6 names a 61,668-voter, 83-project city election on which equal shares with
completion took about 6 s, and `../shared/pabulib` holds none of that shape. This makes one
(defaults: 61,668 voters, 83 projects) so the speed target can be measured and the outcome
compared with pabutools on it.

The shape follows the Warsaw files of `../shared/pabulib` (Bialoleka 2021, Ursynow 2022), the
longest ballots there, which are what makes equal shares slow:
  - up to 15 projects a ballot; about half the voters use all 15, about a tenth approve one,
    the rest spread evenly over 2..14;
  - costs log-normal around 150,000 (from a few thousand to about 1.5 million), rounded to
    hundreds; the budget is a sixth of the total cost;
  - projects belong to one of 6 neighbourhoods with log-normal popularity; a voter favours the
    projects of his own neighbourhood (four times as likely), so supporters overlap unevenly.
A ballot is a weighted draw without replacement (keys u^(1/w)), from an own splitmix64
generator so the file does not depend on the Python version.
"""
import math
import sys

MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def uniform(self):
        """In (0, 1): never 0, so logs and powers stay finite."""
        return ((self.next() >> 11) + 0.5) / float(1 << 53)

    def normal(self):
        return math.sqrt(-2.0 * math.log(self.uniform())) * math.cos(2.0 * math.pi * self.uniform())


def ballot_length(rng, projects):
    longest = min(15, projects)
    u = rng.uniform()
    if u < 0.5:
        return longest
    if u < 0.6:
        return 1
    return 2 + int(rng.uniform() * (longest - 2))


def main():
    args = sys.argv[1:]
    options = {"--voters": 61668, "--projects": 83, "--seed": 13}
    for flag in list(options):
        if flag in args:
            i = args.index(flag)
            options[flag] = int(args[i + 1])
            del args[i:i + 2]
    if len(args) != 1:
        sys.exit(__doc__)
    voters, projects, seed = options["--voters"], options["--projects"], options["--seed"]
    rng = SplitMix64(seed)
    areas = 6
    costs, popularity, area = [], [], []
    for _ in range(projects):
        cost = int(min(1_500_000, max(2_000, 150_000 * math.exp(0.9 * rng.normal()))) / 100) * 100
        costs.append(cost)
        popularity.append(math.exp(0.8 * rng.normal()))
        area.append(int(rng.uniform() * areas))
    budget = sum(costs) // 6
    ids = [f"S{i + 1:03d}" for i in range(projects)]

    ballots = []
    for _ in range(voters):
        home = int(rng.uniform() * areas)
        keyed = []
        for p in range(projects):
            weight = popularity[p] * (4.0 if area[p] == home else 1.0)
            keyed.append((rng.uniform() ** (1.0 / weight), p))
        keyed.sort(reverse=True)
        ballots.append([p for _, p in keyed[:ballot_length(rng, projects)]])

    votes = [0] * projects
    for ballot in ballots:
        for p in ballot:
            votes[p] += 1
    with open(args[0], "w", encoding="utf-8", newline="\n") as out:
        out.write("META\nkey;value\n")
        out.write(f"description;Synthetic city election (bench/synthetic_city_pb.py, seed {seed})\n")
        out.write("country;Nowhere\nunit;Synthetic City\ninstance;2026\n")
        out.write(f"num_projects;{projects}\nnum_votes;{voters}\nbudget;{budget}\n")
        out.write("vote_type;approval\nrule;greedy\nmin_length;1\nmax_length;15\n")
        out.write("PROJECTS\nproject_id;cost;votes;name\n")
        for p in sorted(range(projects), key=lambda p: -votes[p]):
            out.write(f"{ids[p]};{costs[p]};{votes[p]};Project {p + 1} of area {area[p] + 1}\n")
        out.write("VOTES\nvoter_id;vote\n")
        for v, ballot in enumerate(ballots):
            out.write(f"{100000 + v};{','.join(ids[p] for p in ballot)}\n")


if __name__ == "__main__":
    main()
