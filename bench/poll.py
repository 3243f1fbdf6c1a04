#!/usr/bin/env python3
"""What polling gluster costs serve: a generated cluster of VOLUMES volumes (distribute,
replicate, arbiter, disperse and their distributed forms; 2-6 bricks each, every 7th volume with
a brick down), answered by a stand-in gluster CLI from files, polled every second for SECONDS
seconds; serve's own CPU (user + system, not the CLI's) beside a run with polling off, in the same
run. Target: a poll costs at most 50 ms of CPU.

    bench/poll.py [-v VOLUMES] [-d SECONDS] [--strict] [--eventsdash PATH]

Only loopback is used. See bench/README.md.
"""
import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET_MS = 50.0

LAYOUTS = [  # (replica, arbiter, disperse, redundancy, bricks)
    (1, 0, 0, 0, 2), (3, 0, 0, 0, 3), (3, 1, 0, 0, 3), (1, 0, 3, 1, 3), (3, 0, 0, 0, 6), (1, 0, 3, 1, 6),
]


def generate(directory, volumes):
    """volume info, status all detail and pool list of `volumes` volumes, as files in `directory`."""
    info, status = [], []
    for index in range(volumes):
        replica, arbiter, disperse, redundancy, count = LAYOUTS[index % len(LAYOUTS)]
        name = "vol%03d" % index
        bricks = ["node%d:/bricks/%s/b%d" % (brick % 3 + 1, name, brick) for brick in range(count)]
        info.append(
            "<volume><name>%s</name><status>1</status><brickCount>%d</brickCount><replicaCount>%d</replicaCount>"
            "<arbiterCount>%d</arbiterCount><disperseCount>%d</disperseCount><redundancyCount>%d</redundancyCount><bricks>%s</bricks>"
            "<options><option><name>nfs.disable</name><value>on</value></option></options></volume>" % (
                name, count, replica, arbiter, disperse, redundancy,
                "".join("<brick>%s<name>%s</name><isArbiter>0</isArbiter></brick>" % (brick, brick) for brick in bricks)))
        nodes = []
        for position, brick in enumerate(bricks):
            host, path = brick.split(":", 1)
            up = not (index % 7 == 0 and position == 0)
            nodes.append(
                "<node><hostname>%s</hostname><path>%s</path><peerid>p</peerid><status>%d</status><port>%s</port><pid>%d</pid>"
                "<sizeTotal>1099511627776</sizeTotal><sizeFree>%d</sizeFree><device>/dev/sdb</device><blockSize>4096</blockSize>"
                "<fsName>xfs</fsName><inodesTotal>536870912</inodesTotal><inodesFree>536000000</inodesFree></node>" % (
                    host, path, 1 if up else 0, "49152" if up else "N/A", 1000 + position if up else -1,
                    500000000000 + index * 1000000))
        status.append("<volume><volName>%s</volName><nodeCount>%d</nodeCount>%s</volume>" % (name, len(nodes), "".join(nodes)))
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cliOutput><opRet>0</opRet><opErrno>0</opErrno><opErrstr/>'
    with open(os.path.join(directory, "info"), "w") as out:
        out.write(head + "<volInfo><volumes>%s</volumes></volInfo></cliOutput>" % "".join(info))
    with open(os.path.join(directory, "status"), "w") as out:
        out.write(head + "<volStatus><volumes>%s</volumes></volStatus></cliOutput>" % "".join(status))
    with open(os.path.join(directory, "pool"), "w") as out:
        out.write(head + "<peerStatus>%s</peerStatus></cliOutput>" % "".join(
            "<peer><uuid>u%d</uuid><hostname>node%d</hostname><connected>1</connected></peer>" % (n, n) for n in (2, 3)))
    script = os.path.join(directory, "gluster")
    with open(script, "w") as out:
        out.write('#!/bin/sh\nhere=$(dirname "$0")\ncase "$*" in\n  *"volume info"*) cat "$here/info" ;;\n'
                  '  *"volume status"*) cat "$here/status" ;;\n  *"pool list"*) cat "$here/pool" ;;\n  *) exit 2 ;;\nesac\n')
    os.chmod(script, 0o755)
    return script, os.path.getsize(os.path.join(directory, "info")) + os.path.getsize(os.path.join(directory, "status"))


def cpu_seconds(pid):
    """serve's own user + system CPU time (its children's not counted)."""
    with open("/proc/%d/stat" % pid) as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(eventsdash, cli, seconds, poll):
    """serve for `seconds`, polling every second or not: (CPU seconds, polls answered)."""
    workdir = tempfile.mkdtemp(prefix="eventsdash-poll-bench-")
    try:
        environment = dict(os.environ, EVENTSDASH_GLUSTER_CLI=cli)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        serve = subprocess.Popen(
            [eventsdash, "serve", "--workdir", workdir, "--port", str(port), "--listen", "127.0.0.1", "--heal-poll-interval", "0",
             "--cluster-poll-interval", "1" if poll else "0"],
            env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            health = os.path.join(workdir, "health.json")
            began = time.monotonic()
            while not os.path.exists(health) and time.monotonic() - began < 30:
                if serve.poll() is not None:
                    raise SystemExit("poll.py: eventsdash serve ended at once (exit %s)" % serve.returncode)
                time.sleep(0.1)
            if not os.path.exists(health):
                raise SystemExit("poll.py: eventsdash serve published no health within 30 s")
            time.sleep(1.5)  # past the start and the first poll
            before = cpu_seconds(serve.pid)
            time.sleep(seconds)
            spent = cpu_seconds(serve.pid) - before
            return spent, seconds if poll else 0
        finally:
            serve.terminate()
            serve.wait(timeout=30)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-v", "--volumes", type=int, default=200)
    parser.add_argument("-d", "--seconds", type=int, default=30)
    parser.add_argument("--strict", action="store_true", help="exit 1 when the target is missed")
    parser.add_argument("--eventsdash", default=os.environ.get("EVENTSDASH_BIN", os.path.join(ROOT, ".build/release/eventsdash")))
    args = parser.parse_args()
    if not os.access(args.eventsdash, os.X_OK):
        raise SystemExit("poll.py: no eventsdash at %s (swift build -c release, or --eventsdash PATH)" % args.eventsdash)
    directory = tempfile.mkdtemp(prefix="eventsdash-poll-cli-")
    try:
        cli, size = generate(directory, args.volumes)
        idle, _ = run(args.eventsdash, cli, args.seconds, poll=False)
        busy, polls = run(args.eventsdash, cli, args.seconds, poll=True)
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    per_poll = max(0.0, busy - idle) / max(1, polls) * 1000
    print()
    print("| serve, %d volumes (%d KiB of XML a poll) | CPU over %d s | polls |" % (args.volumes, size // 1024, args.seconds))
    print("|------------------------------------------|---------------|-------|")
    print("| polling off (baseline)                   | %10.3f s  | %5d |" % (idle, 0))
    print("| polling every second                     | %10.3f s  | %5d |" % (busy, polls))
    verdict = "PASS" if per_poll <= TARGET_MS else "FAIL"
    print("\nCPU per poll: %.1f ms (target <= %.0f ms): %s" % (per_poll, TARGET_MS, verdict))
    if args.strict and verdict != "PASS":
        sys.exit(1)


if __name__ == "__main__":
    main()
