import ArgumentParser
import Foundation
import GlusterEvents
import GlusterHost

/// Ends a command with gluster-eventsapi's error shape: the message on standard error (or
/// `{"output": "", "error": message}` with --json) and its exit code.
func fail(_ message: String, _ status: ExitStatus = .failure, json: Bool) -> ExitCode {
    if json {
        Output.json(.object([("output", .string("")), ("error", .string(message))]))
    } else {
        Output.line(message, to: .standardError)  // one line, whatever the message quotes
    }
    return ExitCode(status.rawValue)
}

/// Prints `{"output": output, "error": ""}`, gluster-eventsapi's success shape.
func printJSONOutput(_ output: JSONValue) {
    Output.json(.object([("output", output), ("error", .string(""))]))
}

/// Runs `body`, turning a bad config or webhooks file into a clear failure (exit 7: invalid config).
func withReportedFileErrors<T>(json: Bool, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ConfigFileError {
        throw fail("\(error)", .invalidConfig, json: json)
    } catch let error as FileSystemError {
        throw fail("\(error)", json: json)
    }
}

/// Ends the command when `problem` (of a URL, token or secret about to be used) is not nil.
func refuse(_ problem: String?, url: String, json: Bool) throws {
    if let problem { throw fail("\(url): \(problem)", json: json) }
}
