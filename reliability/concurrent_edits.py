#!/usr/bin/env python3
"""eventsdash and the real gluster-eventsapi editing glusterd's webhooks.json and config.json at
the same time, N edits each (default 500); a third process reads both files all along.

    reliability/concurrent_edits.py [-n EDITS] [--eventsdash PATH]

Each tool works in rounds: add its webhook i, modify its token, delete it again when i is even,
set its own config item (eventsdash toggles disable-events-log, gluster-eventsapi moves log-level).
At the end every change must be accounted for: each tool's odd webhooks are there with the modified
token, no even one is, both config items hold each tool's last value, the reader never saw a file
that was not valid JSON, and no eventsdash command failed. (gluster-eventsapi's own copy to the
pool fails when glusterd is busy with eventsdash's: counted, not a failure of the files; eventsdash
waits for its turn.) Needs root and Debian's glusterfs-server (glusterd
is started when it is not running and stopped again); glusterd's events files are put back as they
were. Prints a table; exit status 1 when a check fails.
"""
import argparse
import json
import os
import subprocess
import threading
import time

from common import verdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EVENTS = "/var/lib/glusterd/events"
FILES = [EVENTS + "/webhooks.json", EVENTS + "/config.json"]
LEVELS = ["DEBUG", "INFO", "WARNING", "ERROR"]


def running(name):
    return subprocess.run(["pgrep", "-x", name], capture_output=True).returncode == 0


class Tool:
    """One tool's rounds, counting what it did and what failed."""

    def __init__(self, name, command, environment=None):
        self.name, self.command, self.environment = name, command, environment
        self.commands, self.rounds, self.busy, self.failures, self.seconds = 0, 0, 0, [], 0.0

    def run(self, *arguments):
        self.commands += 1
        result = subprocess.run(self.command + list(arguments), capture_output=True, text=True, env=self.environment)
        output = (result.stderr + result.stdout).strip()
        if result.returncode in (8, 9) and "Another transaction is in progress" in output:
            self.busy += 1  # the file changed; glusterd was too busy to copy it to the pool
        elif result.returncode != 0:
            self.failures.append("%s %s: exit %d %s" % (self.name, " ".join(arguments), result.returncode, output[:200]))

    def url(self, i):
        return "http://%s.example/%d" % (self.name, i)

    def edit(self, edits, config):
        start = time.monotonic()
        while self.commands < edits:
            i = self.rounds
            self.run("webhook-add", self.url(i), "-t", "first")
            self.run("webhook-mod", self.url(i), "-t", "%s-%d" % (self.name, i))
            if i % 2 == 0:
                self.run("webhook-del", self.url(i))
            self.run("config-set", *config(i))
            self.rounds += 1
        self.seconds = time.monotonic() - start


def read_all_along(stop, seen):
    while not stop.is_set():
        for path in FILES:
            try:
                with open(path) as f:
                    text = f.read()
            except FileNotFoundError:
                continue
            seen["reads"] += 1
            try:
                json.loads(text)
            except ValueError:
                seen["invalid"] += 1
        time.sleep(0.001)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--edits", type=int, default=500)
    parser.add_argument("--eventsdash", default=os.environ.get("EVENTSDASH_BIN", os.path.join(ROOT, ".build/release/eventsdash")))
    args = parser.parse_args()
    if os.geteuid() != 0 or not os.access("/usr/sbin/gluster-eventsapi", os.X_OK):
        print("concurrent edits: skipped (needs root and glusterfs-server: scripts/setup --gluster)")
        return
    saved = {path: open(path, "rb").read() if os.path.exists(path) else None for path in FILES}
    started_glusterd = not running("glusterd")
    if started_glusterd:
        subprocess.run(["/usr/sbin/glusterd"], check=True)
        time.sleep(2)
    try:
        os.makedirs(EVENTS, exist_ok=True)
        for path in FILES:
            with open(path, "w") as f:
                f.write("{}")
        state = {**os.environ, "EVENTSDASH_STATE_DIR": "/tmp/eventsdash-concurrent-edits-state"}
        ours = Tool("eventsdash", [os.path.abspath(args.eventsdash)], state)
        theirs = Tool("gluster-eventsapi", ["/usr/sbin/gluster-eventsapi"])
        # Each toggles an item of its own, so the last value of each is known.
        ours_config = lambda i: ("disable-events-log", "true" if i % 2 == 0 else "false")
        theirs_config = lambda i: ("log-level", LEVELS[i % len(LEVELS)])
        stop, seen = threading.Event(), {"reads": 0, "invalid": 0}
        reader = threading.Thread(target=read_all_along, args=(stop, seen))
        reader.start()
        threads = [threading.Thread(target=ours.edit, args=(args.edits, ours_config)),
                   threading.Thread(target=theirs.edit, args=(args.edits, theirs_config))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        stop.set()
        reader.join()

        webhooks = json.load(open(FILES[0]))
        config = json.load(open(FILES[1]))
        checks = {}
        for tool in (ours, theirs):
            kept = [tool.url(i) for i in range(tool.rounds) if i % 2 == 1]
            checks["%s: every command succeeded" % tool.name] = not tool.failures
            checks["%s: its %d remaining webhooks are there, modified" % (tool.name, len(kept))] = all(
                webhooks.get(url, {}).get("token") == "%s-%s" % (tool.name, url.rsplit("/", 1)[1]) for url in kept)
            checks["%s: none of its deleted webhooks is" % tool.name] = not any(
                tool.url(i) in webhooks for i in range(0, tool.rounds, 2))
        checks["no other webhook in the file"] = len(webhooks) == ours.rounds // 2 + theirs.rounds // 2
        checks["config: eventsdash's last disable-events-log"] = config.get("disable-events-log") == ((ours.rounds - 1) % 2 == 0)
        checks["config: gluster-eventsapi's last log-level"] = config.get("log-level") == LEVELS[(theirs.rounds - 1) % len(LEVELS)]
        checks["files always valid JSON (%d reads)" % seen["reads"]] = seen["invalid"] == 0

        print()
        print("| tool              | edits | rounds | failed | pool copy refused (glusterd busy) | seconds |")
        print("|-------------------|-------|--------|--------|-----------------------------------|---------|")
        for tool in (ours, theirs):
            print("| %-17s | %5d | %6d | %6d | %33d | %7.1f |" % (
                tool.name, tool.commands, tool.rounds, len(tool.failures), tool.busy, tool.seconds))
        print("\nwebhooks in the file: %d; reads of both files while editing: %d, invalid: %d" % (
            len(webhooks), seen["reads"], seen["invalid"]))
        failed = [check for check, ok in checks.items() if not ok]
        verdict("concurrent edits", failed + ours.failures[:5] + theirs.failures[:5])
    finally:
        for path, contents in saved.items():
            if contents is None:
                if os.path.exists(path):
                    os.remove(path)
            else:
                with open(path, "wb") as f:
                    f.write(contents)
        if started_glusterd:
            subprocess.run(["pkill", "-x", "glusterd"])


if __name__ == "__main__":
    main()
