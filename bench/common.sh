# Shared by the benchmark scripts (sourced, not run): messages, and building what they measure.
# The sourcing script sets `script` (its name, for messages), `bench_dir`, `repo_root` and `out_dir`.

die() { echo "$script: $*" >&2; exit 2; }
say() { echo "==> $*" >&2; }

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
    "$eventsdash" serve --workdir "$workdir" --port "$port" --listen 127.0.0.1 --reconcile-interval 0 >"$tmp/serve.log" 2>&1 &
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
