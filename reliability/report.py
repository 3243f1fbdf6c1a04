#!/usr/bin/env python3
"""The whole reliability and security suite, with its figures: one command, about 90 minutes.

    reliability/report.py [--quick] [--eventsdash PATH]

Runs, in turn: fuzzing (10 minutes per target), 1,000,000 hostile datagrams at serve and at the
dashboard, webhook and engine faults (60 s each, 1,000 events), 500 concurrent edits each by
eventsdash and the real gluster-eventsapi, a 10-minute soak (8 webhooks, 1,000 events/s) and a
2-minute soak under LeakSanitizer, and the terminal and security tests of the test suite. Prints
each part's table of figures as it ends, then one summary table. --quick runs every part briefly
(about 10 minutes), as CI does. Exit status 1 when any part fails.
"""
import argparse
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def parts(quick, eventsdash):
    scale = (lambda full, short: short) if quick else (lambda full, short: full)
    py = [sys.executable]
    return [
        ("fuzzing", ["bash", "scripts/fuzz", "-t", scale("600", "20")]),
        ("hostile datagrams", py + ["reliability/hostile.py", "-n", scale("1000000", "20000"), "--eventsdash", eventsdash]),
        ("adversarial", py + ["reliability/adversarial.py", *scale([], ["--quick"]), "--eventsdash", eventsdash]),
        ("faults", py + ["reliability/faults.py", "-d", scale("60", "3"), "-n", scale("1000", "100"), "--eventsdash", eventsdash]),
        ("concurrent edits", py + ["reliability/concurrent_edits.py", "-n", scale("500", "20"), "--eventsdash", eventsdash]),
        ("soak", py + ["reliability/soak.py", "-d", scale("600", "30"), "--eventsdash", eventsdash]),
        ("soak, LeakSanitizer", py + ["reliability/soak.py", "-d", scale("120", "20"), "--leak-check"]),
        ("terminal and security tests", ["swift", "test", "--filter",
                                         "everyEndingRestoresTheTerminalSettings|SecurityTests|SourceAllowlistTests"
                                         "|onlyAllowedSourcesAreTaken|HTTPIngestTests|TLSDeliveryTests|FuzzInputsTests"
                                         "|TerminalTextTests"]),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--eventsdash", default=os.environ.get("EVENTSDASH_BIN", os.path.join(ROOT, ".build/release/eventsdash")))
    args = parser.parse_args()
    os.chdir(ROOT)
    print("==> building eventsdash (release) and the tests", file=sys.stderr)
    # --static-swift-stdlib as every release build (bench/common.sh, scripts/package): one build for all.
    subprocess.run(["swift", "build", "-c", "release", "--product", "eventsdash", "--static-swift-stdlib"], check=True, stdout=sys.stderr)
    subprocess.run(["swift", "build", "--build-tests"], check=True, stdout=sys.stderr)
    summary = []
    for name, command in parts(args.quick, os.path.abspath(args.eventsdash)):
        print("\n## %s\n\n$ %s" % (name, " ".join(command)), flush=True)
        start = time.monotonic()
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        lines = result.stdout.splitlines()
        if name.startswith("terminal"):  # swift test: just its verdict lines
            lines = [line for line in lines if line.startswith(("✔ Test run", "✘", "Test run"))]
        print("\n".join(lines), flush=True)
        summary.append((name, time.monotonic() - start, result.returncode == 0))
    print("\n## Summary\n")
    print("| part                        | minutes | result |")
    print("|-----------------------------|---------|--------|")
    for name, seconds, ok in summary:
        print("| %-27s | %7.1f | %-6s |" % (name, seconds / 60, "PASS" if ok else "FAIL"))
    sys.exit(0 if all(ok for _, _, ok in summary) else 1)


if __name__ == "__main__":
    main()
