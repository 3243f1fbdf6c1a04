#!/usr/bin/env python3
"""Hostile datagrams end to end: N random and malformed datagrams (hostile_datagrams.py) at a running
`eventsdash serve` and at the dashboard in a real terminal (tmux, 120x40).

    reliability/hostile.py [-n COUNT] [--rate R] [--eventsdash PATH]

Checks, for each: the process stays up and ends cleanly when asked; received + kernel drops = sent;
accepted + rejected = received; the rejections by reason add up to rejected; the event log holds
exactly the accepted events. For the dashboard also: the screen stays whole (header on the first
line, key bar on the last, no line over the width) and no escape sequence got through to the
terminal (its title is unchanged). Prints a table; exit status 1 when a check fails.
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from common import engine_status, free_port, verdict, wait_for_engine, wait_until

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
COLUMNS, ROWS = 120, 40


def send(count, port, rate):
    sent = subprocess.run([sys.executable, os.path.join(HERE, "hostile_datagrams.py"), "127.0.0.1", str(port), str(count),
                           "--rate", str(rate)], capture_output=True, text=True, check=True)
    return json.loads(sent.stdout)["sent"]


def settle(eventsdash, workdir, sent):
    """Waits until the engine has taken every datagram (or its count stops moving); its figures."""
    last, still = -1, 0
    status = {}
    for _ in range(300):
        status = engine_status(eventsdash, workdir)
        taken = status.get("received", 0) + status.get("kernel_drops", 0)
        if taken >= sent:
            break
        still = still + 1 if taken == last else 0
        if still >= 15:
            break
        last = taken
        time.sleep(0.2)
    time.sleep(1.2)  # the status is published once a second: the final figures
    return engine_status(eventsdash, workdir)


def checks(status, sent):
    received, accepted, rejected = status.get("received", -1), status.get("accepted", -1), status.get("rejected", -1)
    drops = status.get("kernel_drops", -1)
    by_reason = sum(status.get("rejected_by_reason", {}).values())
    return {
        "received + kernel drops = sent": received + drops == sent,
        "accepted + rejected = received": accepted + rejected == received,
        "rejections by reason add up": by_reason == rejected,
        "log holds exactly the accepted": status.get("last_sequence", -1) == accepted,
    }


def run_serve(eventsdash, count, rate):
    workdir = tempfile.mkdtemp(prefix="eventsdash-hostile-")
    port = free_port()
    process = subprocess.Popen([eventsdash, "serve", "--workdir", workdir, "--port", str(port), "--listen", "127.0.0.1"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        if not wait_for_engine(eventsdash, workdir):
            raise SystemExit("hostile.py: eventsdash serve did not start: " + process.stderr.read().decode(errors="replace"))
        sent = send(count, port, rate)
        status = settle(eventsdash, workdir, sent)
        results = checks(status, sent)
        results["still running"] = process.poll() is None
        process.send_signal(signal.SIGTERM)
        results["ends cleanly on SIGTERM"] = process.wait(timeout=30) == 0
        return "serve", sent, status, results
    finally:
        if process.poll() is None:
            process.kill()
        shutil.rmtree(workdir, ignore_errors=True)


def tmux(socket_name, *arguments):
    return subprocess.run(["tmux", "-L", socket_name, *arguments], capture_output=True, text=True).stdout


def run_dashboard(eventsdash, count, rate):
    workdir = tempfile.mkdtemp(prefix="eventsdash-hostile-")
    port = free_port()
    socket_name = "eventsdash-hostile-%d" % os.getpid()
    command = "%s --workdir %s --port %d --listen 127.0.0.1; echo EXITED $?; sleep 60" % (eventsdash, workdir, port)
    tmux(socket_name, "new-session", "-d", "-s", "h", "-x", str(COLUMNS), "-y", str(ROWS), command)
    try:
        if not wait_until(lambda: "eventsdash  UDP" in tmux(socket_name, "capture-pane", "-p", "-t", "h"), 20):
            raise SystemExit("hostile.py: the dashboard did not start")
        title = tmux(socket_name, "display-message", "-p", "-t", "h", "#{pane_title}")
        sent = send(count, port, rate)
        status = settle(eventsdash, workdir, sent)
        results = checks(status, sent)
        screen = tmux(socket_name, "capture-pane", "-p", "-t", "h").split("\n")
        results["still running"] = "EXITED" not in "\n".join(screen)
        results["screen whole (header, key bar, widths)"] = (
            screen[0].startswith(" eventsdash  UDP") and "q quit" in screen[ROWS - 1]
            and all(len(line) <= COLUMNS for line in screen))
        results["no escape reached the terminal (title)"] = (
            tmux(socket_name, "display-message", "-p", "-t", "h", "#{pane_title}") == title)
        tmux(socket_name, "send-keys", "-t", "h", "q")
        results["ends cleanly on q"] = wait_until(
            lambda: "EXITED 0" in tmux(socket_name, "capture-pane", "-p", "-t", "h"), 30)
        return "dashboard", sent, status, results
    finally:
        tmux(socket_name, "kill-server")
        shutil.rmtree(workdir, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--count", type=int, default=1_000_000)
    parser.add_argument("--rate", type=int, default=50_000)
    parser.add_argument("--eventsdash", default=os.environ.get("EVENTSDASH_BIN", os.path.join(ROOT, ".build/release/eventsdash")))
    args = parser.parse_args()
    eventsdash = os.path.abspath(args.eventsdash)
    if not os.access(eventsdash, os.X_OK):
        raise SystemExit("hostile.py: no eventsdash at %s (swift build -c release, or --eventsdash PATH)" % eventsdash)

    runs = [run(eventsdash, args.count, args.rate) for run in (run_serve, run_dashboard)]
    print()
    print("| receiver  |      sent |  received |  accepted |  rejected | kernel drops | checks |")
    print("|-----------|-----------|-----------|-----------|-----------|--------------|--------|")
    failed = []
    for name, sent, status, results in runs:
        passed = sum(results.values())
        print("| %-9s | %9d | %9d | %9d | %9d | %12d | %2d / %-2d |" % (
            name, sent, status.get("received", -1), status.get("accepted", -1), status.get("rejected", -1),
            status.get("kernel_drops", -1), passed, len(results)))
        failed += ["%s: %s" % (name, check) for check, ok in results.items() if not ok]
    reasons = runs[0][2].get("rejected_by_reason", {})
    print("\nrejected by reason (serve): " + ", ".join("%s %d" % item for item in sorted(reasons.items()) if item[1]))
    verdict("hostile datagrams", failed)


if __name__ == "__main__":
    main()
