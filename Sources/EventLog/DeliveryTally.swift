import GlusterEvents

/// What delivery to one webhook has come to so far — counts and the last outcomes — kept beside
/// its place in the positions file, so that a restart does not start the figures again at 0 or
/// show a webhook that was failing as idle. Read from a file: numbers are clamped, text is cut.
public struct DeliveryTally: Sendable, Equatable {
    public var delivered = 0
    /// Failed attempts (each retry counts).
    public var failed = 0
    public var givenUp = 0
    public var lastStatus: Int?
    public var lastError: String?
    /// The start of the last failing response's body.
    public var lastResponse: String?
    /// Unix seconds.
    public var lastSuccessAt: Int64?
    public var lastFailureAt: Int64?
    public var lastGivenUpAt: Int64?

    public init() {}

    /// The largest count taken from the file (2^53: exact as a JSON number anywhere).
    public static let maxCount: Int64 = 1 << 53
    /// The longest text kept from the file.
    static let maxTextBytes = 1024

    init(json: JSONValue) {
        // Clamped far below Int.max: the counts go on rising from what the file says.
        func count(_ key: String) -> Int { Int(min(max(0, json[key]?.intValue ?? 0), Self.maxCount)) }
        func time(_ key: String) -> Int64? { json[key]?.intValue.flatMap { $0 > 0 ? $0 : nil } }
        func text(_ key: String) -> String? {
            json[key]?.stringValue.map { String(decoding: $0.utf8.prefix(Self.maxTextBytes), as: UTF8.self) }
        }
        delivered = count("delivered")
        failed = count("failed")
        givenUp = count("given_up")
        lastStatus = json["last_status"]?.intValue.flatMap { (100...999).contains($0) ? Int($0) : nil }
        lastError = text("last_error")
        lastResponse = text("last_response")
        lastSuccessAt = time("last_success_at")
        lastFailureAt = time("last_failure_at")
        lastGivenUpAt = time("last_given_up_at")
    }

    var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("delivered", .int(Int64(delivered))), ("failed", .int(Int64(failed))), ("given_up", .int(Int64(givenUp))),
        ]
        if let lastStatus { members.append(("last_status", .int(Int64(lastStatus)))) }
        if let lastError { members.append(("last_error", .string(lastError))) }
        if let lastResponse { members.append(("last_response", .string(lastResponse))) }
        if let lastSuccessAt { members.append(("last_success_at", .int(lastSuccessAt))) }
        if let lastFailureAt { members.append(("last_failure_at", .int(lastFailureAt))) }
        if let lastGivenUpAt { members.append(("last_given_up_at", .int(lastGivenUpAt))) }
        return .object(members)
    }
}
