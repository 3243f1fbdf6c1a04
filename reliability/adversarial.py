#!/usr/bin/env python3
"""The security review's attacks, each against a fresh `eventsdash serve` with HTTP ingest (or the
dashboard in a real terminal, tmux 120x40), while valid UDP datagrams go on arriving at 200/s.

    reliability/adversarial.py [--quick] [--eventsdash PATH] [ATTACK…]

Attacks: pipeline-no-read (30 MB of pipelined GETs, answers never read), unauth-bodies (150 1 MiB
POSTs without the token, left open), bodies-one-short (150 bodies one byte short of their
Content-Length, left open), slowloris (200 connections trickling headers a byte a second, request
timeout 3 s), connection-flood (10,000 connections at once, held 5 s), random-json (2,000 random and
almost-valid JSON bodies over keep-alive connections), deep-nesting (arrays 100,000 deep, objects
50,000 deep, an event whose message is 10,000 deep), node-id-flood (3,000 events with 2 KB node ids,
terminal escapes among them, then 3,000 distinct UUIDs), udp-huge-numbers (timestamps and types at
and past 2^63, at serve and at the dashboard, whose detail view opens the event) and
udp-control-bytes-dashboard (1,500 datagrams of 65,490 control bytes at the dashboard),
metrics-scrape-flood (2,000 connections at `--metrics`' listener, 20 pipelined scrapes each),
forged-problems(-dashboard) (10,000 invented bricks, then a real quorum lost) and
alertmanager-flood (the same told to an Alertmanager: bounded requests, printable labels) and
many-webhooks (20,000 refusing webhooks beside a healthy one, then removed: memory given back),
hostile-volume-names (4,500 bricks down in volumes named to break a Nagios line), huge-state-files
(state files past their size budgets) and secrets-in-urls (a webhook URL with a password and a key).

Checks, for each: the process stays up (and ends cleanly when asked), its peak RSS (sampled every
0.1 s) stays at or under 150 MiB, every UDP probe sent meanwhile is accepted, the counters show the
limit reached where one applies, and what the attack itself demands (every request answered,
engine.json small, no raw control byte in `status`, the screen whole…). Prints one row per attack;
exit status 1 when a check fails. The full run takes about 2 minutes; --quick (CI, about 1.5) sends
300 random bodies and 1,000 + 1,000 node ids, trickles for 5 s, holds the flood 3 s and the short
bodies past a 4 s request timeout, and waits less between steps.
"""
import argparse
import collections
import errno
import http.client
import json
import os
import random
import re
import resource
import selectors
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid

from common import engine_status, free_port, verdict, wait_for_engine, wait_until

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
COLUMNS, ROWS = 120, 40
MIB = 1 << 20
RSS_LIMIT_MIB = 150
ENGINE_JSON_LIMIT = 256 << 10
PROBE_RATE = 200
TOKEN = "adversarial-token"
# Raw control bytes in text meant for a terminal: C0 but newline, DEL and C1.
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f\x80-\x9f]")


# MARK: - Watching a process: memory and UDP probes

def rss_mib(pid):
    try:
        with open("/proc/%d/status" % pid) as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


class RSSSampler(threading.Thread):
    """VmRSS of `pid` every 0.1 s: the latest and the peak, in MiB."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.latest, self.peak = pid, 0.0, 0.0
        self.halt = threading.Event()

    def run(self):
        while not self.halt.is_set():
            value = rss_mib(self.pid)
            if value is not None:
                self.latest, self.peak = value, max(self.peak, value)
            self.halt.wait(0.1)

    def stop(self):
        self.halt.set()
        self.join()


class Prober(threading.Thread):
    """Valid datagrams (`TS 2 name=probeN`) at PROBE_RATE a second until stopped."""

    def __init__(self, port):
        super().__init__(daemon=True)
        self.port, self.sent = port, 0
        self.halt = threading.Event()

    def run(self):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            start = time.monotonic()
            while not self.halt.is_set():
                sock.sendto(b"%d 2 name=probe%d" % (time.time(), self.sent), ("127.0.0.1", self.port))
                self.sent += 1
                delay = start + self.sent / PROBE_RATE - time.monotonic()
                if delay > 0:
                    self.halt.wait(delay)

    def stop(self):
        self.halt.set()
        self.join()


# MARK: - What is attacked: serve, or the dashboard in tmux

class Serve:
    """`eventsdash serve` on a fresh workdir, UDP and HTTP ingest on loopback."""

    name = "serve"

    def __init__(self, eventsdash, options):
        self.eventsdash = eventsdash
        self.workdir = tempfile.mkdtemp(prefix="eventsdash-adversarial-")
        self.udp_port, self.http_port = free_port(), free_port(socket.SOCK_STREAM)
        self.stderr = tempfile.TemporaryFile()
        limits = resource.getrlimit(resource.RLIMIT_NOFILE)
        self.process = subprocess.Popen(
            [eventsdash, "serve", "--workdir", self.workdir, "--port", str(self.udp_port), "--listen", "127.0.0.1",
             "--listen-http", "127.0.0.1:%d" % self.http_port, *options],
            stdout=subprocess.DEVNULL, stderr=self.stderr,
            preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_NOFILE, limits))
        if not wait_for_engine(eventsdash, self.workdir):
            self.close()
            raise SystemExit("adversarial.py: eventsdash serve did not start: " + self.errors())
        self.pid = self.process.pid

    def status(self):
        return engine_status(self.eventsdash, self.workdir)

    def alive(self):
        return self.process.poll() is None

    def log(self):
        """All it wrote to standard error: the operator log."""
        self.stderr.seek(0)
        return self.stderr.read().decode(errors="replace")

    def errors(self):
        return self.log()[-2000:]

    def end(self, within=30):
        """Whether it ends cleanly on SIGTERM, within `within` seconds."""
        if not self.alive():
            return False
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=within) == 0
        except subprocess.TimeoutExpired:
            return False

    def close(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.workdir, ignore_errors=True)


class Dashboard:
    """The dashboard (with its engine) in tmux, 120x40."""

    name = "dashboard"

    def __init__(self, eventsdash, options):
        self.eventsdash = eventsdash
        self.workdir = tempfile.mkdtemp(prefix="eventsdash-adversarial-")
        self.udp_port, self.http_port = free_port(), None
        self.socket = "eventsdash-adversarial-%d" % os.getpid()
        command = "%s --workdir %s --port %d --listen 127.0.0.1 %s; echo EXITED $?; sleep 60" % (
            eventsdash, self.workdir, self.udp_port, " ".join(options))
        self.tmux("new-session", "-d", "-s", "h", "-x", str(COLUMNS), "-y", str(ROWS), command)
        if not wait_until(lambda: "eventsdash  UDP" in self.screen(), 20) or not wait_for_engine(eventsdash, self.workdir):
            self.close()
            raise SystemExit("adversarial.py: the dashboard did not start")
        shell = self.tmux("display-message", "-p", "-t", "h", "#{pane_pid}").strip()
        children = subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True).stdout.split()
        self.pid = int(children[0])
        self.title = self.tmux("display-message", "-p", "-t", "h", "#{pane_title}")
        self.socket_path = self.tmux("display-message", "-p", "#{socket_path}").strip()

    def tmux(self, *arguments):
        return subprocess.run(["tmux", "-L", self.socket, *arguments], capture_output=True, text=True).stdout

    def screen(self):
        return self.tmux("capture-pane", "-p", "-t", "h")

    def status(self):
        return engine_status(self.eventsdash, self.workdir)

    def alive(self):
        return "EXITED" not in self.screen() and rss_mib(self.pid) is not None

    def whole(self):
        """Header on the first line, key bar on the last, no line over the width, title unchanged."""
        screen = self.screen().split("\n")
        return (len(screen) >= ROWS and screen[0].startswith(" eventsdash  UDP") and "q quit" in screen[ROWS - 1]
                and all(len(line) <= COLUMNS for line in screen)
                and self.tmux("display-message", "-p", "-t", "h", "#{pane_title}") == self.title)

    def end(self, within=30):
        """Whether q (after Escape, should a view be open) ends it with status 0 (each key given
        3 s, whatever `within`)."""
        for keys in (["q"], ["Escape"], ["q"], ["q"]):
            self.tmux("send-keys", "-t", "h", *keys)
            if wait_until(lambda: "EXITED" in self.screen(), 3):
                break
        return "EXITED 0" in self.screen()

    def close(self):
        if not getattr(self, "socket_path", ""):
            self.socket_path = self.tmux("display-message", "-p", "#{socket_path}").strip()
        self.tmux("kill-server")
        if self.socket_path.endswith(self.socket):  # tmux may leave its socket file behind
            try:
                os.unlink(self.socket_path)
            except OSError:
                pass
        shutil.rmtree(self.workdir, ignore_errors=True)


def send_paced(port, datagrams):
    """Sends each datagram to 127.0.0.1:`port`, 10 ms apart every 500 (the socket buffer is not
    what is tested)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        for index, datagram in enumerate(datagrams):
            sock.sendto(datagram, ("127.0.0.1", port))
            if index % 500 == 499:
                time.sleep(0.01)


# MARK: - Raw TCP clients

def connect(port, blocking=True):
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock.setblocking(blocking)
    return sock


class Client:
    """One connection pushing `payload` (without reading, or reading what comes back as it goes)."""

    def __init__(self, sock, payload):
        self.sock, self.payload, self.offset = sock, memoryview(payload), 0
        self.received, self.closed, self.error = b"", False, None

    @property
    def status(self):
        """The status code of the first answer, or None."""
        match = re.match(rb"HTTP/1\.[01] (\d{3})", self.received)
        return int(match.group(1)) if match else None


def pump(clients, read=True, stall=3.0, limit=120.0):
    """Writes every client's payload (non-blocking, all at once); reads answers as they come when
    `read`. Stops once all are written or failed, or nothing moved for `stall` seconds."""
    selector = selectors.DefaultSelector()
    writing = set(range(len(clients)))

    def interest(index):
        client = clients[index]
        wanted = (selectors.EVENT_WRITE if index in writing else 0) | (selectors.EVENT_READ if read and not client.closed else 0)
        if wanted:
            selector.modify(client.sock, wanted, index)
        else:
            selector.unregister(client.sock)

    for index, client in enumerate(clients):
        selector.register(client.sock, selectors.EVENT_WRITE | (selectors.EVENT_READ if read else 0), index)
    moved = start = time.monotonic()
    while writing and time.monotonic() - moved < stall and time.monotonic() - start < limit:
        for key, events in selector.select(timeout=0.2):
            index, client = key.data, clients[key.data]
            if events & selectors.EVENT_READ and take(client):
                moved = time.monotonic()
            if events & selectors.EVENT_WRITE and client.error is None:
                try:
                    client.offset += client.sock.send(client.payload[client.offset:client.offset + (256 << 10)])
                    moved = time.monotonic()
                except BlockingIOError:
                    pass
                except OSError as error:
                    client.error = error.errno
            if index in writing and (client.offset >= len(client.payload) or client.error is not None):
                writing.discard(index)
            interest(index)
    selector.close()


def take(client):
    """Reads what is there (keeping the first 4 KiB); whether anything came. Marks EOF and resets."""
    try:
        data = client.sock.recv(65536)
    except BlockingIOError:
        return False
    except OSError as error:
        client.closed, client.error = True, client.error or error.errno
        return True
    if not data:
        client.closed = True
        return True
    client.received = (client.received + data)[:4096]
    return True


def gather(clients, seconds, until_closed=False):
    """Reads answers and closures for `seconds` (the connections left open meanwhile), or until all
    are closed when `until_closed`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not (until_closed and all(client.closed for client in clients)):
        selector = selectors.DefaultSelector()
        for client in clients:
            if not client.closed:
                selector.register(client.sock, selectors.EVENT_READ, client)
        if not selector.get_map():
            time.sleep(min(0.2, max(0, deadline - time.monotonic())))
            continue
        for key, _ in selector.select(timeout=min(0.2, max(0, deadline - time.monotonic()))):
            take(key.data)
        selector.close()


def close_all(clients):
    for client in clients:
        try:
            client.sock.close()
        except OSError:
            pass


def statuses(clients):
    """How the clients ended: answers by status, and connections closed with no answer or still open."""
    counted = collections.Counter()
    for client in clients:
        if client.status is not None:
            counted[str(client.status)] += 1
        elif client.closed or client.error is not None:
            counted["closed, no answer"] += 1
        else:
            counted["open, no answer"] += 1
    return dict(counted)


def post_raw(port, body):
    """POSTs `body` on a connection of its own, reading while writing (a body refused on its head is
    answered before it is sent whole, and the connection closed); the answer's status or None."""
    head = b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body)
    client = Client(connect(port, blocking=False), head + body)
    pump([client], stall=5.0)
    gather([client], 5.0, until_closed=True)
    close_all([client])
    return client.status


def served_after(port):
    """Whether a plain GET is still answered 200 (HTTP ingest survived the attack)."""
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/")
        ok = connection.getresponse().status == 200
        connection.close()
        return ok
    except (OSError, http.client.HTTPException):
        return False


def metrics_page(port):
    """The `/metrics` page, or b"" when it is not served."""
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/metrics")
        answer = connection.getresponse()
        page = answer.read() if answer.status == 200 else b""
        connection.close()
        return page
    except (OSError, http.client.HTTPException):
        return b""


def http_figures(status):
    http = status.get("http") or {}
    return http.get("rejected_by_reason") or {}, http.get("closed_by_reason") or {}


def answered(status, clients):
    """The HTTP rejections and closures the engine counted, the answers the clients got, and a line saying both."""
    rejected, closed = http_figures(status)
    answers = statuses(clients)
    return rejected, closed, answers, "answers %s; rejected %s; closed %s" % (describe(answers), describe(rejected), describe(closed))


def describe(figures):
    return ", ".join("%s %d" % item for item in sorted(figures.items()) if item[1]) or "nothing"


# MARK: - The attacks

class Attack:
    """What every attack shares: `target` made, `run` (connections opened, used and closed), then
    `judge(status)`: what was counted and the attack's own checks."""

    options = []
    dashboard = False
    rss_limit_mib = RSS_LIMIT_MIB
    end_within = 30  # seconds SIGTERM may take

    def __init__(self, quick, eventsdash):
        self.quick, self.eventsdash = quick, eventsdash
        self.notes = []
        self.udp_extra = 0

    def scale(self, full, short):
        return short if self.quick else full

    def probes_accepted(self, status):
        """The probes among the datagrams accepted (less those the attack sent itself)."""
        return status.get("accepted", 0) - self.udp_extra


class PipelineNoRead(Attack):
    name = "pipeline-no-read"

    def run(self, target):
        total = 30_000_000
        request = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"
        payload = request * (total // len(request))
        sock = connect(target.http_port, blocking=False)
        self.client = Client(sock, payload)
        pump([self.client], read=False, stall=self.scale(5.0, 3.0))
        self.open_at_end = not self.client.closed and self.client.error is None
        close_all([self.client])
        self.served = served_after(target.http_port)

    def judge(self, status):
        rejected, closed = http_figures(status)
        taken = self.client.offset
        counted = "taken %.1f of %.0f MB; %s%s; closed %s" % (
            taken / 1e6, len(self.client.payload) / 1e6, "server closed it" if not self.open_at_end else "stalled",
            " (errno %s)" % self.client.error if self.client.error else "", describe(closed))
        return counted, {
            "the server stopped taking requests (backpressure or closed)": taken < len(self.client.payload),
            "HTTP still served afterwards": self.served,
        }


class UnauthBodies(Attack):
    name = "unauth-bodies"
    options = ["--http-token", TOKEN]

    def run(self, target):
        body = b"x" * MIB
        payload = (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body)) + body
        self.clients = [Client(connect(target.http_port, blocking=False), payload) for _ in range(150)]
        pump(self.clients)
        gather(self.clients, 2.0)  # left open
        close_all(self.clients)
        self.served = served_after(target.http_port)

    def judge(self, status):
        rejected, closed, answers, counted = answered(status, self.clients)
        return counted, {
            "every connection answered 401": answers.get("401", 0) == len(self.clients),
            "counted: unauthorized = 150": rejected.get("unauthorized", 0) == len(self.clients),
            "HTTP still served afterwards": self.served,
        }


class BodiesOneShort(Attack):
    name = "bodies-one-short"

    def __init__(self, quick, eventsdash):
        super().__init__(quick, eventsdash)
        self.timeout = self.scale(10, 4)
        self.options = ["--http-request-timeout", str(self.timeout)]

    def run(self, target):
        payload = b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1048576\r\n\r\n" + b"x" * (MIB - 1)
        start = time.monotonic()
        self.clients = [Client(connect(target.http_port, blocking=False), payload) for _ in range(150)]
        pump(self.clients, stall=2.0)
        gather(self.clients, max(2.0, start + self.timeout + 2.5 - time.monotonic()))  # left open past the deadline
        close_all(self.clients)
        self.served = served_after(target.http_port)

    def judge(self, status):
        rejected, closed, answers, counted = answered(status, self.clients)
        return counted, {
            "counted: busy (503)": rejected.get("busy", 0) > 0,
            "counted: request_timeout": closed.get("request_timeout", 0) > 0,
            "busy + request_timeout = 150": rejected.get("busy", 0) + closed.get("request_timeout", 0) == len(self.clients),
            "HTTP still served afterwards": self.served,
        }


class Slowloris(Attack):
    name = "slowloris"
    options = ["--http-request-timeout", "3"]

    def run(self, target):
        head = b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Slow: " + b"a" * 64
        clients = [Client(connect(target.http_port, blocking=False), head) for _ in range(200)]
        seconds = self.scale(15, 5)
        self.still_open = []
        for second in range(seconds):
            for client in clients:
                if client.closed or client.error is not None:
                    continue
                take(client)
                try:
                    client.sock.send(client.payload[second:second + 1])
                    client.offset += 1
                except BlockingIOError:
                    pass
                except OSError as error:
                    client.error = error.errno
            self.still_open.append(sum(1 for client in clients if not client.closed and client.error is None))
            time.sleep(1)
        gather(clients, 0.5)
        self.clients = clients
        close_all(clients)
        self.served = served_after(target.http_port)

    def judge(self, status):
        rejected, closed = http_figures(status)
        counted = "open after each second %s; closed %s" % (
            "/".join(map(str, self.still_open)), describe(closed))
        return counted, {
            "counted: request_timeout = 200": closed.get("request_timeout", 0) == len(self.clients),
            "HTTP still served afterwards": self.served,
        }


class ConnectionFlood(Attack):
    name = "connection-flood"

    def run(self, target):
        count = self.scale(10_000, 10_000)
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if soft < count + 500:
            resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, count + 1000), hard))
        socks = []
        self.failed = 0
        for _ in range(count):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setblocking(False)
            if sock.connect_ex(("127.0.0.1", target.http_port)) not in (0, errno.EINPROGRESS):
                self.failed += 1
            socks.append(sock)
        hold = self.scale(5.0, 3.0)
        self.open_connections = []
        deadline = time.monotonic() + hold
        while time.monotonic() < deadline:
            self.open_connections.append((target.status().get("http") or {}).get("open_connections", -1))
            time.sleep(0.5)
        # How each ended: still connected, closed by the server (EOF or reset), never connected.
        outcome = collections.Counter()
        for sock in socks:
            error = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if error:
                outcome["refused/failed"] += 1
                continue
            try:
                data = sock.recv(1)
                outcome["closed by server" if data == b"" else "answered"] += 1
            except BlockingIOError:
                try:
                    sock.getpeername()
                    outcome["connected, open"] += 1
                except OSError:
                    outcome["still connecting"] += 1
            except OSError:
                outcome["reset by server"] += 1
        self.outcome = dict(outcome)
        self.count = count
        for sock in socks:
            sock.close()
        self.served = served_after(target.http_port)

    def judge(self, status):
        rejected, closed = http_figures(status)
        counted = "%s; open_connections max %d; closed %s" % (
            describe(self.outcome), max(self.open_connections or [-1]), describe(closed))
        return counted, {
            "counted: connection_limit": closed.get("connection_limit", 0) > 0,
            "open connections never over 256": max(self.open_connections or [0]) <= 256,
            "HTTP still served afterwards": self.served,
        }


def random_json(rng, depth=0):
    kind = rng.random()
    if depth > rng.randint(2, 7) or kind < 0.35:
        return rng.choice([
            lambda: rng.randint(-2**63 - 10, 2**63 + 10),
            lambda: rng.choice([1, -1]) * 10 ** rng.randint(19, 400),
            lambda: rng.uniform(-1e308, 1e308),
            lambda: rng.choice([1e-320, 5e-324, -0.0, 1.7976931348623157e308, 2.2250738585072014e-308]),
            lambda: "".join(chr(rng.choice([rng.randint(0, 0x7f), rng.randint(0x80, 0xd7ff), rng.randint(0xe000, 0x10ffff)]))
                            for _ in range(rng.randint(0, 40))),
            lambda: rng.choice([True, False, None]),
        ])()
    if kind < 0.7:
        return {random_key(rng): random_json(rng, depth + 1) for _ in range(rng.randint(0, 8))}
    return [random_json(rng, depth + 1) for _ in range(rng.randint(0, 8))]


def random_key(rng):
    return rng.choice(["event", "message", "nodeid", "ts", "", "\x00", "a" * rng.randint(1, 300), "\u202e\x1b[2J",
                       "".join(chr(rng.randint(1, 0x2fff)) for _ in range(rng.randint(1, 12)))])


def almost_event(rng):
    """glustereventsd's JSON with one or more fields of the wrong type (sometimes all right)."""
    wrong = {
        "event": [7, None, [], {}, True, "", "x" * 5000, "VOLUME_START\x1b[2J", 1e300],
        "message": ["text", 3, None, [1, 2], True, "\x00\x1b]0;pwned\x07", 10 ** 30],
        "nodeid": [5, None, {}, [], "", True, 2 ** 64, "a" * 200],
        "ts": ["1700000000", 1.5, -1, 2 ** 63, 2 ** 63 - 1, -2 ** 63, 10 ** 40, None, True, 1e308, "", []],
    }
    event = {"event": "VOLUME_START", "message": {"name": "v%d" % rng.randint(0, 99)},
             "nodeid": str(uuid.uuid4()), "ts": int(time.time())}
    for key in rng.sample(sorted(wrong), rng.randint(0, 4)):
        event[key] = rng.choice(wrong[key])
    if rng.random() < 0.1:
        del event[rng.choice(sorted(event))]
    return event


def mangle(rng, text):
    """Almost JSON: cut short, an extra byte, Infinity/NaN, a bare huge exponent, a lone surrogate."""
    choice = rng.randint(0, 5)
    if choice == 0 and text:
        return text[:rng.randint(0, len(text) - 1)]
    if choice == 1:
        return text + rng.choice(["}", "]", ",", "\x00", "x"])
    if choice == 2:
        return '{"event": "X", "message": {"a": %s}, "nodeid": "n", "ts": 1}' % rng.choice(
            ["Infinity", "-Infinity", "NaN", "1e999999999", "-1e-999999999", "0x10", "01", "1.", ".5", "+1"])
    if choice == 3:
        return '{"event": "\\ud800", "message": {}, "nodeid": "\\udfff", "ts": 1}'
    if choice == 4:
        return '{"ts": %s, "event": "X", "message": {}, "nodeid": "n"}' % ("9" * rng.randint(19, 5000))
    return text.encode("utf-8", "surrogatepass")[:-1].decode("utf-8", "ignore") + "\xff"


class RandomJSON(Attack):
    name = "random-json"

    def run(self, target):
        rng = random.Random(20261130)
        count = self.scale(2000, 300)
        bodies = []
        for index in range(count):
            roll = rng.random()
            if roll < 0.45:
                text = json.dumps(random_json(rng), ensure_ascii=rng.random() < 0.5)
            elif roll < 0.85:
                text = json.dumps(almost_event(rng), ensure_ascii=rng.random() < 0.5)
            elif roll < 0.98:
                text = mangle(rng, json.dumps(random_json(rng)))
            else:
                text = json.dumps({"event": "BIG", "message": {"x": "y" * (MIB + rng.randint(0, 1000))}, "nodeid": "n", "ts": 1})
            bodies.append(text.encode("utf-8", "surrogatepass"))
        self.answers = collections.Counter()
        self.hung = 0
        self.slowest = 0.0
        lanes = 4
        threads = [threading.Thread(target=self.lane, args=(target.http_port, bodies[lane::lanes])) for lane in range(lanes)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.count = count
        self.served = served_after(target.http_port)

    def lane(self, port, bodies):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        for body in bodies:
            began = time.monotonic()
            if len(body) > MIB:  # 413 on its head: http.client would fail writing the rest, not read the answer
                status = post_raw(port, body)
                self.answers[str(status) if status else "no answer"] += 1
                continue
            try:
                connection.request("POST", "/listen", body=body, headers={"Content-Type": "application/json"})
                response = connection.getresponse()
                response.read()
                self.answers[str(response.status)] += 1
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except socket.timeout:
                self.hung += 1
                connection.close()
            except (OSError, http.client.HTTPException) as error:
                self.answers["error " + type(error).__name__] += 1
                connection.close()
            self.slowest = max(self.slowest, time.monotonic() - began)
        connection.close()

    def judge(self, status):
        rejected, closed = http_figures(status)
        http = status.get("http") or {}
        counted = "answers %s; slowest %.2f s; events %d, pings %d, rejected %s" % (
            describe(self.answers), self.slowest, http.get("events", -1), http.get("pings", -1), describe(rejected))
        return counted, {
            "every request answered 200/400/413": sum(self.answers[code] for code in ("200", "400", "413")) == self.count,
            "none hung": self.hung == 0,
            "requests counted = sent (+ the GET after)": http.get("requests", -1) == self.count + 1,
            "HTTP still served afterwards": self.served,
        }


class DeepNesting(Attack):
    name = "deep-nesting"

    def run(self, target):
        message = '{"a":' * 10_000 + "1" + "}" * 10_000
        self.bodies = [
            ("[x100000", "[" * 100_000 + "]" * 100_000),
            ('{"a": x50000', '{"a":' * 50_000 + "1" + "}" * 50_000),
            ("event, message x10000", '{"event":"VOLUME_START","message":%s,"nodeid":"%s","ts":1700000000}' % (message, uuid.uuid4())),
        ]
        self.answers = []
        for label, body in self.bodies:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", target.http_port, timeout=20)
                connection.request("POST", "/", body=body.encode(), headers={"Content-Type": "application/json"})
                response = connection.getresponse()
                text = response.read().decode(errors="replace").strip()
                self.answers.append((label, str(response.status), text[:60]))
                connection.close()
            except (OSError, http.client.HTTPException) as error:
                self.answers.append((label, "no answer (%s)" % type(error).__name__, ""))
        self.served = served_after(target.http_port)

    def judge(self, status):
        counted = "; ".join("%s: %s %s" % answer for answer in self.answers)
        return counted, {
            "each answered 400 or 200": all(code in ("200", "400") for _, code, _ in self.answers),
            "HTTP still served afterwards": self.served,
        }


class NodeIDFlood(Attack):
    name = "node-id-flood"

    def run(self, target):
        rng = random.Random(7)
        count = self.scale(3000, 1000)
        escape = "\x1b]0;pwned\x07\x1b[2J"
        long_ids = []
        for index in range(count):
            filler = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789-") for _ in range(2048))
            node = ("%d-" % index + (escape if index % 3 == 0 else "") + filler)[:2048]
            long_ids.append(node)
        self.answers = {"2 KB ids": collections.Counter(), "UUIDs": collections.Counter()}
        for kind, ids in (("2 KB ids", long_ids), ("UUIDs", [str(uuid.uuid4()) for _ in range(count)])):
            lanes = 4
            threads = [threading.Thread(target=self.lane, args=(target.http_port, ids[lane::lanes], self.answers[kind]))
                       for lane in range(lanes)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        time.sleep(2.2)  # the status is published once a second
        listing = subprocess.run(["ls", "-l", target.workdir], capture_output=True, text=True).stdout
        path = os.path.join(target.workdir, "engine.json")
        self.engine_json = os.path.getsize(path) if os.path.exists(path) else -1
        self.listing = listing
        text = subprocess.run([target.eventsdash, "status", "--workdir", target.workdir], capture_output=True).stdout
        decoded = text.decode("utf-8", "replace")
        self.status_bytes = len(text)
        self.controls = len(CONTROL.findall(decoded))
        self.escapes = decoded.count("\x1b")
        self.served = served_after(target.http_port)

    def lane(self, port, ids, answers):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        for node in ids:
            body = json.dumps({"event": "VOLUME_START", "message": {"name": "v"}, "nodeid": node, "ts": int(time.time())})
            try:
                connection.request("POST", "/", body=body.encode(), headers={"Content-Type": "application/json"})
                response = connection.getresponse()
                response.read()
                answers[str(response.status)] += 1
            except (OSError, http.client.HTTPException) as error:
                answers["error " + type(error).__name__] += 1
                connection.close()
        connection.close()

    def judge(self, status):
        rejected, closed = http_figures(status)
        counted = "answers: 2 KB ids %s, UUIDs %s; nodes in status %d; engine.json %d bytes; status text %d bytes, %d raw control bytes (%d ESC)" % (
            describe(self.answers["2 KB ids"]), describe(self.answers["UUIDs"]), len(status.get("nodes") or {}),
            self.engine_json, self.status_bytes, self.controls, self.escapes)
        return counted, {
            "engine.json <= 256 KB": 0 <= self.engine_json <= ENGINE_JSON_LIMIT,
            "no raw control byte in status": self.controls == 0,
            "HTTP still served afterwards": self.served,
        }


HUGE = [b"9223372036854775807 1 k=v", b"-9223372036854775808 1 k=v", b"99999999999999999999 1 k=v", b"1 9223372036854775807 k=v"]


class UDPHugeNumbers(Attack):
    """At serve: the four datagrams (while the probes go on). Then, on a dashboard of its own, the
    first one opened in the detail view."""
    name = "udp-huge-numbers"

    def run(self, target):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            for datagram in HUGE:
                sock.sendto(datagram, ("127.0.0.1", target.udp_port))
                time.sleep(0.2)
        self.udp_extra = len(HUGE)

    def probes_accepted(self, status):
        """Accepted less the attack's own datagrams that were accepted (all but those rejected)."""
        return status.get("accepted", 0) - (len(HUGE) - status.get("rejected", 0))

    def judge(self, status):
        self.dashboard_results = self.at_dashboard()
        counted = "serve: received %d (probes + 4), rejected %s; dashboard: %s" % (
            status.get("received", -1), describe(status.get("rejected_by_reason") or {}),
            ", ".join("%s %s" % (check, "ok" if ok else "FAILED") for check, ok in self.dashboard_results.items()))
        return counted, dict(("dashboard: " + check, ok) for check, ok in self.dashboard_results.items())

    def at_dashboard(self):
        results = {}
        dashboard = Dashboard(self.eventsdash, [])
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
                sock.sendto(HUGE[0], ("127.0.0.1", dashboard.udp_port))
            wait_until(lambda: dashboard.status().get("received", 0) >= 1, 10)
            time.sleep(0.5)
            dashboard.tmux("send-keys", "-t", "h", "Enter")
            results["detail shows (ts 9223372036854775807)"] = wait_until(
                lambda: "(ts 9223372036854775807)" in dashboard.screen(), 5)
            time.sleep(1.0)
            results["still running"] = dashboard.alive()
            if not results["detail shows (ts 9223372036854775807)"]:
                self.notes.append("dashboard screen after Enter:\n" + dashboard.screen())
            results["q exits 0"] = dashboard.end()
        finally:
            dashboard.close()
        return results


class UDPControlBytesDashboard(Attack):
    name = "udp-control-bytes-dashboard"
    dashboard = True

    def run(self, target):
        count = self.scale(1500, 1500)
        rng = random.Random(3)
        prefix = b"1700000000 2 k="
        controls = bytes(range(1, 32))
        rate = 300
        start = time.monotonic()
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 * MIB)
            for index in range(count):
                body = bytes(rng.choice(controls) for _ in range(64)) * (65_490 // 64) + bytes(rng.choice(controls) for _ in range(65_490 % 64))
                datagram = prefix + body
                assert len(datagram) <= 65_507
                sock.sendto(datagram, ("127.0.0.1", target.udp_port))
                delay = start + (index + 1) / rate - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
        self.udp_extra = count
        time.sleep(1.0)
        self.whole = target.whole()
        if not self.whole:
            self.notes.append("dashboard screen:\n" + target.screen())

    def judge(self, status):
        counted = "sent %d, accepted %d (with the probes), kernel drops %d, rejected %s" % (
            self.udp_extra, status.get("accepted", -1), status.get("kernel_drops", -1),
            describe(status.get("rejected_by_reason") or {}))
        return counted, {"screen whole, title unchanged": self.whole}


class MetricsScrapeFlood(Attack):
    """`/metrics` faces whoever can reach it: 2,000 connections ask for the page at once (its
    listener holds 16), each pipelining 20 requests without reading the answers."""
    name = "metrics-scrape-flood"

    def __init__(self, quick, eventsdash):
        super().__init__(quick, eventsdash)
        self.metrics_port = free_port(socket.SOCK_STREAM)
        self.options = ["--metrics", "127.0.0.1:%d" % self.metrics_port]

    def run(self, target):
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if soft < 3000:
            resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 4000), hard))
        payload = b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n" * 20
        self.clients = []
        for _ in range(self.scale(2000, 1000)):
            try:
                self.clients.append(Client(connect(self.metrics_port, blocking=False), payload))
            except OSError:
                pass  # refused while the backlog is full: as good as closed
        pump(self.clients, read=False, stall=2.0)
        gather(self.clients, self.scale(3.0, 2.0))
        self.answers = statuses(self.clients)
        close_all(self.clients)
        self.page = metrics_page(self.metrics_port)

    def judge(self, status):
        served = sum(count for answer, count in self.answers.items() if answer == "200")
        return "answers %s; page %d bytes afterwards" % (describe(self.answers), len(self.page)), {
            "some scrapes answered": served > 0,
            "the listener held its limit: most closed unanswered": self.answers.get("closed, no answer", 0) > len(self.clients) // 2,
            "the page still served afterwards": b"eventsdash_udp_datagrams_accepted_total" in self.page,
        }


def cpu_seconds(pid):
    """User + system CPU time of process `pid` so far, in seconds."""
    with open("/proc/%d/stat" % pid) as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class ForgedProblems(Attack):
    """Anyone who can send a datagram can invent bricks: 10,000 `BRICK_DISCONNECTED` for bricks
    of a volume `junk` fill the table of problems; then one real QUORUM_LOST. The check must exit
    2 and list it (a critical problem is never dropped for a warning), health.json stays small, and
    serve goes back to idle (the cost of health follows what changed, not the table's size)."""
    name = "forged-problems"
    options = ["--cluster-poll-interval", "0"]

    def run(self, target):
        count = self.scale(10_000, 10_000)
        send_paced(target.udp_port, (b"%d 76 peer=evil;volume=junk;brick=/b%d" % (time.time(), index) for index in range(count)))
        time.sleep(2)
        send_paced(target.udp_port, [b"%d 80 volume=gv0" % time.time()])
        self.udp_extra = count + 1
        command = [target.eventsdash, "health", "--workdir", target.workdir]
        began, self.check = time.monotonic(), None
        while time.monotonic() - began < 30:
            self.check = subprocess.run(command, capture_output=True, text=True)
            if self.check.returncode == 2 and "server quorum lost: gv0" in self.check.stdout:
                break
            time.sleep(0.5)
        self.check_seconds = time.monotonic() - began
        path = os.path.join(target.workdir, "health.json")
        self.health_json = os.path.getsize(path) if os.path.exists(path) else -1
        self.pid = target.pid

    def judge(self, status):
        # idle again (the probes have stopped): under 2% of a core over 10 s, within a minute
        self.idle = []
        began = time.monotonic()
        while time.monotonic() - began < 60:
            before = cpu_seconds(self.pid)
            time.sleep(10)
            self.idle.append((cpu_seconds(self.pid) - before) / 10 * 100)
            if self.idle[-1] < 2:
                break
        first = (self.check.stdout.splitlines() or [""])[0][:160] if self.check else ""
        counted = "health exit %s after %.1f s (%s…); health.json %d bytes; idle CPU %s%%" % (
            self.check.returncode if self.check else "-", self.check_seconds, first, self.health_json,
            "/".join("%.1f" % figure for figure in self.idle))
        return counted, {
            "health exits 2 and lists the real quorum lost": self.check is not None and self.check.returncode == 2
            and "server quorum lost: gv0" in self.check.stdout,
            "health.json <= 1 MB": 0 <= self.health_json <= MIB,
            "idle CPU under 2% within a minute": bool(self.idle) and self.idle[-1] < 2,
        }


class ForgedProblemsDashboard(ForgedProblems):
    """The same at the dashboard: its engine and its screen (the health pane of a thousand
    problems, the header) back to idle within a minute."""
    name = "forged-problems-dashboard"
    dashboard = True


class PostRecorder:
    """A loopback HTTP server that answers every POST 200 and keeps its body (an Alertmanager or
    a webhook, as far as eventsdash can tell)."""

    def __init__(self):
        import http.server

        bodies = self.bodies = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                bodies.append(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def shutdown(self):
        self.server.shutdown()


class AlertmanagerFlood(Attack):
    """A flood of forged problems told to Alertmanager: 10,000 bricks down on 50 volumes, then a
    real QUORUM_LOST on a volume named with ESC, NUL, DEL and a bidi override. At the recording
    "Alertmanager" (a loopback HTTP server keeping each POST): every request at most 1 MB and 300
    alerts, at most 200 distinct firing alerts, the quorum among them, no control character in any
    label value."""
    name = "alertmanager-flood"

    def __init__(self, quick, eventsdash):
        super().__init__(quick, eventsdash)
        self.recorder = PostRecorder()
        self.posts = self.recorder.bodies
        self.options = ["--cluster-poll-interval", "0", "--alertmanager", "http://127.0.0.1:%d" % self.recorder.port]

    def run(self, target):
        count = self.scale(10_000, 3_000)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            for index in range(count):
                sock.sendto(b"%d 76 peer=evil;volume=junk%d;brick=/b%d" % (time.time(), index % 50, index), ("127.0.0.1", target.udp_port))
                if index % 500 == 499:
                    time.sleep(0.01)
            time.sleep(1)
            sock.sendto(("%d 80 volume=gv\x1b[2J\x00\x7f\u202ex" % time.time()).encode(), ("127.0.0.1", target.udp_port))
        self.udp_extra = count + 1
        began = time.monotonic()
        while time.monotonic() - began < 30 and not any(b"GlusterQuorumLost" in post for post in self.posts[-3:]):
            time.sleep(0.5)
        time.sleep(3)  # the next changes, grouped

    def judge(self, status):
        self.recorder.shutdown()
        bodies = [json.loads(post) for post in self.posts if post]
        now = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime())
        latest = bodies[-1] if bodies else []
        firing = [alert for alert in latest if alert.get("endsAt", "") > now]
        largest = max((len(post) for post in self.posts), default=0)
        most = max((len(alerts) for alerts in bodies), default=0)
        values = [value for alerts in bodies for alert in alerts for value in alert.get("labels", {}).values()]
        raw = [value for value in values if CONTROL.search(value) or "\u202e" in value]
        counted = "%d requests, the largest %d bytes with up to %d alerts; %d firing in the last (%d grouped); %d labels with raw control bytes" % (
            len(self.posts), largest, most, len(firing), sum(1 for alert in firing if alert.get("labels", {}).get("grouped")), len(raw))
        return counted, {
            "each request <= 1 MB": 0 < largest <= MIB,
            "<= 300 alerts a request, <= 200 firing": most <= 300 and len(firing) <= 200,
            "the real quorum lost is sent": any(alert.get("labels", {}).get("alertname") == "GlusterQuorumLost" for alert in firing),
            "no control byte in a label": not raw,
        }


class ManyWebhooks(Attack):
    """20,000 webhooks that refuse connections (`http://127.0.0.1:9/…`) beside a healthy one,
    first in webhooks.json (the engine takes the file up live): the healthy one keeps the rate it
    had alone (300 events at 100/s, before and after), engine.json stays small, the entries past
    the budget are counted in the engine's problem line, memory stays bounded."""
    name = "many-webhooks"
    # the bounds for this one: 256 webhooks that fail and a registry of 20,000 entries
    rss_limit_mib = 300
    end_within = 5

    def __init__(self, quick, eventsdash):
        super().__init__(quick, eventsdash)
        self.recorder = PostRecorder()
        self.bodies = self.recorder.bodies
        self.healthy = "http://127.0.0.1:%d/listen" % self.recorder.port

    def received(self, mark):
        return sum(1 for body in list(self.bodies) if mark in body)

    def rate(self, target, mark, count=300):
        """Events a second the healthy webhook got: `count` sent at 100/s, until the last arrived."""
        began = time.monotonic()
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            for index in range(count):
                sock.sendto(b"%d 2 name=%s%d" % (time.time(), mark, index), ("127.0.0.1", target.udp_port))
                time.sleep(0.01)
        while self.received(mark) < count and time.monotonic() - began < 60:
            time.sleep(0.05)
        self.udp_extra += count
        return self.received(mark) / (time.monotonic() - began)

    def write_webhooks(self, target, failing):
        entries = {self.healthy: {"token": "", "secret": ""}}
        entries.update({"http://127.0.0.1:9/h%d" % index: {"token": "", "secret": ""} for index in range(failing)})
        path = os.path.join(target.workdir, "webhooks.json")
        with open(path + ".new", "w") as out:
            json.dump(entries, out)
        os.rename(path + ".new", path)
        wait_until(lambda: self.healthy in json.dumps(target.status().get("webhooks", {})), timeout=20)

    def run(self, target):
        count = self.scale(20_000, 5_000)
        self.write_webhooks(target, 0)
        self.alone = self.rate(target, b"mwalone")
        self.rss_alone = rss_mib(target.pid) or 0.0
        self.write_webhooks(target, count)
        time.sleep(2)
        self.beside = self.rate(target, b"mwbeside")
        path = os.path.join(target.workdir, "engine.json")
        self.engine_json = os.path.getsize(path) if os.path.exists(path) else -1
        self.problem = target.status().get("problem") or ""
        # The failing ones removed: what they took goes back (at least half of it, within 15 s).
        self.rss_with = rss_mib(target.pid) or 0.0
        self.write_webhooks(target, 0)
        wait_until(lambda: self.given_back(rss_mib(target.pid)), timeout=15)
        self.rss_removed = rss_mib(target.pid) or 0.0
        # Back again, failing, for SIGTERM (within 5 s) at the end.
        self.write_webhooks(target, count)
        time.sleep(3)

    def given_back(self, rss):
        return rss is not None and rss - self.rss_alone <= 0.5 * (self.rss_with - self.rss_alone)

    def judge(self, status):
        self.recorder.shutdown()
        counted = ("healthy webhook %.0f events/s alone, %.0f beside the failing ones; engine.json %d bytes; "
                   "RSS %.0f MiB alone, %.0f with them, %.0f once removed; problem: %s") % (
            self.alone, self.beside, self.engine_json, self.rss_alone, self.rss_with, self.rss_removed, self.problem[:120])
        return counted, {
            "the healthy webhook keeps its rate (within 20%)": self.beside >= 0.8 * self.alone,
            "engine.json <= 256 KiB": 0 < self.engine_json <= ENGINE_JSON_LIMIT,
            "the webhooks past the budget are reported": "not delivered to" in self.problem,
            "memory back down once they are removed (half of what they took, at least)": self.given_back(self.rss_removed),
        }


class HostileVolumeNames(Attack):
    """Volume names made to break a Nagios line: 4,500 bricks down in volumes named with `=`,
    quotes, `|`, control bytes, U+202E and 200 bytes of text. `health`'s first line stays within
    8 KB, no perfdata label holds `=`, and no raw control byte reaches the terminal."""
    name = "hostile-volume-names"
    options = ["--cluster-poll-interval", "0"]

    def run(self, target):
        count = self.scale(4_500, 1_500)
        hostile = (b"v%d=x'q|\x1b[31m\xe2\x80\xae%s" % (index, b"n" * 200) for index in range(count))
        send_paced(target.udp_port, (b"%d 76 peer=vm;volume=%s;brick=/b%d" % (time.time(), volume, index)
                                     for index, volume in enumerate(hostile)))
        self.udp_extra = count
        command = [target.eventsdash, "health", "--workdir", target.workdir]
        wait_until(lambda: "%d problems" % count in subprocess.run(command, capture_output=True, text=True).stdout, 30)
        self.check = subprocess.run(command, capture_output=True)

    def judge(self, status):
        first = self.check.stdout.split(b"\n")[0]
        text = first.decode(errors="replace")
        perfdata = text.split(" | ", 1)[1] if " | " in text else ""
        labels = []
        for item in re.findall(r"'(?:[^']|'')*'=\S*|\S+=\S*", perfdata):
            label = item[:item.rindex("=")]
            labels.append(label[1:-1].replace("''", "'") if label.startswith("'") else label)
        with_equals = [label for label in labels if "=" in label]
        controls = len(CONTROL.findall(self.check.stdout.decode(errors="replace")))
        counted = "health exit %d; first line %d bytes, %d perfdata items, %d labels with '='; %d raw control bytes" % (
            self.check.returncode, len(first), len(labels), len(with_equals), controls)
        return counted, {
            "health exits 1 (the bricks are down)": self.check.returncode == 1,
            "first line <= 8 KB": 0 < len(first) <= 8192,
            "no '=' in a perfdata label": bool(labels) and not with_equals,
            "no raw control byte": controls == 0,
        }


class HugeStateFiles(Attack):
    """State files grown past their budgets while serve runs: config.json with a 3 MiB value,
    webhooks.json of 30 MiB, health-decisions.json with 200,000 mutes. Each is reported (the
    engine's problem line names it), none is read into memory or rewritten, serve stays small and
    goes on taking events."""
    name = "huge-state-files"

    FILES = ("health-decisions.json", "config.json", "webhooks.json")

    def write(self, target, name, value):
        path = os.path.join(target.workdir, name)
        with open(path + ".new", "w") as out:
            json.dump(value, out)
        os.rename(path + ".new", path)
        return path

    def run(self, target):
        mutes = self.scale(200_000, 100_000)
        contents = {
            "config.json": {"log_level": "x" * (3 << 20)},
            "webhooks.json": {"http://127.0.0.1:9/h%d" % index: {"token": "t" * 100, "secret": ""}
                              for index in range(self.scale(200_000, 150_000))},
            "health-decisions.json": {"mutes": [{"id": "brick-down/v:/b%d" % index, "until": 4_000_000_000}
                                                for index in range(mutes)]},
        }
        self.problems, self.sizes = {}, {}
        # In the order the engine's one problem line lets the next file's problem take its place.
        for name in self.FILES:
            path = self.write(target, name, contents[name])
            self.sizes[name] = os.stat(path)
            wait_until(lambda: path in (target.status().get("problem") or ""), 10)
            self.problems[name] = target.status().get("problem") or ""
        self.unchanged = all(os.stat(os.path.join(target.workdir, name)).st_mtime_ns == self.sizes[name].st_mtime_ns
                             and os.stat(os.path.join(target.workdir, name)).st_size == self.sizes[name].st_size
                             for name in self.FILES)

    def judge(self, status):
        reported = {name: name in problem and "more than" in problem for name, problem in self.problems.items()}
        counted = "; ".join("%s %.1f MiB %s" % (name, self.sizes[name].st_size / MIB, "reported" if reported[name] else "NOT reported")
                            for name in self.FILES)
        return counted, {
            "each file past its budget is reported by name": all(reported.values()),
            "the files are left as they are": self.unchanged,
        }


class SecretsInURLs(Attack):
    """A webhook URL with a password and a query key, refusing connections: its retries, the
    events given up and every output that names the webhook (the operator log, `status` and its
    JSON, `given-up`, /metrics) show neither; the state files that hold it, as webhooks.json
    does, are for root alone."""
    name = "secrets-in-urls"
    PASSWORD, KEY = "Pa55w0rdSecret", "QueryKeySecret"

    def __init__(self, quick, eventsdash):
        super().__init__(quick, eventsdash)
        self.metrics_port = free_port(socket.SOCK_STREAM)
        self.options = ["--retry-first-delay", "0.2", "--retry-max-delay", "0.5", "--give-up-after", "2",
                        "--metrics", "127.0.0.1:%d" % self.metrics_port]

    @staticmethod
    def given_up(status):
        return sum(webhook.get("given_up", 0) for webhook in (status.get("webhooks") or {}).values())

    def run(self, target):
        url = "http://admin:%s@127.0.0.1:9/hook?key=%s&x=1" % (self.PASSWORD, self.KEY)
        path = os.path.join(target.workdir, "webhooks.json")
        with open(path + ".new", "w") as out:
            json.dump({url: {"token": "", "secret": ""}}, out)
        os.rename(path + ".new", path)
        wait_until(lambda: target.status().get("webhooks"), 10)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            for index in range(5):
                sock.sendto(b"%d 2 name=s%d" % (time.time(), index), ("127.0.0.1", target.udp_port))
        self.udp_extra = 5
        run = lambda *arguments: subprocess.run([target.eventsdash, *arguments, "--workdir", target.workdir],
                                                capture_output=True, text=True)
        wait_until(lambda: self.given_up(target.status()) >= 5, 30)
        self.outputs = {
            "status": run("status").stdout, "status --json": run("status", "--json").stdout,
            "given-up": run("given-up", url).stdout, "given-up --json": run("given-up", url, "--json").stdout,
        }
        # The state files hold the URL as webhooks.json does: for root alone.
        self.state_modes = {name: stat.S_IMODE(os.stat(os.path.join(target.workdir, name)).st_mode)
                            for name in ("engine.json", "delivery-positions.json") if os.path.exists(os.path.join(target.workdir, name))}
        self.count = self.given_up(target.status())
        try:
            with urllib.request.urlopen("http://127.0.0.1:%d/metrics" % self.metrics_port, timeout=10) as answer:
                self.outputs["/metrics"] = answer.read().decode(errors="replace")
        except OSError as error:
            self.notes.append("/metrics: %s" % error)
        self.outputs["operator log"] = target.log()

    def judge(self, status):
        leaks = [name for name, text in self.outputs.items() if self.PASSWORD in text or self.KEY in text]
        named = [name for name, text in self.outputs.items() if "127.0.0.1:9/hook" in text]
        counted = "%d events given up; outputs read: %s; naming the webhook: %d; leaking: %s" % (
            self.count, ", ".join(self.outputs), len(named), ", ".join(leaks) or "none")
        return counted, {
            "events were given up (the outputs have something to show)": self.count > 0,
            "the webhook is named in status, given-up and the log": {"status", "given-up", "operator log"} <= set(named),
            "no password or query value in any output": not leaks,
            "the state files naming it are 0600": bool(self.state_modes) and all(mode == 0o600 for mode in self.state_modes.values()),
        }


ATTACKS = [PipelineNoRead, UnauthBodies, BodiesOneShort, Slowloris, ConnectionFlood, RandomJSON, DeepNesting, NodeIDFlood,
           UDPHugeNumbers, UDPControlBytesDashboard, MetricsScrapeFlood, ForgedProblems, ForgedProblemsDashboard, AlertmanagerFlood, ManyWebhooks,
           HostileVolumeNames, HugeStateFiles, SecretsInURLs]


# MARK: - One attack, watched

def settle(target, expected):
    """The final figures once the engine has taken `expected` UDP datagrams, or its count stopped
    moving for 5 s (at most 120 s); and how long that took."""
    began, last, still = time.monotonic(), -1, time.monotonic()
    while time.monotonic() - began < 120:
        status = target.status()
        taken = status.get("received", 0) + status.get("kernel_drops", 0)
        if taken >= expected:
            break
        if taken != last:
            last, still = taken, time.monotonic()
        elif time.monotonic() - still > 5:
            break
        time.sleep(0.2)
    waited = time.monotonic() - began
    time.sleep(1.2)  # published once a second: the final figures
    return target.status(), waited


def run(attack, eventsdash):
    began = time.monotonic()
    target = Dashboard(eventsdash, attack.options) if attack.dashboard else Serve(eventsdash, attack.options)
    sampler = RSSSampler(target.pid)
    sampler.start()
    try:
        time.sleep(0.5)
        before = sampler.latest
        prober = Prober(target.udp_port)
        prober.start()
        attack.run(target)
        time.sleep(attack.scale(4.0, 2.0))  # a few seconds after its connections are closed
        after = sampler.latest
        prober.stop()
        status, waited = settle(target, prober.sent + attack.udp_extra)
        probes = attack.probes_accepted(status)
        alive = target.alive()
        counted, checks = attack.judge(status)
        if status.get("limits_reached"):
            counted += "; limits_reached " + describe(status["limits_reached"])
        if waited > 3:
            counted += "; UDP taken in full only %.0f s after the attack" % waited
        sampler.stop()
        peak = sampler.peak
        results = {
            "alive": alive,
            "peak RSS <= %d MiB" % attack.rss_limit_mib: peak <= attack.rss_limit_mib,
            "every probe accepted": probes == prober.sent,
            **checks,
            "ends cleanly" + (" within %d s" % attack.end_within if attack.end_within < 30 else ""): target.end(attack.end_within),
        }
        if not alive and isinstance(target, Serve):
            attack.notes.append("serve's stderr: " + target.errors())
        return {"attack": attack.name, "before": before, "peak": peak, "after": after, "sent": prober.sent,
                "accepted": probes, "alive": alive, "counted": counted, "results": results,
                "seconds": time.monotonic() - began, "notes": attack.notes,
                "kernel_drops": status.get("kernel_drops", 0)}
    finally:
        sampler.halt.set()
        target.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="the short run for CI (about 2 minutes)")
    parser.add_argument("--eventsdash", default=os.environ.get("EVENTSDASH_BIN", os.path.join(ROOT, ".build/release/eventsdash")))
    parser.add_argument("attacks", nargs="*", metavar="ATTACK", help="only these (default: all): " +
                        ", ".join(attack.name for attack in ATTACKS))
    args = parser.parse_args()
    eventsdash = os.path.abspath(args.eventsdash)
    if not os.access(eventsdash, os.X_OK):
        raise SystemExit("adversarial.py: no eventsdash at %s (swift build -c release, or --eventsdash PATH)" % eventsdash)
    chosen = [attack for attack in ATTACKS if not args.attacks or attack.name in args.attacks]
    unknown = set(args.attacks) - {attack.name for attack in ATTACKS}
    if unknown:
        raise SystemExit("adversarial.py: no attack " + ", ".join(sorted(unknown)))

    rows = []
    for attack in chosen:
        print("==> %s" % attack.name, file=sys.stderr, flush=True)
        rows.append(run(attack(args.quick, eventsdash), eventsdash))
    print()
    print("| attack                      | RSS MiB before / peak / after | probes sent / accepted | alive | checks | counted |")
    print("|-----------------------------|-------------------------------|------------------------|-------|--------|---------|")
    failed = []
    for row in rows:
        results = row["results"]
        print("| %-27s | %7.1f / %7.1f / %7.1f     | %10d / %-9d | %-5s | %2d / %-2d | %s |" % (
            row["attack"], row["before"], row["peak"], row["after"], row["sent"], row["accepted"],
            "yes" if row["alive"] else "NO", sum(results.values()), len(results), row["counted"].replace("|", "/")))
        failed += ["%s: %s" % (row["attack"], check) for check, ok in results.items() if not ok]
    for row in rows:
        for note in row["notes"]:
            print("\n%s: %s" % (row["attack"], note))
    print("\ntime: " + ", ".join("%s %.0f s" % (row["attack"], row["seconds"]) for row in rows))
    verdict("adversarial", failed)


if __name__ == "__main__":
    main()
