/// The config items gluster-eventsapi manages, in its order; the raw values are its names (in
/// `config.json`, `eventsconfig.json` and on the command line).
public enum ConfigKey: String, CaseIterable, Sendable {
    case logLevel = "log-level"
    case port
    case disableEventsLog = "disable-events-log"

    /// Every name, comma-separated, for help and messages.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
