#!/usr/bin/env bash
# Cluster health rebuilt from the event log: how long `eventsdash health` takes with no engine
# running (it replays the whole log), next to reading the same log (`eventsdash tail -n N --json`).
#
#   -n COUNT      events in the log (default 1000000, or env N)
#   -r RATE       send them to serve at RATE events/s (default 50000; 0: as fast as the sender can)
#   --strict      exit 1 when the target is missed (default: report only, exit 0)
#   EVENTSDASH_BIN=/path/to/eventsdash   use this binary instead of `swift build -c release`
#
# The log is written by a real `eventsdash serve` fed the real brick-failure capture
# (Tests/Fixtures/gluster-10.3-brick-failures.tsv) over UDP, its volume renamed gv0…gv99 in turn.
# Only loopback (127.0.0.1) is used. See bench/README.md for what the figures mean.
set -euo pipefail

usage() { sed -n '2,12s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }
script=health.sh
bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(dirname "$bench_dir")"
out_dir="$bench_dir/out"
# shellcheck source=bench/common.sh
source "$bench_dir/common.sh"

count="${N:-1000000}"
rate=50000
strict=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        -n) [[ $# -ge 2 ]] || die "-n needs a count"; count="$2"; shift 2 ;;
        -r) [[ $# -ge 2 ]] || die "-r needs a rate"; rate="$2"; shift 2 ;;
        --strict) strict=1; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done
[[ "$count" =~ ^[1-9][0-9]*$ ]] || die "count must be a positive integer, not '$count'"
[[ "$rate" =~ ^[0-9]+$ ]] || die "rate must be a number of events per second, not '$rate'"
# The target, 2 s for 1,000,000 events, scaled to COUNT.
target_seconds="$(awk -v n="$count" 'BEGIN { printf "%.2f", 2 * n / 1000000 }')"
runs=3

tmp="$(mktemp -d "${TMPDIR:-/tmp}/eventsdash-bench.XXXXXX")"
serve_pid=""
cleanup() {
    if [[ -n "$serve_pid" ]] && kill -0 "$serve_pid" 2>/dev/null; then
        kill -TERM "$serve_pid" 2>/dev/null || true
        wait "$serve_pid" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "building the C sender into bench/out/"
build_c udp_blast
find_eventsdash

write_capture_log "$count" "$rate"

# --- the timings ------------------------------------------------------------------------------------
# timed OUT COMMAND...: runs COMMAND (its output to OUT), prints its wall time in seconds.
timed() {
    local out="$1" start end
    shift
    start="$(date +%s.%N)"
    "$@" >"$out" 2>&1 || true # health exits with the check's status
    end="$(date +%s.%N)"
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }'
}
median() { tr ' ' '\n' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

say "timing, $runs runs each: tail -n $count --json (reading the log), health --no-gluster (rebuilding from it)"
tail_times=()
health_times=()
for _ in $(seq 1 "$runs"); do
    tail_times+=("$(timed /dev/null "$eventsdash" tail --workdir "$workdir" -n "$count" --json)")
    health_times+=("$(timed "$tmp/health.out" "$eventsdash" health --workdir "$workdir" --no-gluster)")
done
tail_s="$(echo "${tail_times[*]}" | median)"
health_s="$(echo "${health_times[*]}" | median)"
per_second() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }'; }
verdict="$(awk -v s="$health_s" -v t="$target_seconds" 'BEGIN { print (s <= t ? "PASS" : "FAIL") }')"

echo
printf '| %-40s | %9s | %9s | %8s | %6s |\n' figure seconds events/s target result
printf '|%s|%s|%s|%s|%s|\n' "------------------------------------------" "-----------" "-----------" "----------" "--------"
printf '| %-40s | %9s | %9s | %8s | %6s |\n' "read the log (tail -n $count --json)" "$tail_s" "$(per_second "$logged" "$tail_s")" "" ""
printf '| %-40s | %9s | %9s | %8s | %6s |\n' "health rebuilt from the log" "$health_s" "$(per_second "$logged" "$health_s")" "<= $target_seconds" "$verdict"
echo
echo "notes:"
echo "  the log: $logged events, $log_mb MB (MB = 10^6 bytes); serve's kernel drops while writing it: $drops; sender: $(cat "$tmp/blast.out")"
echo "  seconds: wall time of the whole command, median of $runs (tail: ${tail_times[*]}; health: ${health_times[*]})"
echo "  health said: $(head -n 1 "$tmp/health.out" | cut -c1-160)…"
[[ "$logged" -ge "$count" ]] || echo "  only $logged of $count events were logged (the kernel dropped the rest): try a lower -r"

if [[ "$verdict" == FAIL && "$strict" -eq 1 ]]; then exit 1; fi
exit 0
