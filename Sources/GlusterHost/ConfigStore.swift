import GlusterEvents
/// The events config as a store: merged reads, and `config-set` / `config-reset` on the overrides
/// file under gluster's file lock.
public struct ConfigStore: Sendable {
    public let overrides: LockedJSONFile
    public let defaultsPath: String?
    /// config.json holds a dozen keys: a larger one is no config (reported, left as it is).
    public static let maxFileBytes = 1 << 20

    public init(overridesPath: String, defaultsPath: String?) {
        overrides = LockedJSONFile(path: overridesPath, maxBytes: Self.maxFileBytes)
        self.defaultsPath = defaultsPath
    }

    public func load() throws(ConfigFileError) -> EventsConfig {
        try merge(overrides: try overrides.read())
    }

    private func merge(overrides json: JSONValue?) throws(ConfigFileError) -> EventsConfig {
        let defaults = try defaultsPath.map { (path) throws(ConfigFileError) in try LockedJSONFile(path: path, maxBytes: Self.maxFileBytes).read() } ?? nil
        return try EventsConfig(
            defaults: defaults, defaultsPath: defaultsPath ?? "built-in defaults",
            overrides: json, overridesPath: overrides.path)
    }

    public enum ChangeError: Error, Equatable {
        /// The value is already in force (gluster-eventsapi's exit code 2).
        case sameValue
        /// Nothing to reset: already the default (exit code 2).
        case alreadyDefault
    }

    /// Sets `name` to `value` in the overrides file.
    public func set(name: String, value: JSONValue) throws {
        try overrides.update { json in
            let current = try merge(overrides: json)
            guard current.values[name] != value else { throw ChangeError.sameValue }
            var members = json.objectMembers ?? []
            members.removeAll { $0.key == name }
            members.append((name, value))
            _ = try merge(overrides: .object(members))
            return (.object(members), ())
        }
    }

    /// Removes `name` (or every key, for `all`) from the overrides file; returns the keys removed.
    @discardableResult
    public func reset(name: String) throws -> [String] {
        try overrides.update { json in
            let members = json.objectMembers ?? []
            if name.lowercased() == "all" {
                guard !members.isEmpty else { throw ChangeError.alreadyDefault }
                return (.object([]), members.map(\.key))
            }
            guard members.contains(where: { $0.key == name }) else { throw ChangeError.alreadyDefault }
            return (.object(members.filter { $0.key != name }), [name])
        }
    }
}
