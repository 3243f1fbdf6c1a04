import Foundation
import GlusterEvents

/// What the fuzzers feed hostile bytes to, and the properties each checks beyond "does not crash".
/// `eventsdash-fuzz` runs them under libFuzzer (see `scripts/fuzz`); the regression tests replay
/// the seed corpus and every input that once failed (`fuzz/`).
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// A UDP datagram, as `gf_event()` sends one.
    case datagram
    /// An HTTP-ingest POST body, as glustereventsd sends one.
    case ingestBody = "ingest-body"
    /// `webhooks.json` / `config.json` / `eventsconfig.json` contents.
    case configFiles = "config-files"
    /// A JWT and a secret (split at the first NUL byte), as HTTP ingest verifies them.
    case jwt
    /// The bytes a client sends HTTP ingest: request heads and bodies, pipelined, cut anywhere.
    case httpRequest = "http-request"
    /// Words read as numbers wherever numbers come from outside, and the arithmetic on them.
    case numbers

    /// nil when the input passes; otherwise the property it broke, in words.
    public func check(_ bytes: [UInt8]) -> String? {
        switch self {
        case .datagram: Self.checkDatagram(bytes)
        case .ingestBody: Self.checkIngestBody(bytes)
        case .configFiles: Self.checkConfigFiles(bytes)
        case .jwt: Self.checkJWT(bytes)
        case .httpRequest: HTTPRequestCheck.check(bytes)
        case .numbers: NumberCheck.check(bytes)
        }
    }

    static let nodeID = "5c1b2f4e-0000-4000-8000-00000000f022"

    /// A parsed datagram's webhook body is JSON holding exactly what was parsed, the fast encoder
    /// writes what the generic one does, and HTTP ingest reads the body back byte for byte.
    private static func checkDatagram(_ bytes: [UInt8]) -> String? {
        guard case .success(let event) = Datagram.parse(bytes) else { return nil }
        let body = WebhookBodyEncoder(nodeID: nodeID).body(of: event)
        let expected = JSONValue.object([
            ("event", .string(event.name)), ("message", event.message), ("nodeid", .string(nodeID)), ("ts", .int(event.timestamp)),
        ])
        guard body == expected.encoded() else { return "the fast body encoder differs from the generic one: \(body)" }
        guard let parsed = try? JSONValue.parse(body) else { return "the webhook body is not JSON: \(body)" }
        guard parsed.encoded() == body else { return "the webhook body does not read back as itself: \(body)" }
        // Read straight off the bytes, as the parse reads it; only a list among the fields (VOLUME_SET's
        // options) is left to the parse.
        let scalarsOnly = (event.message.objectMembers ?? []).allSatisfy {
            switch $0.value {
            case .string, .int, .bool: true
            default: false
            }
        }
        let fast = WebhookBodyFields.fast(body)
        guard fast == nil ? !scalarsOnly : fast == WebhookBodyFields.parsed(body) else {
            return "the health model's fast reading of a body eventsdash writes fails or differs from the parse: \(body)"
        }
        if event.name == "TEST" { return nil }  // HTTP ingest takes a TEST event for a ping
        guard case .event(let name, let timestamp, let node, let ingested)? = try? IngestedBody.decode(Array(body.utf8)) else {
            return "HTTP ingest refuses the body eventsdash sends: \(body)"
        }
        guard name == event.name, timestamp == event.timestamp, node == nodeID, ingested == body else {
            return "HTTP ingest reads the body back differently: \(ingested)"
        }
        return nil
    }

    /// An accepted body is re-encoded as JSON that reads back the same and is accepted again
    /// unchanged (fractions within `readsBack`'s tolerance).
    private static func checkIngestBody(_ bytes: [UInt8]) -> String? {
        guard case .event(let name, _, _, let body)? = try? IngestedBody.decode(bytes) else { return nil }
        guard let logged = try? JSONValue.parse(body), logged["event"]?.stringValue == name else {
            return "the logged body is not the event's JSON: \(body)"
        }
        guard case .event(_, _, _, let again)? = try? IngestedBody.decode(Array(body.utf8)),
            again == body || (try? JSONValue.parse(again)).map({ readsBack($0, as: logged) }) == true
        else {
            return "the logged body is not accepted again unchanged: \(body)"
        }
        if let fields = WebhookBodyFields.fast(body), fields != WebhookBodyFields.parsed(body) {
            return "the health model's fast reading of a logged body differs from the parse: \(body)"
        }
        return nil
    }

    /// Written JSON reads back as itself (encoding sorts keys and keeps the last of duplicates, so
    /// the written form is the fixed point); a webhooks file that loads saves as one that loads the
    /// same; a config file loads or is refused, never crashes.
    private static func checkConfigFiles(_ bytes: [UInt8]) -> String? {
        guard let value = try? JSONValue.parse(Data(bytes)) else { return nil }
        let text = value.encoded()
        guard let again = try? JSONValue.parse(text) else { return "encoded JSON does not parse: \(text)" }
        guard readsBack(again, as: value) else { return "JSON does not read back as written: \(text)" }
        _ = value.prettyLines()
        _ = try? EventsConfig(defaults: value, defaultsPath: "eventsconfig.json", overrides: value, overridesPath: "config.json")
        if let registry = try? WebhookRegistry(json: value, path: "webhooks.json") {
            guard let reloaded = try? WebhookRegistry(json: registry.json, path: "webhooks.json"), reloaded == registry else {
                return "a webhooks file does not reload as saved: \(registry.json.encoded())"
            }
        }
        return nil
    }

    /// Whether `read` is `written` read back: the same structure and values, except that a fraction
    /// may come back slightly off (within 1e-13 of itself), or as the whole number it is. Foundation's JSONSerialization parses
    /// 17-digit numbers imprecisely, the more so the larger the exponent (2.6666666666666666e+38
    /// reads 1 unit in the last place off, 2.4088888888888896e+110 7 units); gluster's files hold
    /// no fractions, so eventsdash lives with that rather than parsing JSON itself.
    static func readsBack(_ read: JSONValue, as written: JSONValue) -> Bool {
        switch (read, written) {
        case (.double(let a), .double(let b)):
            return a == b || abs(a - b) <= 1e-13 * max(a.magnitude, b.magnitude)
        case (.int(let a), .double(let b)):
            // A fraction written as `2.6666666666666664e+16` is a whole number: Foundation may hand
            // it back as one (as it does 19-digit negative integers, which must read exactly).
            return readsBack(.double(Double(a)), as: .double(b))
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { readsBack($0, as: $1) }
        case (.object(let a), .object(let b)):  // parsed objects come with their keys sorted
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && readsBack($0.value, as: $1.value) }
        default:
            return read == written
        }
    }

    /// Verifying never crashes, and a token made with the secret verifies with it.
    private static func checkJWT(_ bytes: [UInt8]) -> String? {
        let split = bytes.firstIndex(of: 0) ?? bytes.endIndex
        let token = String(decoding: bytes[..<split], as: UTF8.self)
        let secret = String(decoding: bytes[min(split + 1, bytes.endIndex)...], as: UTF8.self)
        let now: Int64 = 1_700_000_000
        _ = JWT.verify(token, secret: secret, now: now)
        let made = JWT.token(secret: secret, eventName: "VOLUME_CREATE", eventTimestamp: now, now: now)
        guard case .success = JWT.verify(made, secret: secret, now: now) else { return "a token made with the secret is refused" }
        return nil
    }
}
