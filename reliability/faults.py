#!/usr/bin/env python3
"""Faults while events flow: a webhook down, answering 500, slower than the timeout, resetting
connections, presenting a bad TLS certificate; eventsdash killed with SIGKILL mid-delivery and
started again; the workdir's disk full (a small tmpfs made here; root only).

    reliability/faults.py [-d SECONDS] [-n EVENTS] [--eventsdash PATH] [FAULT…]

For each fault: a fresh `eventsdash serve` and a webhook (a Python HTTP(S) server here), EVENTS
events (default 1,000) sent while the fault lasts SECONDS (default 60), then the fault ends. Checks:
every event reaches the webhook once the fault is over (distinct webhook-id = sent; duplicates
counted, not failed), what `status` said meanwhile names the fault, and every state file is valid
JSON. Prints a table; exit status 1 when a check fails.
"""
import argparse
import http.server
import json
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time

from common import engine_status, free_port, verdict, wait_for_engine

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FAULTS = ["down", "http-500", "slow", "reset", "bad-tls", "kill-9", "disk-full"]
#: Words `status` should show while the fault lasts.
EXPECTED_MESSAGE = {
    "down": "connect", "http-500": "500", "slow": "timed out", "reset": "reply", "bad-tls": "certificate",
    "kill-9": "killed", "disk-full": "No space left on device",
}


class Webhook:
    """A webhook that records each POST's webhook-id and misbehaves as told (`mode`)."""

    def __init__(self, directory, tls):
        self.mode, self.ids, self.numbers, self.lock = "ok", [], set(), threading.Lock()
        self.port, self.tls, self.server = free_port(socket.SOCK_STREAM), tls, None
        self.contexts = {}
        if tls:  # a trusted certificate (given to the webhook as its CA file) and an untrusted one
            for name in ("good", "bad"):
                subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                                "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                                "-keyout", "%s/%s.key" % (directory, name), "-out", "%s/%s.pem" % (directory, name)],
                               check=True, capture_output=True)
                context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
                context.load_cert_chain("%s/%s.pem" % (directory, name), "%s/%s.key" % (directory, name))
                self.contexts[name] = context
            self.ca_file = "%s/good.pem" % directory
        self.url = "%s://127.0.0.1:%d/listen" % ("https" if tls else "http", self.port)
        self.start()

    def start(self):
        webhook = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                mode = webhook.mode
                if mode == "reset":
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                    self.close_connection = True
                    return
                if mode == "slow":
                    time.sleep(3)
                elif mode == "lagging":
                    time.sleep(0.5)
                status = 500 if mode == "http-500" else 200
                # Delivered = answered 200 in time (a slow answer comes after the request timed out).
                if status == 200 and mode != "slow":
                    with webhook.lock:
                        webhook.ids.append(self.headers.get("webhook-id") or body[:40])
                        number = re.search(rb"fault(\d+)", body)
                        if number:
                            webhook.numbers.add(int(number.group(1)))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *arguments):
                pass

        class Server(http.server.ThreadingHTTPServer):
            allow_reuse_address = True
            daemon_threads = True

            def get_request(self):
                connection, address = super().get_request()
                if webhook.tls:
                    context = webhook.contexts["bad" if webhook.mode == "bad-tls" else "good"]
                    connection = context.wrap_socket(connection, server_side=True, do_handshake_on_connect=False)
                return connection, address

            def handle_error(self, request, client_address):
                pass  # failed handshakes and resets are the point

        self.server = Server(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def missing(self, count):
        with self.lock:
            return sorted(set(range(count)) - self.numbers)

    def distinct(self):
        with self.lock:
            return len(set(self.ids)), len(self.ids) - len(set(self.ids))


class Engine:
    def __init__(self, eventsdash, workdir):
        self.eventsdash, self.workdir, self.port, self.process = eventsdash, workdir, free_port(), None

    def command(self, *arguments):
        return subprocess.run([self.eventsdash, *arguments, "--workdir", self.workdir], capture_output=True, text=True)

    def start(self):
        self.process = subprocess.Popen(
            [self.eventsdash, "serve", "--workdir", self.workdir, "--port", str(self.port), "--listen", "127.0.0.1",
             "--timeout", "1", "--connect-timeout", "1", "--retry-first-delay", "0.2", "--retry-max-delay", "1"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_engine(self.eventsdash, self.workdir)

    def status(self):
        return engine_status(self.eventsdash, self.workdir)

    def stop(self, how=signal.SIGTERM):
        if self.process and self.process.poll() is None:
            self.process.send_signal(how)
            self.process.wait(timeout=60)


def send_events(port, first, count, seconds):
    """`count` datagrams over `seconds`, numbered from `first`."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    start = time.monotonic()
    for i in range(count):
        sock.sendto(b"%d 2 name=fault%d" % (int(time.time()), first + i), ("127.0.0.1", port))
        delay = start + (i + 1) * seconds / count - time.monotonic()
        if delay > 0:
            time.sleep(delay)


def keep_full(path, stop):
    """Appends zeros to `path` whenever the filesystem has room, until `stop` is set."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        while not stop.is_set():
            try:
                os.write(fd, b"\0" * 4096)
            except OSError:
                time.sleep(0.005)
    finally:
        os.close(fd)


def state_files_valid(workdir):
    names = ["webhooks.json", "config.json", "engine.json", "delivery-positions.json"]
    bad = []
    for name in names:
        path = os.path.join(workdir, name)
        if os.path.exists(path):
            try:
                json.load(open(path))
            except ValueError:
                bad.append(name)
    return bad


def what_status_says(engine, url):
    status = engine.status()
    health = status.get("webhooks", {}).get(url, {})
    return " / ".join(filter(None, [status.get("problem"), health.get("last_error") or
                                    (health.get("last_status") and "HTTP %s" % health["last_status"])]))


def engine_explains(engine, url):
    """What the engine says of a webhook that did not get every event: its health and given-up list."""
    status = engine.status()
    ingest = {key: status.get(key) for key in ("received", "accepted", "rejected", "kernel_drops", "last_sequence")}
    health = status.get("webhooks", {}).get(url, {})
    given_up = engine.command("given-up", url).stdout.strip()
    return ["engine's ingest: " + json.dumps(ingest), "engine's health of the webhook: " + json.dumps(health, sort_keys=True),
            "given-up: " + given_up]


def run_fault(fault, eventsdash, count, seconds):
    directory = tempfile.mkdtemp(prefix="eventsdash-fault-")
    workdir = os.path.join(directory, "work")
    os.makedirs(workdir)
    mounted = False
    webhook = Webhook(directory, tls=(fault == "bad-tls"))
    engine = Engine(eventsdash, workdir)
    try:
        if fault == "disk-full":
            subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", workdir], check=True)
            mounted = True
        extra = ["--ca-file", webhook.ca_file] if fault == "bad-tls" else []
        engine.command("webhook-add", webhook.url, *extra)
        engine.start()
        # The fault begins.
        if fault == "down":
            webhook.stop()
        elif fault in ("http-500", "slow", "reset", "bad-tls"):
            webhook.mode = fault
        elif fault == "kill-9":
            webhook.mode = "lagging"  # 0.5 s an answer: deliveries are still going on when it is killed
        elif fault == "disk-full":
            # Full, and kept full: a block the engine frees (renaming its status file over the old
            # one) is taken again at once, as another writer on a full disk would.
            filling = threading.Event()
            filler = threading.Thread(target=keep_full, args=(os.path.join(workdir, "filler"), filling))
            filler.start()
            time.sleep(0.5)
        messages = []
        sender = threading.Thread(target=send_events, args=(engine.port, 0, count, 1 if fault == "kill-9" else seconds))
        sender.start()
        if fault == "kill-9":
            sender.join()
            while engine.status().get("last_sequence", 0) < count:  # all logged: none is lost with the process
                time.sleep(0.05)
            while webhook.distinct()[0] < count // 3:
                time.sleep(0.01)
            engine.stop(signal.SIGKILL)
            messages.append("killed with %d of %d delivered" % (webhook.distinct()[0], count))
            time.sleep(seconds)
            engine.start()
        elif fault == "disk-full":
            sender.join()
            time.sleep(6.5)  # `status` reads the figures the engine last managed to write, and sees their age
            messages.append(what_status_says(engine, webhook.url))
            filling.set()
            filler.join()
            os.remove(os.path.join(workdir, "filler"))
        else:
            said, deadline = "", time.monotonic() + max(seconds, 5)
            while not said and time.monotonic() < deadline:  # the status is published once a second
                time.sleep(0.25)
                said = what_status_says(engine, webhook.url)
            messages.append(said)
            sender.join()
        # The fault ends.
        if fault == "down":
            webhook.start()
        webhook.mode = "ok"
        ended = time.monotonic()
        while time.monotonic() < ended + 120 and webhook.distinct()[0] < count:
            time.sleep(0.05)
        recovery = time.monotonic() - ended
        time.sleep(1.5)  # duplicates still on their way
        distinct, duplicates = webhook.distinct()
        alive = engine.process.poll() is None
        missing = [] if distinct == count else ["events not delivered: %s" % webhook.missing(count)[:20]] + engine_explains(engine, webhook.url)
        engine.stop()
        bad_files = state_files_valid(workdir)
        said = messages[0] if messages else ""
        checks = {
            "every event delivered": distinct == count,
            "status named the fault": EXPECTED_MESSAGE[fault].lower() in said.lower() and (said != "" or fault == "reset"),
            "state files valid": not bad_files,
            "engine stayed up": alive,
        }
        return {"fault": fault, "sent": count, "delivered": distinct, "duplicates": duplicates, "said": said, "recovery": recovery,
                "bad_files": bad_files, "checks": checks, "missing": missing}
    finally:
        engine.stop(signal.SIGKILL)
        try:
            webhook.stop()
        except Exception:
            pass
        if mounted:
            subprocess.run(["umount", "-l", workdir])
        shutil.rmtree(directory, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-d", "--seconds", type=float, default=60)
    parser.add_argument("-n", "--events", type=int, default=1000)
    parser.add_argument("--eventsdash", default=os.environ.get("EVENTSDASH_BIN", os.path.join(ROOT, ".build/release/eventsdash")))
    parser.add_argument("faults", nargs="*", metavar="FAULT", help="any of: " + " ".join(FAULTS))
    args = parser.parse_args()
    eventsdash = os.path.abspath(args.eventsdash)
    unknown = set(args.faults) - set(FAULTS)
    if unknown:
        parser.error("unknown fault %s (choose from: %s)" % (", ".join(sorted(unknown)), " ".join(FAULTS)))
    faults = [f for f in (args.faults or FAULTS) if f != "disk-full" or os.geteuid() == 0]
    results = []
    for fault in faults:
        print("==> %s for %g s, %d events" % (fault, args.seconds, args.events), file=sys.stderr)
        results.append(run_fault(fault, eventsdash, args.events, args.seconds))
    print()
    print("| fault      |  sent | delivered | duplicates | lost | all in (s) | state files | status said meanwhile")
    print("|------------|-------|-----------|------------|------|------------|-------------|----------------------")
    failed = []
    for r in results:
        print("| %-10s | %5d | %9d | %10d | %4d | %10.1f | %-11s | %s" % (
            r["fault"], r["sent"], r["delivered"], r["duplicates"], r["sent"] - r["delivered"], r["recovery"],
            "valid" if not r["bad_files"] else "BAD: " + ",".join(r["bad_files"]), r["said"][:70]))
        failed += ["%s: %s" % (r["fault"], check) for check, ok in r["checks"].items() if not ok]
        failed += ["%s: %s" % (r["fault"], line) for line in r["missing"]]
    if "disk-full" in (args.faults or FAULTS) and "disk-full" not in faults:
        print("(disk-full skipped: it mounts a tmpfs, which needs root)")
    verdict("faults", failed)


if __name__ == "__main__":
    main()
