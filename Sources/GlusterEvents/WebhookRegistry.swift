/// The webhooks in a `webhooks.json` file, sorted by URL.
public struct WebhookRegistry: Sendable, Equatable {
    public var webhooks: [Webhook]

    public init(webhooks: [Webhook] = []) { self.webhooks = webhooks }

    /// Reads the file's JSON. Throws, naming the path, for anything glustereventsd could not use.
    public init(json: JSONValue, path: String) throws(ConfigFileError) {
        guard let members = json.objectMembers else {
            throw ConfigFileError(path: path, problem: "must be a JSON object of webhook URLs to settings")
        }
        webhooks = try members.map { (member) throws(ConfigFileError) -> Webhook in
            switch member.value {
            case .string(let token):
                return Webhook(url: member.key, token: token)
            case .object(let settings):
                func text(_ key: String) throws(ConfigFileError) -> String {
                    switch settings.last(where: { $0.key == key })?.value {
                    case nil, .null?: return ""
                    case .string(let s)?: return s
                    default: throw ConfigFileError(path: path, problem: "\(member.key): \(key) must be a string")
                    }
                }
                return Webhook(
                    url: member.key, token: try text("token"), secret: try text("secret"),
                    extraSettings: settings.filter { $0.key != "token" && $0.key != "secret" })
            default:
                throw ConfigFileError(
                    path: path, problem: "\(member.key): must be an object with token and secret, or a token string")
            }
        }
    }

    public subscript(url: String) -> Webhook? { webhooks.first { $0.url == url } }

    /// The file's JSON, every entry with both `token` and `secret`.
    public var json: JSONValue { .object(webhooks.map { ($0.url, $0.entry) }) }
}
