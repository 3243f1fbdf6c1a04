#!/usr/bin/env bash
# Delivery benchmark: events per second delivered end to end — UDP datagram in, webhook POST
# answered — to one local keep-alive webhook (an nginx of the script's own), by `eventsdash serve`
# and by glustereventsd (Debian's glusterfs-server) fed the same kind of events in the same run;
# and, first, the C reference (bench/curl_multi_ref.c: libcurl's multi interface posting as many
# bodies to the same nginx, nothing else) for the ceiling of posting on this machine.
#
#   bench/delivery.sh [-n COUNT] [-g COUNT] [-r RATE] [--strict]
#
#   -n COUNT      events sent to eventsdash, as fast as the sender can (default 300000, or env N)
#   -g COUNT      events sent to glustereventsd in each of its two runs (default 20000, or env G)
#   -r RATE       events/s of glustereventsd's second run (default 1000, or env GLUSTER_RATE; 0: no
#                 second run)
#   --strict      exit 1 when a target is missed (default: report only, exit 0)
#   EVENTSDASH_BIN=/path/to/eventsdash   use this binary instead of `swift build -c release`
#
# Installs nginx (nginx-light) and glusterfs-server with apt when missing. glustereventsd runs only
# as root with its UDP port free; its files are put back at the end. See bench/README.md.
set -euo pipefail

usage() { sed -n '2,17s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }
script=delivery.sh
bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(dirname "$bench_dir")"
out_dir="$bench_dir/out"
# shellcheck source=bench/common.sh
source "$bench_dir/common.sh"

count="${N:-300000}"
gcount="${G:-20000}"
grate="${GLUSTER_RATE:-1000}"
strict=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        -n) [[ $# -ge 2 ]] || die "-n needs a count"; count="$2"; shift 2 ;;
        -g) [[ $# -ge 2 ]] || die "-g needs a count"; gcount="$2"; shift 2 ;;
        -r) [[ $# -ge 2 ]] || die "-r needs a rate"; grate="$2"; shift 2 ;;
        --strict) strict=1; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done
[[ "$count" =~ ^[1-9][0-9]*$ ]] || die "count must be a positive integer, not '$count'"
[[ "$gcount" =~ ^[1-9][0-9]*$ ]] || die "glustereventsd's count must be a positive integer, not '$gcount'"
[[ "$grate" =~ ^[0-9]+$ ]] || die "the rate must be a number of events/s (0: no paced run), not '$grate'"
[[ "${BASH_VERSINFO[0]}" -ge 5 ]] || die "needs bash 5 (EPOCHREALTIME)"

host=127.0.0.1
glustereventsd=/usr/sbin/glustereventsd
hz="$(getconf CLK_TCK)"
quiet_seconds=3 # glustereventsd is done when its webhook saw nothing new for this long

# --- what it needs: nginx, and glusterfs-server for glustereventsd (as scripts/setup installs) -------
is_root=0
[[ "$(id -u)" -eq 0 ]] && is_root=1
nginx_bin="$(command -v nginx || true)"
[[ -n "$nginx_bin" || ! -x /usr/sbin/nginx ]] || nginx_bin=/usr/sbin/nginx
missing=()
[[ -n "$nginx_bin" ]] || missing+=(nginx-light)
# Without root glustereventsd is not run, so it is not installed either.
[[ -x "$glustereventsd" || "$is_root" -eq 0 ]] || missing+=(glusterfs-server)
if [[ ${#missing[@]} -gt 0 ]]; then
    apt_install "${missing[@]}"
    nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
fi
[[ -x "$nginx_bin" ]] || die "needs nginx"
command -v python3 >/dev/null || die "needs python3"

# --- clean-up: background processes, nginx, glusterd's files put back, the temp dir ---------------
tmp="$(mktemp -d "${TMPDIR:-/tmp}/eventsdash-bench.XXXXXX")"
bg_pids=()
gluster_pgid=""   # glustereventsd runs in a process group of its own (it forks a webhook process)
gluster_files=()  # "path|how" for each of glusterd's files touched; put back by restore_gluster_files
restore_gluster_files() {
    local i entry path how ok=1
    for ((i = ${#gluster_files[@]} - 1; i >= 0; i--)); do
        entry="${gluster_files[i]}"
        path="${entry%%|*}"
        how="${entry#*|}"
        case "$how" in
            created) rm -f "$path" || ok=0 ;;
            created-dir) rmdir "$path" 2>/dev/null || { echo "delivery.sh: note: left $path (not empty)" >&2; } ;;
            moved:*) rm -f "$path" && mv -f "${how#moved:}" "$path" || ok=0 ;;
            size:*) truncate -s "${how#size:}" "$path" || ok=0 ;;
        esac
    done
    gluster_files=()
    return $((1 - ok))
}
stop_gluster() {
    [[ -n "$gluster_pgid" ]] || return 0
    local _
    kill -TERM -- "-$gluster_pgid" 2>/dev/null || true
    # Until none of its processes is left but as a zombie (the first one is ours to reap).
    for _ in $(seq 1 50); do
        [[ -n "$(ps -o stat= -g "$gluster_pgid" | grep -v '^Z' || true)" ]] || break
        sleep 0.1
    done
    kill -KILL -- "-$gluster_pgid" 2>/dev/null || true
    wait "$gluster_pgid" 2>/dev/null || true
    gluster_pgid=""
}
cleanup() {
    stop_background
    stop_gluster
    if restore_gluster_files; then
        rm -rf "$tmp"
    else
        echo "delivery.sh: could not put all of glusterd's files back; the originals are in $tmp/gluster-backup" >&2
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- build ------------------------------------------------------------------------------------------
say "building the C sender and the C delivery reference into bench/out/"
build_c udp_blast
cc -O2 -Wall -Wextra -o "$out_dir/curl_multi_ref" "$bench_dir/curl_multi_ref.c" -lcurl
# The reference's requests in flight: eventsdash's default per webhook (--max-in-flight).
ref_connections=16
find_eventsdash

# --- helpers ----------------------------------------------------------------------------------------
# waiting OUT_FILE PROGRAM ARGS...: runs PROGRAM in the background, its stdout to OUT_FILE, and waits
# for it, so that SIGTERM or Ctrl-C stop the run at once (bash runs a trap only between commands).
waiting() {
    local out="$1" pid
    shift
    "$@" >"$out" &
    pid=$!
    bg_pids+=("$pid")
    wait "$pid"
}
# --- the webhook: an nginx of our own, one server (and access log) per receiver --------------------
ports="$(free_ports 4)"
read -r ed_http gl_http ed_udp ref_http <<<"$(echo $ports)"
ngx="$tmp/nginx"
mkdir -p "$ngx"
cat >"$ngx/nginx.conf" <<EOF
worker_processes 1;
pid $ngx/nginx.pid;
error_log $ngx/error.log;
events { worker_connections 4096; }
http {
    # \$msec: when the request was logged (ms); \$connection: which TCP connection carried it.
    log_format delivery '\$msec \$connection \$http_webhook_id';
    access_log off;
    keepalive_requests 1000000;
    keepalive_timeout 300s;
    client_body_temp_path $ngx/body;
    proxy_temp_path $ngx/proxy;
    fastcgi_temp_path $ngx/fastcgi;
    uwsgi_temp_path $ngx/uwsgi;
    scgi_temp_path $ngx/scgi;
    server {
        listen $host:$ed_http;
        access_log $ngx/eventsdash.log delivery buffer=1m flush=1s;
        location / { return 200 "OK"; }
    }
    server {
        listen $host:$gl_http;
        access_log $ngx/glustereventsd.log delivery buffer=1m flush=1s;
        location / { return 200 "OK"; }
    }
    server {
        listen $host:$ref_http;
        access_log $ngx/reference.log delivery buffer=1m flush=1s;
        location / { return 200 "OK"; }
    }
}
EOF
say "nginx on $host:$ed_http (eventsdash's webhook) and $host:$gl_http (glustereventsd's)"
"$nginx_bin" -e "$ngx/error.log" -p "$ngx" -c "$ngx/nginx.conf" -g 'daemon off;' </dev/null &
nginx_pid=$!
bg_pids+=("$nginx_pid")
for _ in $(seq 1 100); do
    kill -0 "$nginx_pid" 2>/dev/null || break
    tcp_listening "$ed_http" && tcp_listening "$gl_http" && break
    sleep 0.05
done
tcp_listening "$ed_http" && tcp_listening "$gl_http" || { cat "$ngx/error.log" >&2; die "nginx did not start"; }
nginx_worker="$(pgrep -P "$nginx_pid" | head -n 1)"

# --- a0) the C reference: libcurl's multi interface posting the same number of bodies ---------------
say "a0) the C reference: libcurl multi, $ref_connections requests in flight, $count POSTs to $host:$ref_http"
ref_res="$("$out_dir/curl_multi_ref" "http://$host:$ref_http/reference" "$count" "$ref_connections")" || true
settle "$ngx/reference.log"
ref_log="$(log_stats "$ngx/reference.log" 1 "$count")"
ref_delivered="$(kv distinct "$ref_log")"
ref_rate="$(kv rate "$ref_res")"

# --- a) eventsdash serve ----------------------------------------------------------------------------
workdir="$tmp/eventsdash"
mkdir -p "$workdir"
"$eventsdash" webhook-add "http://$host:$ed_http/eventsdash" --workdir "$workdir" >/dev/null
say "a) eventsdash serve on $host:$ed_udp, $count events as fast as the sender can"
"$eventsdash" serve --workdir "$workdir" --port "$ed_udp" --listen "$host" >"$tmp/serve.log" 2>&1 &
serve_pid=$!
bg_pids+=("$serve_pid")
status=""
for _ in $(seq 1 300); do
    kill -0 "$serve_pid" 2>/dev/null || break
    status="$(cat "$workdir/engine.json" 2>/dev/null || true)"
    [[ "$status" == *"\"pid\":$serve_pid,"* && "$status" == *'"delivered":'* ]] && udp_bound "$ed_udp" && break
    sleep 0.1
done
if ! [[ "$status" == *"\"pid\":$serve_pid,"* ]]; then
    echo "--- eventsdash serve output:" >&2
    tail -n 20 "$tmp/serve.log" >&2
    die "eventsdash serve did not start"
fi

# Waits until the webhook's `delivered` in engine.json (rewritten about once a second, read without
# starting a process) reaches the count; or, when some never arrived, until it has not moved for 5 s
# with nothing left to deliver (30 s if there is); or until serve exits.
ed_cpu0="$(cpu_ticks "$serve_pid")"
ngx_cpu0="$(cpu_ticks "$nginx_worker")"
ed_busy0="$(machine_busy)"
now_us
ed_t0="$now"
waiting "$tmp/serve.blast" "$out_dir/udp_blast" "$host" "$ed_udp" "$count"
delivered=0
now_us
last_change="$now"
while kill -0 "$serve_pid" 2>/dev/null; do
    status="$(<"$workdir/engine.json")" || true
    now_us
    if [[ "$status" =~ \"delivered\":([0-9]+) ]] && [[ "${BASH_REMATCH[1]}" != "$delivered" ]]; then
        delivered="${BASH_REMATCH[1]}"
        last_change="$now"
    fi
    [[ "$delivered" -lt "$count" ]] || break
    backlog=1
    [[ "$status" =~ \"backlog\":([0-9]+) ]] && backlog="${BASH_REMATCH[1]}"
    [[ $((now - last_change)) -lt $((backlog == 0 ? 5000000 : 30000000)) ]] || break
    sleep 0.2
done
ed_cpu1="$(cpu_ticks "$serve_pid")"
ngx_cpu1="$(cpu_ticks "$nginx_worker")"
ed_busy1="$(machine_busy)"
settle "$ngx/eventsdash.log"
status="$(cat "$workdir/engine.json" 2>/dev/null || true)"
say "stopping eventsdash serve (SIGTERM)"
kill -TERM "$serve_pid" 2>/dev/null || true
for _ in $(seq 1 150); do kill -0 "$serve_pid" 2>/dev/null || break; sleep 0.1; done
kill -KILL "$serve_pid" 2>/dev/null || true
serve_rc=0
wait "$serve_pid" || serve_rc=$?

ed_blast="$(cat "$tmp/serve.blast")"
ed_sent="$(kv sent "$ed_blast")"
ed_log="$(log_stats "$ngx/eventsdash.log" 1 "$count")"
ed_delivered="$(kv distinct "$ed_log")"
ed_lost=$((ed_sent - ed_delivered))
ed_dups=$(($(kv lines "$ed_log") - ed_delivered - $(kv other "$ed_log")))
ed_seconds="$(seconds_between "$(s_of_us "$ed_t0")" "$(kv last "$ed_log")")"
ed_rate="$(rate "$ed_delivered" "$ed_seconds")"
engine_field() { if [[ "$status" =~ \"$1\":([0-9]+) ]]; then echo "${BASH_REMATCH[1]}"; else echo n/a; fi; }
ed_notes="received $(engine_field received), kernel drops $(engine_field kernel_drops), rejected $(engine_field rejected);"
ed_notes+=" webhook: delivered $(engine_field delivered), failed $(engine_field failed), given up $(engine_field given_up);"
ed_notes+=" $(kv connections "$ed_log") connection(s) to nginx; exit status $serve_rc"
ed_cpu="eventsdash $(cpu_percent $((ed_cpu1 - ed_cpu0)) "$ed_seconds")%, nginx $(cpu_percent $((ngx_cpu1 - ngx_cpu0)) "$ed_seconds")%,"
ed_cpu+=" whole machine $(cpu_percent $((ed_busy1 - ed_busy0)) "$ed_seconds")% (of $(nproc) CPUs: $((100 * $(nproc)))%)"

# --- b) glustereventsd ------------------------------------------------------------------------------
gl_skip=""
gl_runs=()  # "label|file-with-its-figures"
gluster_port=55555
if [[ "$is_root" -eq 0 ]]; then
    gl_skip="not root (glustereventsd needs root: it uses /var/lib/glusterd and /var/log/glusterfs)"
elif [[ ! -x "$glustereventsd" ]]; then
    gl_skip="$glustereventsd is not installed (glusterfs-server)"
elif pid="$(pgrep -x glustereventsd | head -n 1)" && [[ -n "$pid" ]]; then
    gl_skip="a glustereventsd is running already (pid $pid); stop it (systemctl stop glustereventsd) to measure it"
fi
if [[ -z "$gl_skip" ]]; then
    # Its port: /etc/glusterfs/eventsconfig.json (glusterd's config.json is moved aside below).
    gluster_port="$(python3 -c 'import json,sys
try: print(int(json.load(open("/etc/glusterfs/eventsconfig.json")).get("port", 55555)))
except (OSError, ValueError): print(55555)')"
    if udp_bound "$gluster_port"; then
        holder="$(ss -Hulpn "sport = :$gluster_port" 2>/dev/null | grep -o 'users:(([^)]*' | head -n 1 | sed 's/users:((//')"
        gl_skip="UDP port $gluster_port is in use${holder:+ ($holder)}"
    fi
fi

# gluster_file PATH CONTENT: puts CONTENT in PATH (CONTENT "-": only moves PATH aside), recording how
# to put things back.
gluster_file() {
    local path="$1" content="$2" dir
    dir="$(dirname "$path")"
    if [[ ! -d "$dir" ]]; then
        gluster_file_dir "$dir"
    fi
    if [[ -e "$path" ]]; then
        mkdir -p "$tmp/gluster-backup"
        local backup
        backup="$tmp/gluster-backup/$(echo "$path" | tr / _)"
        mv "$path" "$backup"
        gluster_files+=("$path|moved:$backup")
    elif [[ "$content" != - ]]; then
        gluster_files+=("$path|created")
    fi
    [[ "$content" == - ]] || printf '%s\n' "$content" >"$path"
}
gluster_file_dir() {
    [[ -d "$1" ]] && return 0
    gluster_file_dir "$(dirname "$1")"
    mkdir "$1"
    gluster_files+=("$1|created-dir")
}

# gluster_run LABEL SENDER_ARGS...: one run; its figures go to $tmp/gluster.N.
gluster_run() {
    local label="$1" n=$((${#gl_runs[@]} + 1)) log="$ngx/glustereventsd.log" first drops0 cpu0 ncpu0 busy0 t0 lines prev
    local quiet_since
    shift
    first=$(($(lines_of "$log") + 1))
    drops0="$(udp_drops "$gluster_port")"
    cpu0="$(cpu_ticks $(pgrep -g "$gluster_pgid"))"
    ncpu0="$(cpu_ticks "$nginx_worker")"
    busy0="$(machine_busy)"
    now_us
    t0="$now"
    waiting "$tmp/gluster.$n.blast" "$out_dir/udp_blast" "$@"
    # Done when nginx's log has not grown for $quiet_seconds (it is written at least every second).
    prev=-1
    while :; do
        lines="$(lines_of "$log")"
        now_us
        if [[ "$lines" != "$prev" ]]; then prev="$lines"; quiet_since="$now"; fi
        [[ $((now - quiet_since)) -lt $((quiet_seconds * 1000000)) ]] || break
        kill -0 "$gluster_pgid" 2>/dev/null || break
        sleep 0.5
    done
    {
        cat "$tmp/gluster.$n.blast"
        log_stats "$log" "$first" 0
        echo "t0=$(s_of_us "$t0") drops=$(($(udp_drops "$gluster_port") - drops0))"
        echo "cpu=$(($(cpu_ticks $(pgrep -g "$gluster_pgid")) - cpu0)) nginx_cpu=$(($(cpu_ticks "$nginx_worker") - ncpu0))"
        echo "machine=$(($(machine_busy) - busy0))"
    } | tr '\n' ' ' >"$tmp/gluster.$n"
    gl_runs+=("$label|$tmp/gluster.$n")
}

if [[ -n "$gl_skip" ]]; then
    say "b) glustereventsd: skipped: $gl_skip"
else
    # glustereventsd appends a line per event to /var/log/glusterfs/events.log, and the gluster CLI
    # (which it runs, as this script does) to cli.log: both are cut back to their size before.
    gluster_file_dir /var/log/glusterfs
    for f in /var/log/glusterfs/events.log /var/log/glusterfs/cli.log; do
        if [[ -e "$f" ]]; then gluster_files+=("$f|size:$(stat -c %s "$f")"); else gluster_files+=("$f|created"); fi
    done
    # glusterd's working directory, found as glustereventsd finds it.
    gwd="$(gluster system:: getwd 2>/dev/null)" && [[ "$gwd" == /* ]] || gwd=/var/lib/glusterd
    say "b) glustereventsd on UDP port $gluster_port (glusterd's files in $gwd are put back at the end)"
    gluster_file "$gwd/events/webhooks.json" "{\"http://$host:$gl_http/glustereventsd\": {\"token\": \"\", \"secret\": \"\"}}"
    gluster_file "$gwd/events/config.json" -
    [[ -s "$gwd/glusterd.info" ]] || gluster_file "$gwd/glusterd.info" "UUID=$(cat /proc/sys/kernel/random/uuid)"
    setsid "$glustereventsd" -p "$tmp/glustereventsd.pid" >"$tmp/glustereventsd.out" 2>&1 </dev/null &
    gluster_pgid=$!
    for _ in $(seq 1 300); do
        kill -0 "$gluster_pgid" 2>/dev/null || break
        udp_bound "$gluster_port" && [[ "$(pgrep -g "$gluster_pgid" | wc -l)" -ge 2 ]] && break
        sleep 0.1
    done
    if ! kill -0 "$gluster_pgid" 2>/dev/null || ! udp_bound "$gluster_port"; then
        gl_skip="glustereventsd did not start: $(tail -n 3 "$tmp/glustereventsd.out" | tr '\n' ' ')"
        say "b) $gl_skip"
    else
        sleep 1 # its webhook process starts its thread (and imports requests)
        say "b1) glustereventsd: $gcount events as fast as the sender can"
        gluster_run "glustereventsd, flat out" "$host" "$gluster_port" "$gcount"
        if [[ "$grate" -gt 0 ]]; then
            say "b2) glustereventsd: $gcount events at $grate/s"
            gluster_run "glustereventsd, $grate/s" -r "$grate" "$host" "$gluster_port" "$gcount"
        fi
    fi
    say "stopping glustereventsd"
    stop_gluster
    restore_gluster_files || die "could not put glusterd's files back; the originals are in $tmp/gluster-backup"
fi

# --- c) the table ---------------------------------------------------------------------------------
row() { printf '| %-26s | %8s | %9s | %7s | %10s | %11s |\n' "$@"; }
echo
row receiver sent delivered lost duplicates delivered/s
printf '|%s|%s|%s|%s|%s|%s|\n' "----------------------------" "----------" "-----------" "---------" "------------" \
    "-------------"
row "C reference (libcurl)" "$count" "$ref_delivered" "$((count - ref_delivered))" "0" "$ref_rate"
row "eventsdash serve" "$ed_sent" "$ed_delivered" "$ed_lost" "$ed_dups" "$ed_rate"
gl_best=""
gl_best_label=""
gl_notes=()
gl_ratios=()
for entry in "${gl_runs[@]}"; do
    label="${entry%%|*}"
    fig="$(cat "${entry#*|}")"
    sent="$(kv sent "$fig")"
    got="$(kv lines "$fig")"
    seconds="$(seconds_between "$(kv t0 "$fig")" "$(kv last "$fig")")"
    r="$(rate "$got" "$seconds")"
    row "$label" "$sent" "$got" "$((sent - got))" "n/a" "$r"
    if [[ "$r" != n/a ]] && [[ -z "$gl_best" || "$r" -gt "$gl_best" ]]; then gl_best="$r"; gl_best_label="$label"; fi
    [[ "$r" == n/a || "$r" -eq 0 || "$ed_rate" == n/a ]] ||
        gl_ratios+=("$(awk -v a="$ed_rate" -v b="$r" 'BEGIN { printf "%.1f", a / b }')x $label")
    gl_notes+=("$label: sender $(kv rate "$fig")/s; kernel drops $(kv drops "$fig"); $(kv connections "$fig") connections to nginx; CPU glustereventsd $(cpu_percent "$(kv cpu "$fig")" "$seconds")%, nginx $(cpu_percent "$(kv nginx_cpu "$fig")" "$seconds")%, whole machine $(cpu_percent "$(kv machine "$fig")" "$seconds")%; deliveries from $(seconds_between "$(kv t0 "$fig")" "$(kv first "$fig")") to $seconds s after the first datagram")
done
[[ -z "$gl_skip" || ${#gl_runs[@]} -gt 0 ]] || row "glustereventsd" "-" "-" "-" "-" "skipped"
echo

met=0
total=0
verdicts=()
# target NAME PASS|FAIL|SKIP
target() {
    [[ "$2" == SKIP ]] || total=$((total + 1))
    [[ "$2" != PASS ]] || met=$((met + 1))
    verdicts+=("$2")
    printf 'target: %-44s %s\n' "$1" "$2"
}
if [[ -n "$gl_best" && "$gl_best" -gt 0 && "$ed_rate" != n/a ]]; then
    ratio="$(awk -v a="$ed_rate" -v b="$gl_best" 'BEGIN { printf "%.1f", a / b }')"
    echo "eventsdash delivered/s = ${ratio}x glustereventsd's best ($gl_best/s, $gl_best_label)"
    [[ ${#gl_ratios[@]} -lt 2 ]] || echo "  (per run: $(printf '%s, ' "${gl_ratios[@]}" | sed 's/, $//'))"
    v_ratio="$(awk -v r="$ratio" 'BEGIN { print (r >= 15 ? "PASS" : "FAIL") }')"
else
    echo "eventsdash delivered/s vs glustereventsd: not measured (${gl_skip:-glustereventsd delivered nothing})"
    v_ratio=SKIP
    [[ -n "$gl_skip" ]] || v_ratio=FAIL
fi
v_reference=FAIL
if [[ "$ref_rate" =~ ^[0-9]+$ && "$ref_rate" -gt 0 && "$ed_rate" != n/a ]]; then
    of_reference="$(awk -v a="$ed_rate" -v b="$ref_rate" 'BEGIN { printf "%.2f", a / b }')"
    echo "eventsdash delivered/s = $of_reference of the C reference's ($ref_rate/s: it only posts, with no UDP, no log)"
    v_reference="$(awk -v r="$of_reference" 'BEGIN { print (r >= 0.8 ? "PASS" : "FAIL") }')"
fi
target ">= 20000 events/s delivered (eventsdash)" "$(awk -v r="$ed_rate" 'BEGIN { print (r != "n/a" && r >= 20000 ? "PASS" : "FAIL") }')"
target ">= 15x glustereventsd's delivered/s" "$v_ratio"
target "0 lost (eventsdash)" "$([[ "$ed_lost" -eq 0 ]] && echo PASS || echo FAIL)"
target ">= 0.8 of the C reference's delivered/s" "$v_reference"
verdict=PASS
[[ "$met" -eq "$total" ]] || verdict=FAIL
echo "targets: $met of $total met: $verdict$([[ "$v_ratio" != SKIP ]] || echo " (the ratio was not measured)")"
echo
echo "notes:"
echo "  delivered = distinct events in nginx's access log (eventsdash: webhook-id header; glustereventsd has none:"\
    "log lines); delivered/s = delivered / (first datagram sent -> last of them logged by nginx)"
echo "  eventsdash: sender $(kv rate "$ed_blast")/s; deliveries from $(seconds_between "$(s_of_us "$ed_t0")" "$(kv first "$ed_log")") s" \
    "to $ed_seconds s after the first datagram; $ed_notes"
echo "  CPU, % of a core over that time: $ed_cpu"
[[ "$(kv other "$ed_log")" == 0 ]] || echo "  eventsdash: $(kv other "$ed_log") requests without a webhook-id in 1..$count"
[[ "$ed_lost" -eq 0 ]] || echo "  eventsdash: $ed_lost events lost (kernel drops $(engine_field kernel_drops): datagrams came faster than it read them while delivering; see the whole machine's CPU)"
[[ "$ed_dups" -eq 0 ]] || echo "  eventsdash: $ed_dups events were delivered more than once (same webhook-id)"
echo "  C reference: bench/curl_multi_ref.c, libcurl's multi interface with $ref_connections requests in flight over kept-alive" \
    "connections (eventsdash's default per webhook), a body and header list built per request; it timed itself: $ref_res"
for note in "${gl_notes[@]}"; do echo "  $note"; done
[[ -z "$gl_skip" ]] || echo "  glustereventsd: skipped: $gl_skip"

if [[ "$verdict" == FAIL && "$strict" -eq 1 ]]; then exit 1; fi
exit 0
