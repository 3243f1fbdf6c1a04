#!/usr/bin/env python3
"""Soak: `eventsdash serve` delivering a steady RATE events/s (default 1,000) to 8 webhooks (one
flapping: answering 503 for 20 s in every 40) for SECONDS (default 600), then every event must have
reached every webhook, and the engine's memory must have stayed flat after the warm-up.

    reliability/soak.py [-d SECONDS] [-r RATE] [--eventsdash PATH] [--leak-check]

The webhooks are an nginx of the script's own (8 ports, an access log each with the webhook-id);
the events come from bench/udp_blast at a steady rate; Prometheus' /metrics (`--metrics`) is scraped
every 5 s, as RSS is sampled; "flat" means the
last third's highest sample is within 10 % (and 8 MB) of the middle third's highest. With
--leak-check the engine is an AddressSanitizer build (LeakSanitizer reports what it never freed
when it stops; built into .build/asan; nothing is suppressed) and RSS, grown by its quarantine
of freed memory, is not checked. Prints a table; exit status 1 when a check fails.
"""
import argparse
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

from common import free_port, verdict, wait_for_engine

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WEBHOOKS = 8
FLAP_SECONDS = 20


def rss_mb(pid):
    try:
        for line in open("/proc/%d/status" % pid):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1000
    except OSError:
        pass
    return 0.0


def start_nginx(directory, ports):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.access(nginx, os.X_OK) and os.geteuid() == 0:  # as bench/delivery.sh does
        print("==> installing nginx-light", file=sys.stderr)
        subprocess.run(["apt-get", "install", "-y", "-qq", "nginx-light"], check=True, stdout=subprocess.DEVNULL,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    if not os.access(nginx, os.X_OK):
        raise SystemExit("soak.py: needs nginx (apt-get install nginx-light)")
    servers = []
    for index, port in enumerate(ports):
        flapping = "if (-f %s/flap.down) { return 503; }" % directory if index == WEBHOOKS - 1 else ""
        servers.append("""
    server {
        listen 127.0.0.1:%d;
        access_log %s/webhook%d.log ids buffer=1m flush=1s;
        location / { %s return 200 "OK"; }
    }""" % (port, directory, index, flapping))
    temp = "".join("    %s_temp_path %s/%s;\n" % (name, directory, name) for name in
                   ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    with open(directory + "/nginx.conf", "w") as f:
        f.write("""worker_processes 1;
pid %s/nginx.pid;
error_log %s/error.log;
events { worker_connections 4096; }
http {
    log_format ids '$status $http_webhook_id';
    access_log off;
    keepalive_requests 1000000;
    keepalive_timeout 300s;
%s%s
}
""" % (directory, directory, temp, "".join(servers)))
    return subprocess.Popen([nginx, "-e", directory + "/error.log", "-p", directory, "-c", directory + "/nginx.conf",
                             "-g", "daemon off;"], stdin=subprocess.DEVNULL)


def delivered(log):
    """Distinct webhook-ids answered 200, and how many 200s were repeats."""
    ids = []
    try:
        for line in open(log):
            status, _, webhook_id = line.strip().partition(" ")
            if status == "200":
                ids.append(webhook_id)
    except OSError:
        pass
    return len(set(ids)), len(ids) - len(set(ids))


def scraped(port):
    """1 when `/metrics` answers 200 (as Prometheus scrapes it, during the soak), else 0."""
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/metrics")
        answer = connection.getresponse()
        answer.read()
        connection.close()
        return int(answer.status == 200)
    except (OSError, http.client.HTTPException):
        return 0


def build_asan():
    print("==> building eventsdash with AddressSanitizer into .build/asan", file=sys.stderr)
    subprocess.run(["swift", "build", "-c", "release", "--build-path", ".build/asan", "--product", "eventsdash",
                    "-Xswiftc", "-sanitize=address"], cwd=ROOT, check=True, stdout=sys.stderr)
    return os.path.join(ROOT, ".build/asan/release/eventsdash")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-d", "--seconds", type=int, default=600)
    parser.add_argument("-r", "--rate", type=int, default=1000)
    parser.add_argument("--eventsdash", default=os.environ.get("EVENTSDASH_BIN", os.path.join(ROOT, ".build/release/eventsdash")))
    parser.add_argument("--leak-check", action="store_true")
    args = parser.parse_args()
    eventsdash = build_asan() if args.leak_check else os.path.abspath(args.eventsdash)
    blaster = os.path.join(ROOT, "bench/out/udp_blast")
    if not os.path.exists(blaster):  # (the benchmarks build it too)
        os.makedirs(os.path.dirname(blaster), exist_ok=True)
        subprocess.run(["cc", "-O2", "-o", blaster, os.path.join(ROOT, "bench/udp_blast.c")], check=True)

    directory = tempfile.mkdtemp(prefix="eventsdash-soak-")
    workdir = directory + "/work"
    os.makedirs(workdir)
    ports = [free_port(socket.SOCK_STREAM) for _ in range(WEBHOOKS)]
    nginx = start_nginx(directory, ports)
    engine = None
    try:
        for port in ports:  # (the set-up commands' own leaks are not what this measures)
            subprocess.run([eventsdash, "webhook-add", "http://127.0.0.1:%d/listen" % port, "--workdir", workdir],
                           check=True, capture_output=True, env={**os.environ, "ASAN_OPTIONS": "detect_leaks=0"})
        udp = free_port(socket.SOCK_DGRAM)
        metrics = free_port(socket.SOCK_STREAM)
        environment = {**os.environ, "ASAN_OPTIONS": "detect_leaks=1:log_path=%s/asan" % directory}
        engine = subprocess.Popen([eventsdash, "serve", "--workdir", workdir, "--port", str(udp), "--listen", "127.0.0.1",
                                   "--retry-max-delay", "5", "--metrics", "127.0.0.1:%d" % metrics],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environment)
        if not wait_for_engine(eventsdash, workdir, timeout=60):
            raise SystemExit("soak.py: eventsdash serve did not start")
        count = args.seconds * args.rate
        print("==> %d events at %d/s for %d s to %d webhooks (the last flapping)" % (count, args.rate, args.seconds, WEBHOOKS),
              file=sys.stderr)
        sender = subprocess.Popen([blaster, "-r", str(args.rate), "127.0.0.1", str(udp),
                                   str(count)], stdout=subprocess.DEVNULL)
        samples, start, scrapes = [], time.monotonic(), 0
        while sender.poll() is None:
            scrapes += scraped(metrics)
            elapsed = time.monotonic() - start
            down = int(elapsed // FLAP_SECONDS) % 2 == 1
            flag = directory + "/flap.down"
            if down and not os.path.exists(flag):
                open(flag, "w").close()
            elif not down and os.path.exists(flag):
                os.remove(flag)
            samples.append((elapsed, rss_mb(engine.pid)))
            time.sleep(5)
        if os.path.exists(directory + "/flap.down"):
            os.remove(directory + "/flap.down")
        # Let the flapping webhook's retries, a backlog (an AddressSanitizer build is several times
        # slower) and nginx's log buffers catch up: for as long as deliveries go on.
        sent_at, most, progress_at = time.monotonic(), -1, time.monotonic()
        while time.monotonic() - progress_at < 60:
            least = min(delivered("%s/webhook%d.log" % (directory, i))[0] for i in range(WEBHOOKS))
            if least >= count:
                break
            if least > most:
                most, progress_at = least, time.monotonic()
            time.sleep(2)
        caught_up = time.monotonic() - sent_at
        time.sleep(2)
        engine.send_signal(signal.SIGTERM)
        stopped = engine.wait(timeout=120) == 0
        leaks = ""
        for name in os.listdir(directory):
            if name.startswith("asan"):
                leaks += open(os.path.join(directory, name)).read()

        results = [delivered("%s/webhook%d.log" % (directory, i)) for i in range(WEBHOOKS)]
        third = max(1, len(samples) // 3)
        middle = max(rss for _, rss in samples[third:2 * third]) if len(samples) >= 3 else 0
        last = max(rss for _, rss in samples[2 * third:]) if len(samples) >= 3 else 0
        checks = {
            "every event reached every webhook": all(distinct == count for distinct, _ in results),
            "engine stopped cleanly": stopped,
            "/metrics scraped every 5 s": scrapes >= len(samples) > 0,
        }
        if args.leak_check:
            # An AddressSanitizer build's memory grows with its quarantine of freed blocks (up to
            # 256 MB): there LeakSanitizer is the memory check, RSS only a figure.
            checks["LeakSanitizer: no leak"] = "ERROR: LeakSanitizer" not in leaks
        else:
            checks["RSS flat after warm-up"] = last <= max(middle * 1.10, middle + 8)
        print()
        print("| webhook            |    sent | delivered | duplicates |")
        print("|--------------------|---------|-----------|------------|")
        for index, (distinct, duplicates) in enumerate(results):
            name = "#%d%s" % (index + 1, " (flapping)" if index == WEBHOOKS - 1 else "")
            print("| %-18s | %7d | %9d | %10d |" % (name, count, distinct, duplicates))
        print("\nevery webhook had every event %.0f s after the last was sent" % caught_up
              if all(distinct == count for distinct, _ in results) else "\nnot every event delivered (waited until none came for 60 s)")
        print("RSS (MB) every 5 s: first %.1f, highest of the middle third %.1f, of the last third %.1f, at the end %.1f"
              % (samples[0][1] if samples else 0, middle, last, samples[-1][1] if samples else 0))
        if args.leak_check:
            print("LeakSanitizer: " + ("no leak reported" if "ERROR: LeakSanitizer" not in leaks else leaks[:2000]))
        failed = [check for check, ok in checks.items() if not ok]
        verdict("soak", failed)
    finally:
        if engine and engine.poll() is None:
            engine.kill()
        nginx.send_signal(signal.SIGQUIT)
        nginx.wait(timeout=10)
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
