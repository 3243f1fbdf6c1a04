import ArgumentParser

/// `--json`, for the commands that print a result (gluster-eventsapi's `{"output": …, "error": …}`
/// shape, or one JSON value per line).
struct JSONOutputOption: ParsableArguments {
    @Flag(help: "Machine-readable JSON output.")
    var json = false
}
