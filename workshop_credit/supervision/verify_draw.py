#!/usr/bin/env python3
"""Recompute a published random inspection draw (双随机抽查) and compare it with its result.

Needs only Python 3 and the draw's three CSV files from its public page. Example:

    python3 verify_draw.py --seed <seed> --commitment <sha256> --workshops 5 --inspectors 2 \\
        draw-7-candidates.csv draw-7-inspectors.csv draw-7-result.csv

The procedure, in full:
1. The commitment published when the draw was announced is the SHA-256 of the seed.
2. Each candidate's key is the SHA-256 of "<seed>|workshop|<public code>"; the candidates
   sorted by key (then by code) give the order of the draw, and the first N are drawn.
3. For a drawn workshop with public code C, each inspector's key is the SHA-256 of
   "<seed>|inspector|<C>|<certificate number>"; the K inspectors with the smallest keys go.
Keys are compared as lower-case hexadecimal text; texts are encoded as UTF-8.
"""

import argparse
import csv
import hashlib
import sys


def key(seed, *parts):
    """The SHA-256 of the parts joined by "|", in hexadecimal."""
    return hashlib.sha256("|".join((seed, *parts)).encode("utf-8")).hexdigest()


def column(path, name):
    """One column of a published CSV file, by its heading."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [row[name] for row in csv.DictReader(handle)]


def recompute(seed, codes, certificates, workshops, inspectors):
    """The drawn public codes in order, each with its inspectors' certificate numbers."""
    drawn = sorted(codes, key=lambda code: (key(seed, "workshop", code), code))[:workshops]
    return [
        (
            code,
            sorted(certificates, key=lambda n: (key(seed, "inspector", code, n), n))[:inspectors],
        )
        for code in drawn
    ]


def published(path):
    """The result as published: (public code, certificate numbers) in the order of the draw."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda row: int(row["抽取顺序"]))
    return [(row["公开码"], row["执法证号"].split(";")) for row in rows]


def main(argv=None):
    """Print the recomputed draw; exit 1 when it differs from the published result."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", required=True)
    parser.add_argument("--commitment", help="the SHA-256 published at the announcement")
    parser.add_argument("--workshops", type=int, required=True)
    parser.add_argument("--inspectors", type=int, required=True)
    parser.add_argument("candidates")
    parser.add_argument("roster")
    parser.add_argument("result", nargs="?")
    args = parser.parse_args(argv)
    seed, ok = args.seed.strip().lower(), True
    if args.commitment:
        kept = hashlib.sha256(seed.encode("utf-8")).hexdigest() == args.commitment.lower()
        print("种子与承诺值一致" if kept else "种子与承诺值不符")
        ok = ok and kept
    codes, numbers = column(args.candidates, "公开码"), column(args.roster, "执法证号")
    mine = recompute(seed, codes, numbers, args.workshops, args.inspectors)
    for rank, (code, chosen) in enumerate(mine, start=1):
        print(rank, code, ";".join(chosen))
    if args.result:
        same = mine == published(args.result)
        print("与公布的抽取结果一致" if same else "与公布的抽取结果不一致")
        ok = ok and same
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
