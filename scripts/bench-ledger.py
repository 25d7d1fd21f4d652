#!/usr/bin/env python3
"""The LedgerBenchmark workload (TongbanCore) run with pymerkle 7, for a side-by-side comparison.

Same entries (b"entry-0", b"entry-1", ...), SHA-256 with RFC 9162 leaf/node prefixes, then N random
inclusion proofs (random leaf, full tree) and N consistency proofs (random earlier size to the full
tree), each generated and then verified, timed one by one.

    pip install pymerkle==7.0.0
    python3 scripts/bench-ledger.py --entries 1000000 --samples 1000
"""
import argparse
import math
import random
import statistics
import time

from pymerkle import InmemoryTree, verify_consistency, verify_inclusion


def latency(micros):
    micros = sorted(micros)
    # Same nearest-rank percentile as LedgerBenchmark.percentile.
    pick = lambda fraction: micros[min(len(micros) - 1, max(0, math.ceil(len(micros) * fraction) - 1))]
    return f"mean {statistics.fmean(micros):8.2f} µs   p50 {pick(0.50):8.2f} µs   p99 {pick(0.99):8.2f} µs"


def timed(inputs, operation):
    results, micros = [], []
    for value in inputs:
        start = time.perf_counter_ns()
        results.append(operation(value))
        micros.append((time.perf_counter_ns() - start) / 1e3)
    return results, micros


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=9162)
    args = parser.parse_args()
    n = args.entries

    entries = [b"entry-%d" % i for i in range(n)]  # made before timing, as the Swift side formats in place
    tree = InmemoryTree(algorithm="sha256")
    start = time.perf_counter()
    for entry in entries:
        tree.append_entry(entry)
    append_seconds = time.perf_counter() - start
    root = tree.get_root()

    rng = random.Random(args.seed)
    leaves = [rng.randrange(n) for _ in range(args.samples)]  # 0-based; pymerkle counts from one
    proofs, gen_inc = timed(leaves, lambda i: tree.prove_inclusion(i + 1, n))
    bases = [tree.get_leaf(i + 1) for i in leaves]
    _, ver_inc = timed(range(args.samples), lambda s: verify_inclusion(bases[s], root, proofs[s]))

    old_sizes = [rng.randrange(1, n) for _ in range(args.samples)]
    proofs, gen_con = timed(old_sizes, lambda m: tree.prove_consistency(m, n))
    old_roots = [tree.get_root(m) for m in old_sizes]
    _, ver_con = timed(range(args.samples), lambda s: verify_consistency(old_roots[s], root, proofs[s]))

    print(f"pymerkle 7 InmemoryTree, {n:,} entries, {args.samples:,} samples each")
    print(f"appends/s            {n / append_seconds:12,.0f}   ({append_seconds:.2f} s)")
    print(f"root                 {root.hex()}")
    print(f"inclusion   prove    {latency(gen_inc)}")
    print(f"inclusion   verify   {latency(ver_inc)}")
    print(f"consistency prove    {latency(gen_con)}")
    print(f"consistency verify   {latency(ver_con)}")


if __name__ == "__main__":
    main()
