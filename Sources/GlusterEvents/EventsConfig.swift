/// gluster's events config: built-in defaults, the defaults file (`eventsconfig.json`) over them,
/// and the overrides file (`config.json`) over that.
public struct EventsConfig: Sendable, Equatable {
    /// The names gluster-eventsapi accepts, in its order.
    public static let keys = ["log-level", "port", "disable-events-log"]
    public static let logLevels = ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
    /// What gluster's daemons send to, whatever the config says.
    public static let glusterSendersPort = 55555

    public static let builtInDefaults: JSONValue = .object([
        ("log-level", .string("INFO")), ("port", .int(55555)), ("disable-events-log", .bool(false)),
    ])

    /// Every merged value, known keys first (an unknown key in a file is kept and shown, not used).
    public let values: JSONValue

    public var logLevel: String { values["log-level"]?.stringValue?.uppercased() ?? "INFO" }
    public var port: Int { Int(values["port"]?.intValue ?? 55555) }
    public var disableEventsLog: Bool { values["disable-events-log"]?.boolValue ?? false }

    /// Merges and validates. Throws for a value of the wrong type or out of range, naming the file.
    public init(defaults: JSONValue?, defaultsPath: String, overrides: JSONValue?, overridesPath: String)
        throws(ConfigFileError)
    {
        var merged: [(key: String, value: JSONValue)] = Self.builtInDefaults.objectMembers!
        for (source, path) in [(defaults, defaultsPath), (overrides, overridesPath)] {
            guard let source else { continue }
            guard let members = source.objectMembers else {
                throw ConfigFileError(path: path, problem: "must be a JSON object of config names to values")
            }
            for member in members {
                if case .failure(let problem) = Self.check(name: member.key, value: member.value) {
                    throw ConfigFileError(path: path, problem: problem.description)
                }
                merged.append(member)
            }
        }
        values = .object(merging: merged)
    }

    /// A problem with a config name or value, worded for the user.
    public struct Problem: Error, CustomStringConvertible, Sendable {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// Whether `value` is acceptable for `name` (unknown names in files are tolerated).
    static func check(name: String, value: JSONValue) -> Result<Void, Problem> {
        switch name {
        case "log-level":
            guard let level = value.stringValue, logLevels.contains(level.uppercased()) else {
                return .failure(Problem(description: "log-level must be one of \(logLevels.joined(separator: ", "))"))
            }
        case "port":
            guard let port = value.intValue, (1...65535).contains(port) else {
                return .failure(Problem(description: "port must be a whole number from 1 to 65535"))
            }
        case "disable-events-log":
            guard value.boolValue != nil else {
                return .failure(Problem(description: "disable-events-log must be true or false"))
            }
        default: break
        }
        return .success(())
    }

    /// The typed value for `config-set NAME TEXT`, validated (gluster-eventsapi stores whatever it is
    /// given; eventsdash refuses what gluster's daemons could not use).
    public static func parseSetting(name: String, text: String) -> Result<JSONValue, Problem> {
        guard keys.contains(name) else {
            return .failure(Problem(description: "Invalid Config item"))
        }
        let value: JSONValue
        switch name {
        case "port":
            guard let port = Int64(text.trimmingWhitespace()) else {
                return .failure(Problem(description: "port must be a whole number from 1 to 65535"))
            }
            value = .int(port)
        case "disable-events-log":
            switch text.trimmingWhitespace().lowercased() {
            case "true", "on", "yes", "enabled", "1": value = .bool(true)
            case "false", "off", "no", "disabled", "0": value = .bool(false)
            default: return .failure(Problem(description: "disable-events-log must be true or false"))
            }
        default:
            value = .string(text.trimmingWhitespace().uppercased())
        }
        return check(name: name, value: value).map { value }
    }
}

extension EventsConfig {
    /// One line on what saving `port` = `newPort` means for an engine that listens on `listeningPort`.
    public static func portChangeWarning(newPort: Int, listeningPort: Int) -> String {
        var text =
            newPort == listeningPort
            ? "port \(newPort) saved: this engine already listens on it"
            : "port \(newPort) saved: applies after a restart (still listening on \(listeningPort))"
        if newPort != glusterSendersPort {
            text += "; gluster's daemons always send to \(glusterSendersPort), so they will not be heard"
        }
        return text
    }
}
