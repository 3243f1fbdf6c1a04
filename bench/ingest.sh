#!/usr/bin/env bash
# Ingest benchmark: how fast `eventsdash serve` takes GlusterFS event datagrams off a UDP socket,
# next to a minimal C recvmmsg() receiver on the same machine, with the same sender; then paced at
# 100,000 datagrams/s without and with `--metrics` scraped every second (what metrics cost ingest).
#
#   bench/ingest.sh [-n COUNT] [-s PAYLOAD_BYTES] [--strict]
#
#   -n COUNT      datagrams per receiver (default 1000000, or env N)
#   -s BYTES      pad each datagram to BYTES (default: unpadded, ~30 bytes; or env PAYLOAD)
#   -r RATE       the paced runs' rate, without and with --metrics (default 100000 datagrams/s)
#   --strict      exit 1 when the target is missed (default: report only, exit 0)
#   EVENTSDASH_BIN=/path/to/eventsdash   use this binary instead of `swift build -c release`
#
# Only loopback (127.0.0.1) is used. See bench/README.md for what the figures mean.
set -euo pipefail

usage() { sed -n '2,12s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }
script=ingest.sh
bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(dirname "$bench_dir")"
out_dir="$bench_dir/out"
# shellcheck source=bench/common.sh
source "$bench_dir/common.sh"

count="${N:-1000000}"
payload="${PAYLOAD:-0}"
paced_rate=100000
strict=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        -n) [[ $# -ge 2 ]] || die "-n needs a count"; count="$2"; shift 2 ;;
        -s) [[ $# -ge 2 ]] || die "-s needs a size"; payload="$2"; shift 2 ;;
        -r) [[ $# -ge 2 ]] || die "-r needs a rate"; paced_rate="$2"; shift 2 ;;
        --strict) strict=1; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done
[[ "$count" =~ ^[1-9][0-9]*$ ]] || die "count must be a positive integer, not '$count'"
[[ "$payload" =~ ^[0-9]+$ ]] || die "payload size must be a number of bytes, not '$payload'"

host=127.0.0.1
rcvbuf=$((4 * 1024 * 1024)) # what the reference asks for; eventsdash sizes its own

# --- clean-up: background processes we started, and the temp dir -------------------------------
tmp="$(mktemp -d "${TMPDIR:-/tmp}/eventsdash-bench.XXXXXX")"
bg_pids=()
cleanup() {
    stop_background
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- build ------------------------------------------------------------------------------------------
say "building the C sender and reference receiver into bench/out/"
build_c udp_blast recvmmsg_ref
find_eventsdash

# --- the measuring helper (python3: JSON, /proc parsing and sub-millisecond timing) -----------------
# How a row's events/s is measured, the same way for both receivers:
#   events/s = datagrams the receiver counted
#              / (time from starting the sender until, after the sender finished, the receiver's
#                 socket queue was empty, i.e. it had read every datagram the kernel kept for it).
# The socket queue (`rx_queue`) is read from /proc/net/udp every ~0.5 ms, so this is the receiver's
# real time to take N datagrams off its socket, not bounded by how often `eventsdash status`
# refreshes. A receiver slower than the sender either falls behind (its queue drains late: a longer
# time) or overflows its buffer (kernel drops: fewer datagrams); both lower the rate. With a fast
# receiver the figure is the sender's rate: the C sender on loopback is usually the bottleneck.
# Fallback if the socket is not found in /proc: the time until `eventsdash status` first showed the
# final count (a lower bound on the rate: status is refreshed about once a second).
cat >"$tmp/measure.py" <<'PY'
import json, signal, subprocess, sys, threading, time

def udp_port_state(port):
    """(found, rx_queue bytes, drops) summed over every UDP socket whose local port is `port`."""
    found, rx, drops = False, 0, 0
    for path in ("/proc/net/udp", "/proc/net/udp6"):
        try:
            with open(path) as f:
                rows = f.read().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            col = row.split()
            # sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ref pointer drops
            if len(col) < 13 or int(col[1].rsplit(":", 1)[1], 16) != port:
                continue
            found = True
            rx += int(col[4].split(":")[1], 16)
            drops += int(col[12])
    return found, rx, drops

def keyvalues(text):
    return dict(tok.split("=", 1) for tok in text.split() if "=" in tok)

def engine_status(binary, workdir):
    """The `engine` object of `eventsdash status --json`, or None when there is none (yet)."""
    try:
        p = subprocess.run([binary, "status", "--workdir", workdir, "--json"],
                           capture_output=True, text=True, timeout=10)
        engine = (json.loads(p.stdout).get("output") or {}).get("engine")
    except (ValueError, AttributeError, subprocess.TimeoutExpired):
        return None
    return engine if isinstance(engine, dict) else None

def blast(port, cmd):
    """Runs the sender; returns its figures, the drain time and the peak socket queue."""
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    try:
        return watch_blast(port, proc, t0)
    finally:
        if proc.poll() is None:  # interrupted (SIGTERM from ingest.sh's clean-up): stop the sender
            proc.kill()
            proc.wait()

def watch_blast(port, proc, t0):
    finished = {}
    def wait_sender():
        out, _ = proc.communicate()
        finished["t"] = time.monotonic()
        finished["out"] = out
    waiter = threading.Thread(target=wait_sender, daemon=True)
    waiter.start()
    peak, seen = 0, False
    while waiter.is_alive():
        found, rx, _ = udp_port_state(port)
        peak, seen = max(peak, rx), seen or found
        time.sleep(0.002)
    waiter.join()
    if proc.returncode != 0:
        sys.exit(f"measure: sender failed (exit {proc.returncode})")
    sender = keyvalues(finished["out"])
    # Wait for the receiver's queue to empty (bounded: a receiver may have stopped reading). A
    # socket that was there and is gone was closed by a receiver that had what it expected: the
    # reference stops as soon as it has read `count` datagrams.
    drained = None
    deadline = finished["t"] + max(5.0, 2 * float(sender["seconds"]))
    while time.monotonic() < deadline:
        found, rx, _ = udp_port_state(port)
        peak, seen = max(peak, rx), seen or found
        if rx == 0:
            drained = time.monotonic() if seen else None
            break
        time.sleep(0.0005)
    return {"t0": t0, "sent": int(sender["sent"]), "blast_seconds": float(sender["seconds"]),
            "drained_at": drained, "peak_queue": peak}

def cmd_freeport(_args):
    import socket
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        print(s.getsockname()[1])

def cmd_reference(args):
    # reference PORT -- SENDER...
    port, cmd = int(args[0]), args[2:]
    b = blast(port, cmd)
    if b["drained_at"] is None:
        sys.exit("measure: the reference receiver's socket was not found or did not drain")
    print(f"sent={b['sent']} blast_seconds={b['blast_seconds']:.6f} "
          f"seconds={b['drained_at'] - b['t0']:.6f} peak_queue={b['peak_queue']}")

def cmd_wait_running(args):
    # wait-running BINARY WORKDIR PID TIMEOUT
    import os
    binary, workdir, pid, timeout = args[0], args[1], int(args[2]), float(args[3])
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            sys.exit("measure: eventsdash serve exited before its engine was running")
        engine = engine_status(binary, workdir)
        if engine and engine.get("running") is True:
            return
        time.sleep(0.1)
    sys.exit(f"measure: eventsdash status did not show a running engine within {timeout:.0f} s")

def cmd_serve(args):
    # serve BINARY WORKDIR PORT COUNT -- SENDER...
    binary, workdir, port, count, cmd = args[0], args[1], int(args[2]), int(args[3]), args[5:]
    before = engine_status(binary, workdir) or {}
    base = int(before.get("received", 0))
    b = blast(port, cmd)
    # Poll status until `received` reaches the count sent, or stops changing for 2.5 s: eventsdash
    # rewrites its status about once a second, so a shorter quiet spell could be a stale snapshot.
    last_value, last_change, first_final_at, engine = None, time.monotonic(), None, {}
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        engine = engine_status(binary, workdir) or engine
        value = int(engine.get("received", 0)) - base
        now = time.monotonic()
        if value != last_value:
            last_value, last_change, first_final_at = value, now, now
        if value >= b["sent"] or now - last_change >= 2.5:
            break
        time.sleep(0.02)
    if b["drained_at"] is not None:
        seconds, method = b["drained_at"] - b["t0"], "socket-drained"
    else:
        seconds, method = first_final_at - b["t0"], "status-polled"
    print(f"sent={b['sent']} blast_seconds={b['blast_seconds']:.6f} seconds={seconds:.6f} method={method} "
          f"peak_queue={b['peak_queue']} received={last_value} "
          f"accepted={int(engine.get('accepted', 0)) - int(before.get('accepted', 0))} "
          f"rejected={int(engine.get('rejected', 0)) - int(before.get('rejected', 0))} "
          f"truncated={int(engine.get('truncated', 0)) - int(before.get('truncated', 0))} "
          f"kernel_drops={engine.get('kernel_drops', 'n/a')} proc_drops={udp_port_state(port)[2]}")

def cmd_scrape(args):
    # scrape HOST:PORT: GETs /metrics every second on one keep-alive connection, as Prometheus
    # would (fifteen times as often as its default), till SIGTERM; prints how many were answered 200.
    import http.client
    host, port = args[0].rsplit(":", 1)
    port, scrapes = int(port), 0
    def report(*_):
        print(f"scrapes={scrapes}", flush=True)
        sys.exit(0)
    signal.signal(signal.SIGTERM, report)
    connection = http.client.HTTPConnection(host, port, timeout=5)
    while True:
        try:
            connection.request("GET", "/metrics")
            answer = connection.getresponse()
            answer.read()
            scrapes += answer.status == 200
        except (OSError, http.client.HTTPException):
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=5)
        time.sleep(1)

signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
{"freeport": cmd_freeport, "reference": cmd_reference, "wait-running": cmd_wait_running,
 "serve": cmd_serve, "scrape": cmd_scrape}[sys.argv[1]](sys.argv[2:])
PY
measure() { python3 "$tmp/measure.py" "$@"; }
# waiting OUT_FILE PROGRAM ARGS...: runs PROGRAM (not a shell function: its pid must be the
# program's) in the background, its stdout to OUT_FILE, and waits for it. Bash runs a trap only once the foreground command is over; `wait` lets SIGTERM or
# Ctrl-C stop the run at once (the clean-up then stops COMMAND).
waiting() {
    local out="$1" pid
    shift
    "$@" >"$out" &
    pid=$!
    bg_pids+=("$pid")
    wait "$pid"
}

# --- a) the C reference receiver ------------------------------------------------------------------
ref_port="$(measure freeport)"
say "a) recvmmsg reference on $host:$ref_port, $count datagrams"
"$out_dir/recvmmsg_ref" "$host" "$ref_port" "$rcvbuf" 1.0 "$count" >"$tmp/ref.out" 2>"$tmp/ref.err" &
ref_pid=$!
bg_pids+=("$ref_pid")
for _ in $(seq 1 100); do grep -q '^listening' "$tmp/ref.err" && break; sleep 0.05; done
grep -q '^listening' "$tmp/ref.err" || { cat "$tmp/ref.err" >&2; die "the reference receiver did not start"; }
waiting "$tmp/ref.blast" python3 "$tmp/measure.py" reference "$ref_port" -- \
    "$out_dir/udp_blast" "$host" "$ref_port" "$count" "$payload"
ref_blast="$(cat "$tmp/ref.blast")"
# It stops once `count` arrived, or after 1 s without traffic.
wait "$ref_pid" || die "the reference receiver failed: $(cat "$tmp/ref.err")"
ref_self="$(cat "$tmp/ref.out")"
ref_sent="$(kv sent "$ref_blast")"
ref_received="$(kv received "$ref_self")"
ref_seconds="$(kv seconds "$ref_blast")"
ref_drops="$(kv kernel_drops "$ref_self")"

# --- b) eventsdash serve; c) paced at --paced-rate, without and with /metrics scraped every second ----
# run_serve NAME RATE [SERVE OPTIONS...]: one eventsdash serve run, sending as fast as possible
# (RATE max) or at RATE datagrams/s; its figures in $tmp/NAME.result, with cpu_seconds= the CPU
# serve used from the first datagram to the last taken (and scrapes= when --metrics is given).
run_serve() {
    local name="$1" rate="$2" serve_port workdir serve_pid serve_rc scraper_pid="" metrics_address="" before after
    local pacing=()
    shift 2
    [[ "$rate" == max ]] || pacing=(-r "$rate")
    [[ "${1:-}" == --metrics ]] && metrics_address="$2"
    serve_port="$(measure freeport)"
    workdir="$tmp/workdir-$name"
    mkdir -p "$workdir"
    "$eventsdash" serve --workdir "$workdir" --port "$serve_port" --listen "$host" "$@" >"$tmp/$name.log" 2>&1 &
    serve_pid=$!
    bg_pids+=("$serve_pid")
    if ! waiting /dev/null python3 "$tmp/measure.py" wait-running "$eventsdash" "$workdir" "$serve_pid" 30; then
        # A port found free was taken meanwhile (an outgoing connection's, say): the caller tries another.
        if grep -q "is in use" "$tmp/$name.log"; then
            wait "$serve_pid" 2>/dev/null || true
            return 2
        fi
        echo "--- eventsdash serve output:" >&2
        tail -n 20 "$tmp/$name.log" >&2
        exit 1
    fi
    if [[ -n "$metrics_address" ]]; then
        python3 "$tmp/measure.py" scrape "$metrics_address" >"$tmp/$name.scrapes" &
        scraper_pid=$!
        bg_pids+=("$scraper_pid")
    fi
    before="$(cpu_ticks "$serve_pid")"
    waiting "$tmp/$name.result" python3 "$tmp/measure.py" serve "$eventsdash" "$workdir" "$serve_port" "$count" -- \
        "$out_dir/udp_blast" "${pacing[@]}" "$host" "$serve_port" "$count" "$payload"
    after="$(cpu_ticks "$serve_pid")"
    echo "cpu_seconds=$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / hz }')" >>"$tmp/$name.result"
    if [[ -n "$scraper_pid" ]]; then
        kill -TERM "$scraper_pid" 2>/dev/null || true
        wait "$scraper_pid" 2>/dev/null || true
        cat "$tmp/$name.scrapes" >>"$tmp/$name.result"
    fi
    say "stopping eventsdash serve (SIGTERM)"
    kill -TERM "$serve_pid"
    for _ in $(seq 1 150); do kill -0 "$serve_pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$serve_pid" 2>/dev/null; then
        echo "ingest.sh: eventsdash serve did not stop within 15 s of SIGTERM; killing it" >&2
        kill -KILL "$serve_pid" 2>/dev/null || true
    fi
    serve_rc=0
    wait "$serve_pid" || serve_rc=$?
    [[ "$serve_rc" -eq 0 ]] || echo "ingest.sh: note: eventsdash serve exited with status $serve_rc" >&2
}

# with_free_ports RUN_SERVE_ARGS...: run_serve, again on new ports (at most 3 times) while one it was
# given turned out to be taken. A `--metrics` address is given as `--metrics PORT?`: a free TCP port.
with_free_ports() {
    local attempt args=() rc
    for attempt in 1 2 3; do
        args=("${@/#PORT\?/$host:$(free_ports 1)}")
        rc=0
        run_serve "${args[@]}" || rc=$?
        [[ "$rc" -eq 2 ]] || return "$rc"
        say "a port was taken meanwhile; again on other ports"
    done
    die "no free ports after 3 tries"
}

say "b) eventsdash serve on $host, $count datagrams"
with_free_ports plain max
say "c) eventsdash serve at $paced_rate datagrams/s, without and with --metrics (scraped every second)"
with_free_ports paced "$paced_rate"
with_free_ports metrics "$paced_rate" --metrics "PORT?"
serve_res="$(cat "$tmp/plain.result")"
paced_res="$(cat "$tmp/paced.result")"
metrics_res="$(cat "$tmp/metrics.result")"
ed_sent="$(kv sent "$serve_res")"
ed_received="$(kv received "$serve_res")"
ed_seconds="$(kv seconds "$serve_res")"
ed_drops="$(kv kernel_drops "$serve_res")"

# --- d) the table ---------------------------------------------------------------------------------
ref_rate="$(rate "$ref_received" "$ref_seconds")"
ed_rate="$(rate "$ed_received" "$ed_seconds")"
ref_lost=$((ref_sent - ref_received))
ed_lost=$((ed_sent - ed_received))
ed_rejected="$(kv rejected "$serve_res")"
percent="$(awk -v a="$ed_rate" -v b="$ref_rate" 'BEGIN { printf "%.1f", (b > 0 ? 100 * a / b : 0) }')"
# paced_row NAME RESULT: a row of the paced table.
paced_row() {
    local sent received
    sent="$(kv sent "$2")"
    received="$(kv received "$2")"
    printf '| %-24s | %9s | %9s | %7s | %9s | %11s | %7s |\n' "$1" "$sent" "$received" $((sent - received)) \
        "$(rate "$received" "$(kv seconds "$2")")" "$(kv cpu_seconds "$2")" "$(kv scrapes "$2")"
}

echo
printf '| %-24s | %9s | %9s | %7s | %9s | %12s |\n' receiver sent received lost events/s "kernel drops"
printf '|%s|%s|%s|%s|%s|%s|\n' "--------------------------" "-----------" "-----------" "---------" \
    "-----------" "--------------"
printf '| %-24s | %9s | %9s | %7s | %9s | %12s |\n' "recvmmsg (C reference)" "$ref_sent" "$ref_received" \
    "$ref_lost" "$ref_rate" "$ref_drops"
printf '| %-24s | %9s | %9s | %7s | %9s | %12s |\n' "eventsdash serve" "$ed_sent" "$ed_received" \
    "$ed_lost" "$ed_rate" "$ed_drops"
echo
verdict=PASS
[[ "$ed_lost" -eq 0 ]] || verdict=FAIL
[[ "$ed_rejected" == 0 ]] || verdict=FAIL # the sender's datagrams are all valid: a rejection is a loss
awk -v p="$percent" 'BEGIN { exit !(p >= 95) }' || verdict=FAIL
echo "eventsdash rate = ${percent}% of reference ($(awk -v p="$percent" 'BEGIN { printf "%.2f", p / 100 }') of the C receiver's events/s)"
echo "target: 0 lost, >= 95% of reference: $verdict"
echo
echo "at $paced_rate datagrams/s, what serving /metrics costs:"
printf '| %-24s | %9s | %9s | %7s | %9s | %11s | %7s |\n' run sent received lost events/s "CPU seconds" scrapes
printf '|%s|%s|%s|%s|%s|%s|%s|\n' "--------------------------" "-----------" "-----------" "---------" "-----------" \
    "-------------" "---------"
paced_row "eventsdash serve" "$paced_res"
paced_row "serve --metrics, scraped" "$metrics_res"
metrics_verdict=PASS
[[ "$(kv sent "$paced_res")" == "$(kv received "$paced_res")" ]] || metrics_verdict=FAIL
[[ "$(kv sent "$metrics_res")" == "$(kv received "$metrics_res")" ]] || metrics_verdict=FAIL
[[ "$(kv scrapes "$metrics_res")" =~ ^[1-9] ]] || metrics_verdict=FAIL
# "No measurable cost": within 10% of the CPU without metrics, or 0.05 s (a few clock ticks).
awk -v m="$(kv cpu_seconds "$metrics_res")" -v p="$(kv cpu_seconds "$paced_res")" \
    'BEGIN { exit !(m <= p * 1.10 || m - p <= 0.05) }' || metrics_verdict=FAIL
echo "target: 0 lost both, and CPU with /metrics within 10% (or 0.05 s) of without: $metrics_verdict"
[[ "$metrics_verdict" == PASS ]] || verdict=FAIL
echo
echo "notes:"
echo "  events/s = received / (first send -> receiver's socket queue empty after the last send)"
echo "  sender alone: $(rate "$ref_sent" "$(kv blast_seconds "$ref_blast")")/s (reference run)," \
    "$(rate "$ed_sent" "$(kv blast_seconds "$serve_res")")/s (eventsdash run)"
echo "  reference self-timed, first to last datagram: $(kv rate "$ref_self")/s"
echo "  eventsdash: accepted=$(kv accepted "$serve_res") rejected=$ed_rejected" \
    "truncated=$(kv truncated "$serve_res") /proc/net/udp drops=$(kv proc_drops "$serve_res")" \
    "timing=$(kv method "$serve_res")"
[[ "$ed_rejected" == 0 ]] || echo "  $ed_rejected valid datagrams were rejected by eventsdash (counted as a failure)"
[[ "$ref_lost" -eq 0 ]] || echo "  the reference itself lost $ref_lost datagrams: this machine, not eventsdash, is the limit"

if [[ "$verdict" == FAIL && "$strict" -eq 1 ]]; then exit 1; fi
exit 0
