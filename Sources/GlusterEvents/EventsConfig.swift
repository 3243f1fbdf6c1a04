/// gluster's events config: built-in defaults, the defaults file (`eventsconfig.json`) over them,
/// and the overrides file (`config.json`) over that.
public struct EventsConfig: Sendable, Equatable {
    public static let logLevels = ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
    /// What gluster's daemons send to, whatever the config says.
    public static let glusterSendersPort = 55555

    public static let builtInDefaults: JSONValue = .object([
        (ConfigKey.logLevel.rawValue, .string("INFO")), (ConfigKey.port.rawValue, .int(55555)),
        (ConfigKey.disableEventsLog.rawValue, .bool(false)),
    ])

    /// Every merged value, known keys first (an unknown key in a file is kept and shown, not used).
    public let values: JSONValue

    public var logLevel: String { self[.logLevel]?.stringValue?.uppercased() ?? "INFO" }
    public var port: Int { Int(self[.port]?.intValue ?? 55555) }
    public var disableEventsLog: Bool { self[.disableEventsLog]?.boolValue ?? false }

    /// The merged value of `key`.
    public subscript(key: ConfigKey) -> JSONValue? { values[key.rawValue] }

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
                if let key = ConfigKey(rawValue: member.key), case .failure(let problem) = Self.check(key, value: member.value) {
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

    /// Whether `value` is acceptable for `key` (unknown names in files are tolerated, not checked).
    static func check(_ key: ConfigKey, value: JSONValue) -> Result<Void, Problem> {
        switch key {
        case .logLevel:
            guard let level = value.stringValue, logLevels.contains(level.uppercased()) else {
                return .failure(Problem(description: "log-level must be one of \(logLevels.joined(separator: ", "))"))
            }
        case .port:
            guard let port = value.intValue, (1...65535).contains(port) else {
                return .failure(Problem(description: "port must be a whole number from 1 to 65535"))
            }
        case .disableEventsLog:
            guard value.boolValue != nil else {
                return .failure(Problem(description: "disable-events-log must be true or false"))
            }
        }
        return .success(())
    }

    /// The typed value for `config-set NAME TEXT`, validated (gluster-eventsapi stores whatever it is
    /// given; eventsdash refuses what gluster's daemons could not use).
    public static func parseSetting(_ key: ConfigKey, text: String) -> Result<JSONValue, Problem> {
        let value: JSONValue
        switch key {
        case .port:
            guard let port = Int64(text.trimmingWhitespace()) else {
                return .failure(Problem(description: "port must be a whole number from 1 to 65535"))
            }
            value = .int(port)
        case .disableEventsLog:
            switch text.trimmingWhitespace().lowercased() {
            case "true", "on", "yes", "enabled", "1": value = .bool(true)
            case "false", "off", "no", "disabled", "0": value = .bool(false)
            default: return .failure(Problem(description: "disable-events-log must be true or false"))
            }
        case .logLevel:
            value = .string(text.trimmingWhitespace().uppercased())
        }
        return check(key, value: value).map { value }
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
