#!/usr/bin/env bash
# The dashboard's filter over the durable log: for a few filters, the time to the first screen of
# matches and to the whole result, over a log of COUNT events of which the dashboard holds the
# newest 100,000, next to `grep -c` reading the same log files.
#
#   -n COUNT      events in the log (default 1000000, or env N)
#   -r RATE       send them to serve at RATE events/s (default 100000; 0: as fast as the sender can)
#   --strict      exit 1 when a target is missed (default: report only, exit 0)
#   EVENTSDASH_BIN=/path/to/eventsdash   use this binary instead of `swift build -c release`
#
# The log is written as bench/health.sh writes it: a real `eventsdash serve` fed the brick-failure
# capture (Tests/Fixtures/gluster-10.3-brick-failures.tsv) over UDP, its volume renamed gv0…gv99 in
# turn. The timings are taken in-process by the hidden `eventsdash filter-timing` (the dashboard's
# own filter code, run as a frame loop). Only loopback (127.0.0.1) is used. See bench/README.md.
set -euo pipefail

usage() { sed -n '2,14s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }
script=filter.sh
bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(dirname "$bench_dir")"
out_dir="$bench_dir/out"
# shellcheck source=bench/common.sh
source "$bench_dir/common.sh"

count="${N:-1000000}"
rate=100000
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
first_target_ms=200
complete_target_ms=1000
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
# Read once so that every run finds the log in the page cache, as a dashboard on a live log does.
cat "$workdir"/log/events-*.log >/dev/null

# --- the timings ------------------------------------------------------------------------------------
median() { tr ' ' '\n' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }
# grep_ms PATTERN [grep options]: wall time of `grep -c` over the log files, in ms (median of runs).
grep_ms() {
    local times=() start end
    for _ in $(seq 1 "$runs"); do
        start="$(date +%s%N)"
        grep -c "$@" "$workdir"/log/events-*.log >"$tmp/grep.out" || true
        end="$(date +%s%N)"
        times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", (b - a) / 1e6 }')")
    done
    echo "${times[*]}" | median
}
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t ? "PASS" : "FAIL") }'; }

# Each filter and the grep that reads as much (the baseline: one pass over the same bytes).
filters=('event:BRICK_*,QUORUM_LOST' 'volume:gv0' 'gv42/b2')
grep_options=(-E -E -Fi)
grep_patterns=('"event": "(BRICK_[A-Z_]*|QUORUM_LOST)"' 'gv0[^0-9]' 'gv42/b2')

echo
printf '| %-28s | %9s | %9s | %8s | %8s | %11s | %9s | %6s |\n' filter matches grep_ms first_ms target complete_ms target result
printf '|%s|%s|%s|%s|%s|%s|%s|%s|\n' "------------------------------" "-----------" "-----------" "----------" "----------" "-------------" "-----------" "--------"
failed=0
notes=()
for index in "${!filters[@]}"; do
    filter="${filters[$index]}"
    say "timing '$filter', $runs runs"
    firsts=()
    completes=()
    for _ in $(seq 1 "$runs"); do
        "$eventsdash" filter-timing --workdir "$workdir" "$filter" >"$tmp/timing.out"
        firsts+=("$(field first_screen_ms <"$tmp/timing.out")")
        completes+=("$(field complete_ms <"$tmp/timing.out")")
    done
    matches="$(field matches <"$tmp/timing.out")"
    events="$(field events <"$tmp/timing.out")"
    baseline="$(grep_ms "${grep_options[$index]}" -e "${grep_patterns[$index]}")"
    first="$(echo "${firsts[*]}" | median)"
    complete="$(echo "${completes[*]}" | median)"
    first_verdict="$(verdict "$first" "$first_target_ms")"
    complete_verdict="$(verdict "$complete" "$complete_target_ms")"
    result=PASS
    [[ "$first_verdict" == PASS && "$complete_verdict" == PASS ]] || { result=FAIL; failed=1; }
    printf '| %-28s | %9s | %9s | %8s | %8s | %11s | %9s | %6s |\n' "$filter" "$matches" "$baseline" "$first" "<= $first_target_ms" \
        "$complete" "<= $complete_target_ms" "$result"
    notes+=("$filter: first ${firsts[*]} ms, complete ${completes[*]} ms; grep -c ${grep_options[$index]} '${grep_patterns[$index]}': $(awk -F: '{ s += $NF } END { print s }' "$tmp/grep.out") lines")
done
echo
echo "notes:"
echo "  the log: $logged events, $log_mb MB (MB = 10^6 bytes), $(find "$workdir/log" -name 'events-*.log' | wc -l) segments; $events reached by the filter, $(( events < 100000 ? events : 100000 )) of them held; sender: $(cat "$tmp/blast.out")"
echo "  first_ms: until the newest 40 matches (a first screen, following) are known for good; complete_ms: until every event is tested; median of $runs"
for note in "${notes[@]}"; do echo "  $note"; done
[[ "$logged" -ge "$count" ]] || echo "  only $logged of $count events were logged (the kernel dropped the rest): try a lower -r"

if [[ "$failed" -eq 1 && "$strict" -eq 1 ]]; then exit 1; fi
exit 0
