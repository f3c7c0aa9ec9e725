#!/usr/bin/env python3
"""Deterministic test tree for bench/backup.sh: many small files and some large ones.

Usage: gentree.py DIR SIZE_MB [SEED]   build the tree (same bytes for the same arguments)
       gentree.py --change DIR PERCENT change that share of the files (same ones every time)
Content is half random, half text-like (compressible), as real user data is mixed.
"""
import os
import random
import sys

WORDS = [w.encode() for w in (
    "blade cage peerlet envelope stripe archive port move spare backup restore mirror delta "
    "snapshot catalog chunk peer cluster journal replay user desk switch keyboard monitor").split()]


def content(rng, size):
    out = bytearray()
    while len(out) < size:
        if rng.random() < 0.5:
            out += rng.randbytes(min(4096, size - len(out)))
        else:
            line = b" ".join(rng.choice(WORDS) for _ in range(12)) + b"\n"
            out += line * rng.randint(1, 40)
    return bytes(out[:size])


def build(root, size_mb, seed=20261125):
    rng = random.Random(seed)
    total = size_mb * 1024 * 1024
    small_budget = total // 8
    n = 0
    used = 0
    while used < small_budget:
        size = rng.randint(512, 16384)
        d = os.path.join(root, "docs", "d%03d" % (n % 100))
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "f%05d.txt" % n), "wb") as f:
            f.write(content(rng, size))
        used += size
        n += 1
    big = (total - used) // 6
    os.makedirs(os.path.join(root, "media"), exist_ok=True)
    for i in range(6):
        with open(os.path.join(root, "media", "big%d.bin" % i), "wb") as f:
            left = big
            while left > 0:
                block = content(rng, min(left, 8 * 1024 * 1024))
                f.write(block)
                left -= len(block)
    print("%d files, %d MiB" % (n + 6, (used + 6 * big) // 1048576))


def change(root, percent):
    files = sorted(os.path.join(dp, f) for dp, _, fs in os.walk(root) for f in fs)
    rng = random.Random(42)
    pick = rng.sample(files, max(1, len(files) * percent // 100))
    for p in pick:
        with open(p, "r+b") as f:
            size = os.path.getsize(p)
            f.seek(rng.randrange(max(1, size)))
            f.write(rng.randbytes(256))
    print("changed %d of %d files" % (len(pick), len(files)))


if __name__ == "__main__":
    if sys.argv[1] == "--change":
        change(sys.argv[2], int(sys.argv[3]))
    else:
        build(sys.argv[1], int(sys.argv[2]), *(int(a) for a in sys.argv[3:4]))
