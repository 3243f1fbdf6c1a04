import GlusterEvents
/// `webhooks.json` as a store: read, add, change, remove — each change under gluster's file lock.
public struct WebhookStore: Sendable {
    public let file: LockedJSONFile

    /// The file holds tokens and secrets: it is written 0600, whatever its mode was (a copy made by
    /// gluster-eventsapi may be 0644).
    public init(path: String) { file = LockedJSONFile(path: path, mode: .ownerOnly, maxBytes: Self.maxFileBytes) }

    /// Far more than gluster's tools make (10,000 webhooks with tokens take about 3 MB).
    public static let maxFileBytes = 16 << 20

    /// The registered webhooks (none when the file does not exist yet).
    public func load() throws(ConfigFileError) -> WebhookRegistry {
        guard let json = try file.read() else { return WebhookRegistry() }
        return try WebhookRegistry(json: json, path: file.path)
    }

    public enum ChangeError: Error, Equatable {
        case alreadyExists
        case doesNotExist
    }

    public func add(_ webhook: Webhook) throws {
        try change { registry in
            guard registry[webhook.url] == nil else { throw ChangeError.alreadyExists }
            registry.webhooks.append(webhook)
        }
    }

    /// Applies `edit` to the webhook registered as `url`.
    public func modify(url: String, _ edit: (inout Webhook) -> Void) throws {
        try change { registry in
            guard let index = registry.webhooks.firstIndex(where: { $0.url == url }) else {
                throw ChangeError.doesNotExist
            }
            edit(&registry.webhooks[index])
        }
    }

    public func remove(url: String) throws {
        try change { registry in
            guard registry[url] != nil else { throw ChangeError.doesNotExist }
            registry.webhooks.removeAll { $0.url == url }
        }
    }

    private func change(_ edit: (inout WebhookRegistry) throws -> Void) throws {
        try file.update { json in
            var registry = try WebhookRegistry(json: json, path: file.path)
            try edit(&registry)
            return (registry.json, ())
        }
    }
}
