#!/usr/bin/env bash
# Fan-out benchmark: one stream of events to many webhooks. `eventsdash serve` takes RATE event
# datagrams a second for SECONDS and delivers each to WEBHOOKS webhooks spread over PORTS nginx
# servers of the script's own; every webhook must get every event. Reported: how long delivering
# all of them took, requests/s, and the delivery latency of each (webhook, event): p50, p99, max.
# First, the C reference (bench/curl_multi_ref.c) posts the same number of requests to the same
# webhooks as fast as it can, with as many requests in flight (16 per webhook): the ceiling of
# posting on this machine.
#
#   bench/fanout.sh [-w WEBHOOKS] [-p PORTS] [-r RATE] [-d SECONDS] [--strict]
#
#   -w WEBHOOKS   webhooks (default 50)
#   -p PORTS      nginx servers (ports) they are spread over (default 5)
#   -r RATE       events/s sent to serve (default 2000)
#   -d SECONDS    how long events are sent (default 30)
#   --strict      exit 1 when a target is missed (default: report only, exit 0)
#   EVENTSDASH_BIN=/path/to/eventsdash   use this binary instead of `swift build -c release`
#
# Installs nginx (nginx-light) with apt when missing. See bench/README.md.
set -euo pipefail

usage() { sed -n '2,19s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }
script=fanout.sh
bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(dirname "$bench_dir")"
out_dir="$bench_dir/out"
# shellcheck source=bench/common.sh
source "$bench_dir/common.sh"

webhooks=50
nports=5
rate=2000
duration=30
strict=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        -w) [[ $# -ge 2 ]] || die "-w needs a count"; webhooks="$2"; shift 2 ;;
        -p) [[ $# -ge 2 ]] || die "-p needs a count"; nports="$2"; shift 2 ;;
        -r) [[ $# -ge 2 ]] || die "-r needs a rate"; rate="$2"; shift 2 ;;
        -d) [[ $# -ge 2 ]] || die "-d needs seconds"; duration="$2"; shift 2 ;;
        --strict) strict=1; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done
for value in "$webhooks" "$nports" "$rate" "$duration"; do
    [[ "$value" =~ ^[1-9][0-9]*$ ]] || die "counts, rate and seconds must be positive integers, not '$value'"
done
[[ "$webhooks" -le 256 && "$nports" -le "$webhooks" ]] || die "at most 256 webhooks, and no more ports than webhooks"
[[ "${BASH_VERSINFO[0]}" -ge 5 ]] || die "needs bash 5 (EPOCHREALTIME)"

host=127.0.0.1
hz="$(getconf CLK_TCK)"
events=$((rate * duration))
requests=$((events * webhooks))
in_flight=16 # per webhook: eventsdash's default (--max-in-flight), and the reference's
quiet_limit=20 # seconds without a delivery after which the wait ends

nginx_bin="$(command -v nginx || true)"
[[ -n "$nginx_bin" || ! -x /usr/sbin/nginx ]] || nginx_bin=/usr/sbin/nginx
if [[ -z "$nginx_bin" ]]; then
    apt_install nginx-light
    nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
fi
[[ -x "$nginx_bin" ]] || die "needs nginx"
command -v python3 >/dev/null || die "needs python3"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/eventsdash-fanout.XXXXXX")"
bg_pids=()
cleanup() {
    stop_background
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "building the C sender and the C delivery reference into bench/out/"
build_c udp_blast
cc -O2 -Wall -Wextra -o "$out_dir/curl_multi_ref" "$bench_dir/curl_multi_ref.c" -lcurl
find_eventsdash

# --- nginx: PORTS servers, each logging `$msec $uri $webhook-id` ----------------------------------
read -ra http_ports <<<"$(free_ports "$((nports + 1))" | tr '\n' ' ')"
udp_port="${http_ports[nports]}"
ngx="$tmp/nginx"
mkdir -p "$ngx"
{
    echo "worker_processes 1;"
    echo "pid $ngx/nginx.pid;"
    echo "error_log $ngx/error.log;"
    echo "events { worker_connections $((2 * webhooks * in_flight + 64)); }"
    echo "http {"
    echo "    log_format fanout '\$msec \$uri \$http_webhook_id';"
    echo "    keepalive_requests 10000000;"
    echo "    keepalive_timeout 300s;"
    echo "    client_body_temp_path $ngx/body;"
    for ((k = 0; k < nports; k++)); do
        echo "    server { listen $host:${http_ports[k]}; access_log $ngx/port$k.log fanout buffer=1m flush=1s; location / { return 200 \"OK\"; } }"
    done
    echo "}"
} >"$ngx/nginx.conf"
say "nginx on $host ports ${http_ports[*]:0:nports}"
"$nginx_bin" -e "$ngx/error.log" -p "$ngx" -c "$ngx/nginx.conf" -g 'daemon off;' </dev/null &
nginx_pid=$!
bg_pids+=("$nginx_pid")
for _ in $(seq 1 100); do
    tcp_listening "${http_ports[nports - 1]}" && break
    sleep 0.05
done
tcp_listening "${http_ports[nports - 1]}" || { cat "$ngx/error.log" >&2; die "nginx did not start"; }
nginx_worker="$(pgrep -P "$nginx_pid" | head -n 1)"
# webhook_url WHO N: the N-th webhook (from 1) of WHO (eventsdash or reference), on port N mod PORTS.
webhook_url() { echo "http://$host:${http_ports[$(($2 % nports))]}/$1/hook-$2"; }
all_logs() { cat "$ngx"/port*.log 2>/dev/null || true; }
settle_logs() { local k; for ((k = 0; k < nports; k++)); do [[ ! -f "$ngx/port$k.log" ]] || settle "$ngx/port$k.log"; done; }

# --- a) the C reference ---------------------------------------------------------------------------
ref_urls="$(for ((i = 1; i <= webhooks; i++)); do webhook_url reference "$i"; done | paste -sd,)"
say "a) the C reference: $requests POSTs to $webhooks webhooks, $in_flight in flight each"
ref_res="$("$out_dir/curl_multi_ref" "$ref_urls" "$requests" "$((webhooks * in_flight))")" || true
settle_logs
ref_logged="$(all_logs | awk '$2 ~ /^\/reference\// { n++ } END { print n + 0 }')"

# --- b) eventsdash serve --------------------------------------------------------------------------
workdir="$tmp/eventsdash"
mkdir -p "$workdir"
say "b) eventsdash serve: $webhooks webhooks"
for ((i = 1; i <= webhooks; i++)); do
    "$eventsdash" webhook-add "$(webhook_url eventsdash "$i")" --workdir "$workdir" >/dev/null
done
"$eventsdash" serve --workdir "$workdir" --port "$udp_port" --listen "$host" >"$tmp/serve.log" 2>&1 &
serve_pid=$!
bg_pids+=("$serve_pid")
status=""
for _ in $(seq 1 300); do
    kill -0 "$serve_pid" 2>/dev/null || break
    status="$(cat "$workdir/engine.json" 2>/dev/null || true)"
    [[ "$status" == *"\"pid\":$serve_pid,"* && "$status" == *'"delivered":'* ]] && udp_bound "$udp_port" && break
    sleep 0.1
done
[[ "$status" == *"\"pid\":$serve_pid,"* ]] || { tail -n 20 "$tmp/serve.log" >&2; die "eventsdash serve did not start"; }

# sum_field NAME: NAME summed over every webhook in engine.json (read without starting a process).
sum_field() {
    local sum=0 rest="$status"
    while [[ "$rest" =~ \"$1\":([0-9]+)(.*) ]]; do
        sum=$((sum + BASH_REMATCH[1]))
        rest="${BASH_REMATCH[2]}"
    done
    echo "$sum"
}
say "b) $events events at $rate/s for $duration s: $requests deliveries"
ed_cpu0="$(cpu_ticks "$serve_pid")"
ngx_cpu0="$(cpu_ticks "$nginx_worker")"
now_us
t0="$now"
"$out_dir/udp_blast" -r "$rate" "$host" "$udp_port" "$events" >"$tmp/blast" &
blast_pid=$!
bg_pids+=("$blast_pid")
delivered=0
last_change="$t0"
while kill -0 "$serve_pid" 2>/dev/null; do
    status="$(<"$workdir/engine.json")" || true
    now_us
    total="$(sum_field delivered)"
    if [[ "$total" != "$delivered" ]]; then delivered="$total"; last_change="$now"; fi
    [[ "$delivered" -lt "$requests" ]] || break
    kill -0 "$blast_pid" 2>/dev/null || [[ $((now - last_change)) -lt $((quiet_limit * 1000000)) ]] || break
    sleep 0.2
done
wait "$blast_pid" || true
ed_cpu1="$(cpu_ticks "$serve_pid")"
ngx_cpu1="$(cpu_ticks "$nginx_worker")"
peak_rss_kb="$(awk '/^VmHWM:/ { print $2 }' "/proc/$serve_pid/status" 2>/dev/null || echo 0)"
settle_logs
say "stopping eventsdash serve (SIGTERM)"
kill -TERM "$serve_pid" 2>/dev/null || true
serve_rc=0
wait "$serve_pid" || serve_rc=$?

# --- c) figures: each (webhook, event) once, its latency from when its datagram was sent ----------
# Datagram i (sequence i + 1) left at t0 + i / RATE (udp_blast keeps to that schedule within a
# millisecond); nginx logs each request when answered, in ms.
t0_s="$(s_of_us "$t0")"
all_logs | awk -v t0="$t0_s" -v rate="$rate" -v n="$events" -v lat="$tmp/latencies" '
    $2 ~ /^\/eventsdash\// {
        s = $3; sub(/.*-/, "", s)
        if (s !~ /^[0-9]+$/ || s + 0 < 1 || s + 0 > n) { other++; next }
        key = $2 " " s
        if (key in seen) { dups++; next }
        seen[key] = 1; distinct++; per[$2]++
        if (last == "" || $1 > last) last = $1
        printf "%.3f\n", $1 - (t0 + (s - 1) / rate) > lat
    }
    END {
        least = -1; for (u in per) { hooks++; if (least < 0 || per[u] < least) least = per[u] }
        printf "distinct=%d dups=%d other=%d hooks=%d least=%d last=%s\n", distinct, dups + 0, other + 0, hooks, (least < 0 ? 0 : least), (last == "" ? "n/a" : last)
    }' >"$tmp/figures"
figures="$(cat "$tmp/figures")"
[[ -f "$tmp/latencies" ]] || : >"$tmp/latencies"
# p50, p99 and max from one sort (millions of lines in a full run).
read -r p50 p99 pmax < <(sort -n "$tmp/latencies" | awk '{ v[NR] = $1 }
    function at(p,  i) { i = int(p * NR + 0.999999); if (i < 1) i = 1; return sprintf("%.3f", v[i]) }
    END { if (NR == 0) print "n/a n/a n/a"; else print at(0.50), at(0.99), at(1) }')
ed_delivered="$(kv distinct "$figures")"
ed_lost=$((requests - ed_delivered))
ed_seconds="$(seconds_between "$t0_s" "$(kv last "$figures")")"
ed_rate="$(rate "$ed_delivered" "$ed_seconds")"
ref_seconds="$(kv seconds "$ref_res")"
ref_rate="$(kv rate "$ref_res")"

row() { printf '| %-22s | %8s | %9s | %9s | %7s | %9s | %10s | %8s | %8s | %8s |\n' "$@"; }
echo
row sender webhooks requests delivered lost seconds requests/s "p50 s" "p99 s" "max s"
printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' "------------------------" "----------" "-----------" "-----------" "---------" \
    "-----------" "------------" "----------" "----------" "----------"
row "C reference (libcurl)" "$webhooks" "$requests" "$ref_logged" "$((requests - ref_logged))" "$(printf '%.2f' "$ref_seconds")" "$ref_rate" "-" "-" "-"
row "eventsdash serve" "$webhooks" "$requests" "$ed_delivered" "$ed_lost" "$ed_seconds" "$ed_rate" "$p50" "$p99" "$pmax"
echo
offered=$((requests / duration))
echo "offered: $rate events/s x $webhooks webhooks = $offered requests/s for $duration s"
keeps_up="$(awk -v s="$ed_seconds" -v d="$duration" 'BEGIN { print (s != "n/a" && s <= d + 1 ? "yes" : "no") }')"
echo "eventsdash kept up with the offered rate: $keeps_up (delivered by $ed_seconds s after the first datagram; sending took $duration s)"
if [[ "$ref_rate" =~ ^[0-9]+$ && "$ref_rate" -gt 0 && "$ed_rate" != n/a ]]; then
    bound="it only posts"
    # Keeping up, eventsdash posts at the offered rate: the ratio is then no measure of its ceiling.
    [[ "$keeps_up" == no ]] || bound="$bound; eventsdash kept up, so its figure is the offered rate: a higher -r finds its ceiling"
    echo "eventsdash requests/s = $(awk -v a="$ed_rate" -v b="$ref_rate" 'BEGIN { printf "%.2f", a / b }') of the C reference's ($ref_rate/s: $bound)"
fi
met=0
total=0
target() {
    total=$((total + 1))
    [[ "$2" != PASS ]] || met=$((met + 1))
    printf 'target: %-44s %s\n' "$1" "$2"
}
target "every webhook got every event" "$([[ "$ed_lost" -eq 0 && "$(kv least "$figures")" -eq "$events" && "$(kv hooks "$figures")" -eq "$webhooks" ]] && echo PASS || echo FAIL)"
target "no event delivered twice to a webhook" "$([[ "$(kv dups "$figures")" == 0 ]] && echo PASS || echo FAIL)"
verdict=PASS
[[ "$met" -eq "$total" ]] || verdict=FAIL
echo "targets: $met of $total met: $verdict"
echo
echo "notes:"
echo "  latency: from a datagram's send to nginx logging the webhook's answer (ms resolution), per (webhook, event)"
echo "  eventsdash: sender $(kv rate "$(cat "$tmp/blast")")/s; $(kv hooks "$figures") webhooks heard from, the least-served got $(kv least "$figures") events;" \
    "$(kv other "$figures") requests without a webhook-id in 1..$events; peak RSS $((peak_rss_kb / 1024)) MB; exit status $serve_rc"
echo "  CPU, % of a core from the first datagram to the last delivery: eventsdash $(cpu_percent $((ed_cpu1 - ed_cpu0)) "$ed_seconds")%," \
    "nginx $(cpu_percent $((ngx_cpu1 - ngx_cpu0)) "$ed_seconds")% (of $(nproc) CPUs: $((100 * $(nproc)))%)"
echo "  C reference: bench/curl_multi_ref.c, $((webhooks * in_flight)) requests in flight over kept-alive connections," \
    "$in_flight per webhook; it timed itself: $ref_res"

if [[ "$verdict" == FAIL && "$strict" -eq 1 ]]; then exit 1; fi
exit 0
