#!/usr/bin/env python3
"""Sends hostile and malformed UDP datagrams at an events receiver, deterministically (a seed).

    hostile_datagrams.py HOST PORT COUNT [--rate R] [--seed S]

Kinds, in turn: random bytes (now and then 65,507 bytes, the largest UDP payload over IPv4),
events whose values are invalid UTF-8, bare timestamps and empty or blank datagrams, huge and
negative numbers, NUL bytes, terminal escape sequences in keys and values, malformed field lists,
events padded to a few KiB or to the maximum size, and plain valid events. Paced at R datagrams per second
(default 100,000) so that a receiver that keeps up loses none. Prints one JSON line:
{"sent": N, "kinds": {KIND: N, ...}}.
"""
import argparse
import json
import random
import socket
import time

MAX_PAYLOAD = 65507
ESCAPES = [b"\x1b[2J\x1b[H", b"\x1b]0;pwned-title\x07", b"\x1b[31mred\x1b[0m", b"\x9b31m", b"\r\n\t", b"\x1bc",
           b"\x1b[?1049l", b"\x1b[8;5;5t", b"\x07\x08\x7f", "\u202egnp.exe\u2066".encode()]


def event(rng, fields):
    return b"%d %d " % (rng.randrange(1, 2_000_000_000), rng.randrange(0, 120)) + b";".join(fields)


def random_bytes(rng):
    size = MAX_PAYLOAD if rng.random() < 0.002 else rng.randrange(0, 512)
    return rng.randbytes(size)


def invalid_utf8(rng):
    return event(rng, [b"name=" + bytes(0x80 | byte for byte in rng.randbytes(rng.randrange(1, 12))),
                       b"\xc3\x28=\xe2\x82", b"ok=\xf0\x9f\x98\x80"])


def bare(rng):
    return rng.choice([b"", b" ", b"\n", b"1700000000", b"1700000000 ", b"  1700000000   5  ", b"x 5 a=b", b"17 y a=b"])


def numbers(rng):
    return rng.choice([
        b"99999999999999999999999999 5 name=gv0", b"1700000000 18446744073709551617 name=gv0",
        b"-5 2 name=gv0", b"1700000000 -2 name=gv0", b"-0 0", b"1e9 2 a=b", b"0x10 2 a=b",
        b"1700000000 2 ssh-port=99999999999999999999999;force=-1;count=-9223372036854775809",
        b"9223372036854775807 2147483648 name=big", b"-9223372036854775808 0",
    ])


def nuls(rng):
    return rng.choice([event(rng, [b"na\x00me=gv\x000", b"\x00=\x00"]), b"\x00" * rng.randrange(1, 64),
                       b"1700000000\x00 2 a=b", b"1700000000 2\x00 a=b"])


def escapes(rng):
    chosen = rng.choice(ESCAPES)
    return event(rng, [b"name=" + chosen, chosen + b"=value", b"brick=/data/" + chosen])


MALFORMED_FIELDS = [[b";;;"], [b"=novalue"], [b"key="], [b"a=b=c=d"], [b"dup=1", b"dup=2", b"dup=3"],
                    [b"k%d=v" % i for i in range(1000)], [b"no equals sign at all"], [b"  spaced  =  out  "]]


def malformed_fields(rng):
    return event(rng, rng.choice(MALFORMED_FIELDS))


def padded(rng):
    head = event(rng, [b"name=gv0", b"pad="])
    size = MAX_PAYLOAD if rng.random() < 0.02 else rng.randrange(200, 4000)
    return head + b"x" * max(0, size - len(head))


def valid(rng):
    return b"%d 2 name=gv%d;type=Replicate" % (rng.randrange(1_600_000_000, 1_800_000_000), rng.randrange(0, 1000))


KINDS = [random_bytes, invalid_utf8, bare, numbers, nuls, escapes, malformed_fields, padded, valid]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    parser.add_argument("count", type=int)
    parser.add_argument("--rate", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 << 20)
    target = (args.host, args.port)
    counts = {kind.__name__: 0 for kind in KINDS}
    burst = max(1, args.rate // 1000)
    start = time.monotonic()
    for i in range(args.count):
        kind = KINDS[i % len(KINDS)]
        counts[kind.__name__] += 1
        while True:
            try:
                sock.sendto(kind(rng), target)
                break
            except (BlockingIOError, InterruptedError):
                continue
            except OSError as error:  # ENOBUFS: the local queue is full for a moment
                if error.errno != 105:
                    raise
                time.sleep(0.001)
        if i % burst == burst - 1:
            delay = start + (i + 1) / args.rate - time.monotonic()
            if delay > 0:
                time.sleep(delay)
    print(json.dumps({"sent": args.count, "kinds": counts}))


if __name__ == "__main__":
    main()
