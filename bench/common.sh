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

# find_eventsdash: sets `eventsdash` (an absolute path) to $EVENTSDASH_BIN, or builds it (release).
find_eventsdash() {
    if [[ -n "${EVENTSDASH_BIN:-}" ]]; then
        eventsdash="$EVENTSDASH_BIN"
        [[ -x "$eventsdash" ]] || die "EVENTSDASH_BIN=$eventsdash is not an executable"
    else
        say "building eventsdash (release)"
        (cd "$repo_root" && swift build -c release --product eventsdash >&2)
        eventsdash="$(cd "$repo_root" && swift build -c release --show-bin-path)/eventsdash"
    fi
    eventsdash="$(cd "$(dirname "$eventsdash")" && pwd)/$(basename "$eventsdash")"
}
