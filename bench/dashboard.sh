#!/usr/bin/env bash
# Dashboard benchmark: the full-screen dashboard's CPU when idle and at a steady 10,000 events/s,
# its memory after COUNT events and its time to first frame, next to the headless engine
# (`eventsdash serve`) measured the same way, in one run.
#
#   bench/dashboard.sh [-n COUNT] [-d SECONDS] [-f RATE] [-s PAYLOAD_BYTES] [--strict]
#
#   -n COUNT      events each program has received when its memory is read (default 1000000, or env N)
#   -d SECONDS    length of the idle window and of the 10,000 events/s window (default 10, or env DURATION)
#   -f RATE       events/s of the rest of the COUNT events (default 50000, or env FILL_RATE; 0: as fast
#                 as the sender can)
#   -s BYTES      pad each datagram to BYTES (default: unpadded, ~35 bytes; or env PAYLOAD)
#   --strict      exit 1 when a target is missed (default: report only, exit 0)
#   EVENTSDASH_BIN=/path/to/eventsdash   use this binary instead of `swift build -c release`
#
# Both programs run in a 120x40 terminal of a tmux server of their own. See bench/README.md.
set -euo pipefail

usage() { sed -n '2,16s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }
script=dashboard.sh
bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(dirname "$bench_dir")"
out_dir="$bench_dir/out"
# shellcheck source=bench/common.sh
source "$bench_dir/common.sh"

count="${N:-1000000}"
duration="${DURATION:-10}"
fill_rate="${FILL_RATE:-50000}"
payload="${PAYLOAD:-0}"
strict=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        -n) [[ $# -ge 2 ]] || die "-n needs a count"; count="$2"; shift 2 ;;
        -d) [[ $# -ge 2 ]] || die "-d needs a number of seconds"; duration="$2"; shift 2 ;;
        -f) [[ $# -ge 2 ]] || die "-f needs a rate"; fill_rate="$2"; shift 2 ;;
        -s) [[ $# -ge 2 ]] || die "-s needs a size"; payload="$2"; shift 2 ;;
        --strict) strict=1; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done
[[ "$count" =~ ^[1-9][0-9]*$ ]] || die "count must be a positive integer, not '$count'"
[[ "$duration" =~ ^[1-9][0-9]*$ ]] || die "seconds must be a positive integer, not '$duration'"
[[ "$fill_rate" =~ ^[0-9]+$ ]] || die "the rate must be a number of events/s (0: full speed), not '$fill_rate'"
[[ "$payload" =~ ^[0-9]+$ ]] || die "payload size must be a number of bytes, not '$payload'"
command -v tmux >/dev/null || die "needs tmux"

host=127.0.0.1
rate=10000    # events/s of the steady window (the target is stated at this rate)
starts=5      # start-ups timed per program (the median is shown)
columns=120   # the terminal both programs run in
rows=40
# What the dashboard's first row starts with once it has drawn a frame.
first_frame_text=" eventsdash  UDP"
# A terminal type inside tmux that has colours, as a user's would.
term=tmux-256color
if command -v infocmp >/dev/null && ! infocmp "$term" >/dev/null 2>&1; then term=screen-256color; fi

# --- clean-up: the tmux server (and the programs in it), background helpers, the temp dir ----------
tmp="$(mktemp -d "${TMPDIR:-/tmp}/eventsdash-bench.XXXXXX")"
socket="eventsdash-bench-$$-${RANDOM}"
tmux_() { tmux -L "$socket" "$@"; }
bg_pids=()
cleanup() {
    stop_background
    # Ends every pane with SIGHUP: eventsdash stops its engine on it.
    tmux_ kill-server 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- build ------------------------------------------------------------------------------------------
say "building the C sender into bench/out/"
build_c udp_blast
find_eventsdash

# --- the measuring helper (python3: /proc parsing, JSON and millisecond timing) ---------------------
# CPU % of a core = the time the process's threads were on a CPU during a window (nanoseconds, from
#                   /proc/PID/task/*/schedstat) ÷ the window's wall time; from utime + stime
#                   (/proc/PID/stat, in 1/CLK_TCK s) when a thread came or went during the window.
# Memory          = VmRSS (now) and VmHWM (peak) from /proc/PID/status.
# Start-up        = from just before `tmux new-session` until (a) a UDP socket on the port shows in
#                   /proc/net/udp, (b) the first row of `tmux capture-pane` starts with the header.
cat >"$tmp/measure.py" <<'PY'
import json, os, signal, subprocess, sys, time

HZ = os.sysconf("SC_CLK_TCK")
POLL = 0.005  # seconds between two looks at the screen during start-up

def tmux(socket, *args):
    return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True).stdout

def port_bound(port):
    for path in ("/proc/net/udp", "/proc/net/udp6"):
        try:
            with open(path) as f:
                rows = f.read().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            col = row.split()
            if len(col) > 1 and int(col[1].rsplit(":", 1)[1], 16) == port:
                return True
    return False

def cpu_ticks(pid):
    """utime + stime of the whole process, in clock ticks."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # fields 14 and 15 of stat(5)

def memory_kib(pid):
    values = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0])
    return values.get("VmRSS", 0), values.get("VmHWM", 0)

def comm(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return ""

def find_program(pid, name):
    """`pid` if it runs `name`, else its first descendant that does (the pane may run a shell)."""
    if comm(pid) == name:
        return pid
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parent = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            if parent == pid:
                found = find_program(int(entry), name)
                if found:
                    return found
    return None

def engine_status(binary, workdir):
    """The `engine` object of `eventsdash status --json`, or {}."""
    try:
        p = subprocess.run([binary, "status", "--workdir", workdir, "--json"],
                           capture_output=True, text=True, timeout=10)
        engine = (json.loads(p.stdout).get("output") or {}).get("engine")
    except (ValueError, AttributeError, subprocess.TimeoutExpired):
        return {}
    return engine if isinstance(engine, dict) else {}

def cmd_freeport(_args):
    import socket
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        print(s.getsockname()[1])

def cmd_start(args):
    # start SOCKET SESSION COLUMNS ROWS PORT FRAME_TEXT|- TIMEOUT COMMAND_LINE
    socket, session, columns, rows, port, frame_text, timeout, line = args
    port, timeout = int(port), float(timeout)
    want_frame = frame_text != "-"
    t0 = time.monotonic()
    subprocess.run(["tmux", "-L", socket, "new-session", "-d", "-s", session, "-x", columns, "-y", rows, line],
                   check=True)
    bound = frame = None
    frame_error = 0.0
    previous_capture = t0  # the start of the last look that did not show the frame yet
    captures, pid, screen, loops = 0, None, "", 0
    while time.monotonic() - t0 < timeout:
        if bound is None and port_bound(port):
            bound = time.monotonic()
        if want_frame and frame is None:
            started = time.monotonic()
            screen = tmux(socket, "capture-pane", "-p", "-t", session)
            captures += 1
            if screen.startswith(frame_text):
                frame = time.monotonic()
                frame_error = frame - previous_capture
            else:
                previous_capture = started
        if bound is not None and (frame is not None or not want_frame):
            break
        loops += 1
        if loops % 20 == 1:  # every ~0.1 s: did the program die (remain-on-exit keeps its pane)?
            dead = tmux(socket, "list-panes", "-t", session, "-F", "#{pane_dead} #{pane_dead_status}").split()
            if dead and dead[0] == "1":
                screen = tmux(socket, "capture-pane", "-p", "-t", session)
                sys.exit(f"measure: the program in tmux exited (status {dead[1:]}) before it was ready:\n{screen}")
        time.sleep(POLL)
    else:
        screen = tmux(socket, "capture-pane", "-p", "-t", session)
        sys.exit(f"measure: not ready within {timeout:.0f} s (socket bound: {bound is not None}, "
                 f"frame: {frame is not None}); the screen:\n{screen}")
    pane_pid = int(tmux(socket, "list-panes", "-t", session, "-F", "#{pane_pid}").split()[0])
    pid = find_program(pane_pid, "eventsdash")
    if pid is None:
        sys.exit(f"measure: no eventsdash process under the pane's process {pane_pid}")
    ms = lambda t: "n/a" if t is None else f"{1000 * (t - t0):.0f}"
    span = (frame - t0) / captures if frame is not None and captures else 0
    print(f"pid={pid} bound_ms={ms(bound)} frame_ms={ms(frame)} frame_error_ms={1000 * frame_error:.0f} "
          f"captures={captures} poll_ms={1000 * span:.1f}")

def thread_runtimes(pid):
    """{thread id: nanoseconds it has been on a CPU} (the first field of each task's schedstat)."""
    runtimes = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                runtimes[tid] = int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            pass
    return runtimes

def cpu_window(pids, seconds):
    """(CPU % of a core, the same from clock ticks) for each of `pids` over the next `seconds`.
    The first is from the threads' run times in nanoseconds when the same threads were there at both
    ends of the window, else the ticks figure (a thread that ended took its run time with it)."""
    sample = lambda: [(cpu_ticks(p), thread_runtimes(p)) for p in pids]
    t0, before = time.monotonic(), sample()
    time.sleep(seconds)
    t1, after = time.monotonic(), sample()
    figures = []
    for (ticks0, threads0), (ticks1, threads1) in zip(before, after):
        by_ticks = 100.0 * (ticks1 - ticks0) / HZ / (t1 - t0)
        if threads0 and threads0.keys() == threads1.keys():
            precise = 100.0 * sum(threads1[t] - threads0[t] for t in threads0) / 1e9 / (t1 - t0)
        else:
            precise = by_ticks
        figures.append((precise, by_ticks))
    return figures

def cmd_idle(args):
    # idle SECONDS PID TMUX_PID: settles 1 s, then measures
    seconds, pid, server = float(args[0]), int(args[1]), int(args[2])
    time.sleep(1.0)
    (cpu, cpu_ticks), (server_cpu, _) = cpu_window([pid, server], seconds)
    rss, hwm = memory_kib(pid)
    print(f"cpu={cpu:.2f} cpu_ticks={cpu_ticks:.2f} tmux_cpu={server_cpu:.2f} rss_kib={rss} hwm_kib={hwm}")

def cmd_steady(args):
    # steady SECONDS PID TMUX_PID -- SENDER...: measures while the paced sender runs (after 0.5 s)
    seconds, pid, server, cmd = float(args[0]), int(args[1]), int(args[2]), args[4:]
    sender = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    try:
        time.sleep(0.5)
        (cpu, cpu_ticks), (server_cpu, _) = cpu_window([pid, server], seconds)
        running = sender.poll() is None
        out, _ = sender.communicate()
    finally:
        if sender.poll() is None:
            sender.kill()
            sender.wait()
    if sender.returncode != 0:
        sys.exit(f"measure: sender failed (exit {sender.returncode})")
    print(f"cpu={cpu:.2f} cpu_ticks={cpu_ticks:.2f} tmux_cpu={server_cpu:.2f} whole_window={int(running)} "
          f"{out.strip()}")

def cmd_wait(args):
    # wait BINARY WORKDIR TOTAL: until the engine has logged TOTAL events (or stopped counting)
    binary, workdir, total = args[0], args[1], int(args[2])
    last, last_change, engine = None, time.monotonic(), {}
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        engine = engine_status(binary, workdir) or engine
        value = (int(engine.get("received", 0)), int(engine.get("last_sequence", 0)))
        now = time.monotonic()
        if value != last:
            last, last_change = value, now
        # status is rewritten about once a second: a shorter quiet spell could be a stale snapshot
        if value[1] >= total or now - last_change >= 3.0:
            break
        time.sleep(0.05)
    print(f"received={engine.get('received', 0)} logged={engine.get('last_sequence', 0)} "
          f"rejected={engine.get('rejected', 0)} kernel_drops={engine.get('kernel_drops', 'n/a')}")

def cmd_blast(args):
    # blast -- SENDER...: runs the sender, prints its figures
    out = subprocess.run(args[1:], stdout=subprocess.PIPE, text=True, check=True).stdout
    print(out.strip())

def cmd_memory(args):
    # memory PID SETTLE_SECONDS
    time.sleep(float(args[1]))
    rss, hwm = memory_kib(int(args[0]))
    print(f"rss_kib={rss} hwm_kib={hwm}")

signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
{"freeport": cmd_freeport, "start": cmd_start, "idle": cmd_idle, "steady": cmd_steady, "wait": cmd_wait,
 "blast": cmd_blast, "memory": cmd_memory}[sys.argv[1]](sys.argv[2:])
PY
measure() { python3 "$tmp/measure.py" "$@"; }
# waiting OUT_FILE PROGRAM ARGS...: runs PROGRAM in the background, its stdout to OUT_FILE, and waits
# for it. Bash runs a trap only once the foreground command is over; `wait` lets SIGTERM or Ctrl-C
# stop the run at once (the clean-up then stops PROGRAM).
waiting() {
    local out="$1" pid
    shift
    "$@" >"$out" &
    pid=$!
    bg_pids+=("$pid")
    wait "$pid"
}
# running PID: whether PID is a process that has not exited (a zombie has).
running() {
    local stat
    { read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 1
    stat="${stat##*) }"
    [[ "${stat%% *}" != Z ]]
}
# kv KEY "key=value key=value ...": the value of KEY.
kv() { local tok; for tok in $2; do [[ "$tok" == "$1="* ]] && { echo "${tok#*=}"; return; }; done; echo "n/a"; }

# --- the tmux server: its own socket, no user config, panes kept after their program exits ---------
tmux_ -f /dev/null new-session -d -s keep -x "$columns" -y "$rows" "sleep 86400"
tmux_ set-option -g remain-on-exit on >/dev/null
tmux_pid="$(tmux_ display-message -p -t keep '#{pid}')"

steady_count=$((rate * (duration + 1))) # the window starts 0.5 s in and ends 0.5 s before the last send
fill_label="$fill_rate events/s"
fill_flag=(-r "$fill_rate")
[[ "$fill_rate" -gt 0 ]] || { fill_label="full speed"; fill_flag=(); }
# stop_program SESSION PID: quits the program in a tmux session (q for the dashboard, SIGTERM for
# serve) and prints its exit status.
stop_program() {
    local session="$1" pid="$2" i status=""
    if [[ "$session" == dashboard* ]]; then tmux_ send-keys -t "$session" q; else kill -TERM "$pid" 2>/dev/null || true; fi
    for ((i = 0; i < 150; i++)); do running "$pid" || break; sleep 0.1; done
    if running "$pid"; then
        echo "dashboard.sh: $session did not stop within 15 s; killing it" >&2
        kill -KILL "$pid" 2>/dev/null || true
    fi
    # tmux (3.3a) was seen to miss the SIGCHLD of an eventsdash that had exited, leaving it a
    # zombie and its pane without an exit status: remind our own tmux server to reap it.
    for ((i = 0; i < 20; i++)); do
        status="$(tmux_ list-panes -t "$session" -F '#{pane_dead_status}' 2>/dev/null || true)"
        [[ -z "$status" ]] || break
        kill -CHLD "$tmux_pid" 2>/dev/null || true
        sleep 0.1
    done
    echo "${status:-n/a}"
}
# median_of NAME KEY: the median of KEY over NAME's starts (n/a if any is n/a)
median_of() {
    local k values=()
    for ((k = 1; k <= starts; k++)); do values+=("$(fig "$1" "start$k" "$2")"); done
    printf '%s\n' "${values[@]}" | sort -n | awk '/n\/a/ { na = 1 } { v[NR] = $1 }
        END { if (na) print "n/a"; else print v[int((NR + 1) / 2)] }'
}
# samples_of NAME KEY: KEY of each of NAME's starts, in order
samples_of() { local k; for ((k = 1; k <= starts; k++)); do printf '%s ' "$(fig "$1" "start$k" "$2")"; done; }
# fig NAME PHASE KEY: a figure of one program
fig() { kv "$3" "$(cat "$tmp/$1.$2")"; }

# run_one NAME COMMAND...: one program through start-up (`starts` times), idle, 10,000 events/s and
# COUNT events; leaves key=value lines in $tmp/NAME.*
run_one() {
    local name="$1" port workdir line frame_text pid rest k session arg
    shift
    port="$(measure freeport)"
    workdir="$tmp/$name-workdir"
    mkdir -p "$workdir"
    line="exec env -u NO_COLOR TERM=$term"
    for arg in "$@" --workdir "$workdir" --port "$port" --listen "$host"; do line+=" $(printf '%q' "$arg")"; done
    frame_text=-
    [[ "$name" == dashboard ]] && frame_text="$first_frame_text"

    # Start-up is short and noisy: started `starts` times, the last one goes on to the rest.
    say "$name: starting $starts times on $host:$port in a ${columns}x$rows tmux terminal"
    for ((k = 1; k <= starts; k++)); do
        session="$name"
        [[ "$k" -eq "$starts" ]] || session="$name-$k"
        waiting "$tmp/$name.start$k" python3 "$tmp/measure.py" start "$socket" "$session" "$columns" "$rows" \
            "$port" "$frame_text" 30 "$line"
        pid="$(kv pid "$(cat "$tmp/$name.start$k")")"
        if [[ "$k" -lt "$starts" ]]; then
            stop_program "$session" "$pid" >/dev/null
            tmux_ kill-session -t "$session"
        fi
    done

    say "$name: idle for $duration s"
    waiting "$tmp/$name.idle" python3 "$tmp/measure.py" idle "$duration" "$pid" "$tmux_pid"

    say "$name: $rate events/s for $duration s"
    waiting "$tmp/$name.steady" python3 "$tmp/measure.py" steady "$duration" "$pid" "$tmux_pid" -- \
        "$out_dir/udp_blast" -r "$rate" "$host" "$port" "$steady_count" "$payload"
    waiting "$tmp/$name.steady-wait" python3 "$tmp/measure.py" wait "$eventsdash" "$workdir" "$steady_count"

    rest=$((count > steady_count ? count - steady_count : 0))
    say "$name: $rest more events at $fill_label ($((steady_count + rest)) in all), then its memory"
    if [[ "$rest" -gt 0 ]]; then
        waiting "$tmp/$name.blast" python3 "$tmp/measure.py" blast -- \
            "$out_dir/udp_blast" "${fill_flag[@]}" "$host" "$port" "$rest" "$payload"
    else
        echo "sent=0" >"$tmp/$name.blast"
    fi
    waiting "$tmp/$name.fill-wait" python3 "$tmp/measure.py" wait "$eventsdash" "$workdir" "$((steady_count + rest))"
    # 1.5 s: the dashboard draws the last events (it redraws at most ten times a second)
    waiting "$tmp/$name.memory" python3 "$tmp/measure.py" memory "$pid" 1.5
    tmux_ capture-pane -p -t "$name" >"$tmp/$name.screen"

    say "$name: stopping"
    echo "exit=$(stop_program "$name" "$pid")" >"$tmp/$name.stop"
}

run_one serve "$eventsdash" serve
run_one dashboard "$eventsdash"

# --- the table ------------------------------------------------------------------------------------
mb() { awk -v k="$1" 'BEGIN { if (k == "n/a" || k == "") print "n/a"; else printf "%.1f", k * 1024 / 1e6 }'; }
# check VALUE OP LIMIT: PASS or FAIL
check() {
    if [[ "$1" == n/a ]]; then echo FAIL; return; fi
    awk -v a="$1" -v b="$3" -v op="$2" 'BEGIN { ok = (op == "<" ? a < b : a <= b); print (ok ? "PASS" : "FAIL") }'
}
row() { printf '| %-36s | %16s | %16s | %8s | %6s |\n' "$@"; }

d_frame="$(median_of dashboard frame_ms)"
d_idle="$(fig dashboard idle cpu)"
d_steady="$(fig dashboard steady cpu)"
d_rss="$(mb "$(fig dashboard memory rss_kib)")"
v_frame="$(check "$d_frame" "<=" 200)"
v_idle="$(check "$d_idle" "<" 1)"
v_steady="$(check "$d_steady" "<" 60)"
v_rss="$(check "$d_rss" "<=" 100)"
total=$((steady_count + (count > steady_count ? count - steady_count : 0)))

echo
row figure "eventsdash serve" "dashboard" target result
printf '|%s|%s|%s|%s|%s|\n' "--------------------------------------" "------------------" "------------------" \
    "----------" "--------"
row "UDP socket bound after (ms)" "$(median_of serve bound_ms)" "$(median_of dashboard bound_ms)" "" ""
row "time to first frame (ms)" "n/a" "$d_frame" "<= 200" "$v_frame"
row "CPU idle (% of a core)" "$(fig serve idle cpu)" "$d_idle" "< 1" "$v_idle"
row "CPU at $rate events/s (% of a core)" "$(fig serve steady cpu)" "$d_steady" "< 60" "$v_steady"
row "RSS idle (MB)" "$(mb "$(fig serve idle rss_kib)")" "$(mb "$(fig dashboard idle rss_kib)")" "" ""
row "RSS after $total events (MB)" "$(mb "$(fig serve memory rss_kib)")" "$d_rss" "<= 100" "$v_rss"
row "peak RSS, VmHWM (MB)" "$(mb "$(fig serve memory hwm_kib)")" "$(mb "$(fig dashboard memory hwm_kib)")" "" ""
echo
verdict=PASS
met=0
for v in "$v_frame" "$v_idle" "$v_steady" "$v_rss"; do
    if [[ "$v" == PASS ]]; then met=$((met + 1)); else verdict=FAIL; fi
done
echo "targets (dashboard): $met of 4 met: $verdict"
echo
echo "notes:"
echo "  CPU: threads' run time over ${duration} s windows; from utime+stime, for comparison" \
    "(resolution $(awk -v d="$duration" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", 100 / hz / d }')%):" \
    "idle $(fig serve idle cpu_ticks) / $(fig dashboard idle cpu_ticks)," \
    "at $rate/s $(fig serve steady cpu_ticks) / $(fig dashboard steady cpu_ticks) (serve / dashboard); MB = 10^6 bytes"
echo "  start-up, median of $starts starts, from 'tmux new-session' until the UDP socket was bound:" \
    "serve $(samples_of serve bound_ms)ms, dashboard $(samples_of dashboard bound_ms)ms"
echo "  until its first row read '$first_frame_text': dashboard $(samples_of dashboard frame_ms)ms;" \
    "each up to $(samples_of dashboard frame_error_ms | tr ' ' '\n' | sort -n | tail -n 1) ms late" \
    "(the screen was read every $(fig dashboard start1 poll_ms) ms)"
echo "  tmux server (the terminal) CPU while the dashboard ran: idle $(fig dashboard idle tmux_cpu)%," \
    "at $rate/s $(fig dashboard steady tmux_cpu)% (serve: $(fig serve idle tmux_cpu)%, $(fig serve steady tmux_cpu)%)"
for name in serve dashboard; do
    sent=$((steady_count + $(fig "$name" blast sent)))
    got="$(fig "$name" fill-wait received)"
    echo "  $name: sender $(fig "$name" steady rate)/s in the steady window, $(fig "$name" blast rate)/s for the rest;" \
        "$sent sent, $got received," \
        "$(fig "$name" fill-wait logged) logged, rejected $(fig "$name" fill-wait rejected)," \
        "kernel drops $(fig "$name" fill-wait kernel_drops); exit status $(fig "$name" stop exit)"
    [[ "$got" == "$sent" ]] ||
        echo "  $name: $((sent - got)) events lost: its RSS was read after $got events, not $sent"
    [[ "$(fig "$name" steady whole_window)" == 1 ]] ||
        echo "  $name: the paced sender ended before the CPU window did (the steady figure is too low)"
done
shown_total=$(echo "$total" | sed -E ':a;s/([0-9])([0-9]{3})($|,)/\1,\2\3/;ta')  # the header groups thousands
grep -Eq "received ($total|$shown_total) " "$tmp/dashboard.screen" ||
    echo "  the dashboard's last screen did not show 'received $shown_total': $(sed -n 2p "$tmp/dashboard.screen")"

if [[ "$verdict" == FAIL && "$strict" -eq 1 ]]; then exit 1; fi
exit 0
