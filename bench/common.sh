# Shared by the benchmark scripts (sourced, not run): messages, and building what they measure.
# The sourcing script sets `script` (its name, for messages), `bench_dir`, `repo_root` and `out_dir`.

die() { echo "$script: $*" >&2; exit 2; }
say() { echo "==> $*" >&2; }

# apt_install PACKAGE...: installs Debian packages (with sudo unless root).
apt_install() {
    say "installing $* (apt)"
    local sudo=""
    [[ "$(id -u)" -eq 0 ]] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" </dev/null >/dev/null
}

# stop_background: stops the processes in `bg_pids` (the sourcing script's), newest first: a sender
# before the receiver it sends to, a receiver before its webhook (nginx, a child: `daemon off`).
stop_background() {
    local i pid
    for ((i = ${#bg_pids[@]} - 1; i >= 0; i--)); do
        pid="${bg_pids[i]}"
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
}

# build_c NAME...: compiles bench/NAME.c into bench/out/NAME.
build_c() {
    mkdir -p "$out_dir"
    local name
    for name in "$@"; do cc -O2 -Wall -Wextra -o "$out_dir/$name" "$bench_dir/$name.c"; done
}

# find_eventsdash: sets `eventsdash` (an absolute path) to $EVENTSDASH_BIN, or builds it (release,
# with the static Swift standard library as scripts/package and scripts/run build it: the flag
# changes how the modules are compiled, so builds with and without it would each undo the other).
find_eventsdash() {
    if [[ -n "${EVENTSDASH_BIN:-}" ]]; then
        eventsdash="$EVENTSDASH_BIN"
        [[ -x "$eventsdash" ]] || die "EVENTSDASH_BIN=$eventsdash is not an executable"
    else
        say "building eventsdash (release)"
        (cd "$repo_root" && swift build -c release --product eventsdash --static-swift-stdlib >&2)
        eventsdash="$(cd "$repo_root" && swift build -c release --static-swift-stdlib --show-bin-path)/eventsdash"
    fi
    eventsdash="$(cd "$(dirname "$eventsdash")" && pwd)/$(basename "$eventsdash")"
}

# engine FIELD: FIELD of the `engine` object of `eventsdash status --json` on $workdir (empty when none).
engine() {
    "$eventsdash" status --workdir "$workdir" --json |
        python3 -c 'import json, sys; print((json.load(sys.stdin)["output"]["engine"]).get(sys.argv[1], ""))' "$1"
}

# write_capture_log COUNT RATE: a log of COUNT events in a new workdir ($workdir, under $tmp): the
# brick-failures capture, as gv0 … gv99, sent by udp_blast to `eventsdash serve` at RATE a second
# (0: flat out), until every event is logged or the count stops rising for 3 s (the kernel dropped
# some). Sets `logged`, `drops` (the kernel's, while writing) and `log_mb`; serve is stopped after.
# The sourcing script's cleanup stops `$serve_pid` if it is set. Needs udp_blast (build_c) and
# find_eventsdash first.
write_capture_log() {
    local count="$1" rate="$2" port last still
    # Each line is what follows the timestamp (`<event-type> <fields>`); udp_blast -f sends them in turn.
    cut -f2 "$repo_root/Tests/Fixtures/gluster-10.3-brick-failures.tsv" | cut -d' ' -f2- >"$tmp/capture"
    for volume in $(seq 0 99); do sed "s/gv0/gv$volume/g" "$tmp/capture"; done >"$tmp/datagrams"
    workdir="$tmp/workdir"
    mkdir -p "$workdir"
    port="$(python3 -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    say "writing the log: $count events to eventsdash serve on 127.0.0.1:$port at ${rate}/s (0: flat out)"
    "$eventsdash" serve --workdir "$workdir" --port "$port" --listen 127.0.0.1 --cluster-poll-interval 0 >"$tmp/serve.log" 2>&1 &
    serve_pid=$!
    for _ in $(seq 1 100); do [[ "$(engine running 2>/dev/null)" == True ]] && break; sleep 0.1; done
    [[ "$(engine running 2>/dev/null)" == True ]] || { tail -n 20 "$tmp/serve.log" >&2; die "eventsdash serve did not start"; }
    local rate_option=()
    [[ "$rate" -gt 0 ]] && rate_option=(-r "$rate")
    "$out_dir/udp_blast" "${rate_option[@]}" -f "$tmp/datagrams" 127.0.0.1 "$port" "$count" >"$tmp/blast.out"
    last=-1
    still=0
    while [[ "$still" -lt 30 ]]; do
        logged="$(engine last_sequence)"
        [[ "$logged" -ge "$count" ]] && break
        if [[ "$logged" == "$last" ]]; then still=$((still + 1)); else still=0; last="$logged"; fi
        sleep 0.1
    done
    drops="$(engine kernel_drops)"
    kill -TERM "$serve_pid"
    wait "$serve_pid" || die "eventsdash serve exited with status $?: $(tail -n 5 "$tmp/serve.log")"
    serve_pid=""
    log_mb="$(du -sk "$workdir/log" | awk '{ printf "%.1f", $1 * 1024 / 1e6 }')"
}

# --- for the delivery benchmarks (delivery.sh, fanout.sh) ------------------------------------------
# kv KEY "key=value key=value ...": the value of KEY.
kv() { local tok; for tok in $2; do [[ "$tok" == "$1="* ]] && { echo "${tok#*=}"; return; }; done; echo "n/a"; }
# free_ports N: N distinct free TCP ports on 127.0.0.1 (also free for UDP).
free_ports() {
    python3 - "$1" <<'PY'
import socket, sys
held = []
while len(held) < 2 * int(sys.argv[1]):
    t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    t.bind(("127.0.0.1", 0))
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        u.bind(("127.0.0.1", t.getsockname()[1]))
    except OSError:
        t.close()
        continue
    held += [t, u]
    print(t.getsockname()[1])
PY
}
# tcp_listening PORT / udp_bound PORT: whether a socket on that local port is in /proc/net.
tcp_listening() { awk -v p="$(printf ':%04X' "$1")" 'substr($2, length($2) - 4) == p && $4 == "0A" { f = 1 } END { exit !f }' /proc/net/tcp /proc/net/tcp6 2>/dev/null; }
udp_bound() { awk -v p="$(printf ':%04X' "$1")" 'substr($2, length($2) - 4) == p { f = 1 } END { exit !f }' /proc/net/udp /proc/net/udp6 2>/dev/null; }
# udp_drops PORT: the kernel's drop count summed over the UDP sockets on that local port.
udp_drops() { awk -v p="$(printf ':%04X' "$1")" 'substr($2, length($2) - 4) == p { d += $13 } END { print d + 0 }' /proc/net/udp /proc/net/udp6 2>/dev/null; }
# cpu_ticks PID...: utime + stime of these processes (every thread, living or gone), in clock ticks.
cpu_ticks() {
    local pid stat sum=0 f
    for pid in "$@"; do
        read -r stat 2>/dev/null <"/proc/$pid/stat" || continue
        read -ra f <<<"${stat##*) }"
        sum=$((sum + f[11] + f[12]))
    done
    echo "$sum"
}
# now_us: the wall clock in microseconds (bash's EPOCHREALTIME without its decimal point); s_of_us US:
# the same in seconds, for awk and for comparing with nginx's $msec.
now_us() { now="${EPOCHREALTIME//[!0-9]/}"; }
s_of_us() { echo "${1:0:-6}.${1: -6}"; }
# machine_busy: CPU time of the whole machine (all CPUs, all processes) not idle, in clock ticks.
machine_busy() { local cpu f; read -r cpu f <<<"$(head -n 1 /proc/stat)"; read -ra f <<<"$f"; echo $((f[0] + f[1] + f[2] + f[5] + f[6] + f[7])); }
lines_of() { if [[ -f "$1" ]]; then wc -l <"$1"; else echo 0; fi; }
# settle FILE: waits until FILE has not grown for 1.5 s (nginx writes its log buffer at least every 1 s).
settle() {
    local before after
    after="$(lines_of "$1")"
    while :; do
        before="$after"
        sleep 1.5
        after="$(lines_of "$1")"
        [[ "$after" != "$before" ]] || return 0
    done
}
# log_stats FILE FIRST_LINE N: figures from nginx's access log lines FIRST_LINE.. (`$msec $connection
# $http_webhook_id` each): lines, distinct webhook-ids of sequences 1..N, other ids, connections, first and last.
log_stats() {
    tail -n +"$2" "$1" | awk -v n="$3" '
        { lines++; if (first == "" || $1 < first) first = $1; if ($1 > last) last = $1; conn[$2] = 1
          s = $3; sub(/.*-/, "", s)  # webhook-id: <node>-<epoch>-<sequence> (s + 0: compared as a number, not text)
          if ($3 != "-" && s ~ /^[0-9]+$/ && s + 0 >= 1 && s + 0 <= n) { if (!(s in id)) { id[s] = 1; distinct++ } } else other++ }
        END { for (c in conn) conns++
              printf "lines=%d distinct=%d other=%d connections=%d first=%s last=%s\n", lines, distinct, other, conns, (first == "" ? "n/a" : first), (last == "" ? "n/a" : last) }'
}
rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s == "n/a" || s <= 0) print "n/a"; else printf "%.0f", n / s }'; }
seconds_between() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "n/a" || b == "n/a") print "n/a"; else printf "%.3f", b - a }'; }
cpu_percent() { awk -v t="$1" -v s="$2" -v hz="$hz" 'BEGIN { if (s == "n/a" || s <= 0) print "n/a"; else printf "%.0f", 100 * t / hz / s }'; }
