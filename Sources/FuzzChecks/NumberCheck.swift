import GlusterEvents

/// The `numbers` target: every conversion of a number that comes from outside, fed the input's
/// words — a datagram's timestamp and event type, a JSON integer (a body's `ts`, a file's port),
/// a webhook body's trailing `ts`, a token's `exp`, an event number as typed — and the saturating
/// arithmetic done on them. None may trap; each reads exactly what the text says, or refuses it.
enum NumberCheck {
    static func check(_ bytes: [UInt8]) -> String? {
        // Split on bytes, as the datagram parser does (a space followed by a combining mark is one
        // Character, but still a separator on the wire).
        let words = bytes.split(whereSeparator: { $0 == 0x20 || $0 == 0x0A }).prefix(16).map {
            String(decoding: $0, as: UTF8.self)
        }
        var values: [Int64] = []
        for word in words {
            // Swift's own reading is the reference (of the word as a datagram or JSON sees it: blanks around it go).
            let exact = Int64(word.trimmingWhitespace())
            if let exact { values.append(exact) }
            if let failure = datagram(word, exact) ?? json(word, exact) ?? bodyHeader(word, exact) ?? token(word) ?? eventNumber(word) {
                return failure
            }
        }
        for a in values {
            for b in values {
                if let failure = arithmetic(a, b) { return failure }
            }
        }
        return nil
    }

    private static func datagram(_ word: String, _ exact: Int64?) -> String? {
        if case .success(let event) = Datagram.parse(Array("\(word) 1 k=v".utf8)), event.timestamp != exact {
            return "timestamp \(word) read as \(event.timestamp)"
        }
        if case .success(let event) = Datagram.parse(Array("1 \(word) k=v".utf8)),
            exact.map({ (0...Int64(Int32.max)).contains($0) && Int64(event.type) == $0 }) != true
        {
            return "event type \(word) read as \(event.type)"
        }
        _ = WebhookBodyEncoder(nodeID: "n").body(of: GlusterEvent(timestamp: exact ?? 0, type: 1, rawFields: [("k", word)]))
        return nil
    }

    private static func json(_ word: String, _ exact: Int64?) -> String? {
        guard let value = try? JSONValue.parse(#"{"ts": \#(word), "port": \#(word)}"#) else { return nil }
        // Foundation may read an integer at the edge of Int64 as a fraction: refused, never misread.
        if let exact, let read = value["ts"]?.intValue, read != exact { return "JSON integer \(word) read as \(read)" }
        _ = EventsConfig.parseSetting(.port, text: word)
        _ = try? EventsConfig(defaults: value, defaultsPath: "d", overrides: value, overridesPath: "o").port
        _ = try? IngestedBody.decode(Array(#"{"event": "E", "message": {}, "nodeid": "n", "ts": \#(word)}"#.utf8))
        return nil
    }

    /// The fast reader of a logged body's `ts` reads what the digits say, or what the JSON parser
    /// reads when they are not plain digits.
    private static func bodyHeader(_ word: String, _ exact: Int64?) -> String? {
        let body = #"{"event": "E", "message": {}, "nodeid": "n", "ts": \#(word)}"#
        guard let read = WebhookBodyHeader.nameAndTimestamp(of: body)?.timestamp else { return nil }
        let expected = exact ?? (try? JSONValue.parse(body))?["ts"]?.intValue
        return read == expected ? nil : "body ts \(word) read as \(read)"
    }

    private static func token(_ word: String) -> String? {
        let token = JWT.signed(claims: #"{"exp": \#(word), "iat": \#(word), "iss": "gluster"}"#, secret: "s")
        for now in [Int64.min, 0, 1_700_000_000, Int64.max] { _ = JWT.verify(token, secret: "s", now: now) }
        if let exact = Int64(word) { _ = JWT.token(secret: "s", eventName: "E", eventTimestamp: exact, now: exact) }
        return nil
    }

    private static func eventNumber(_ word: String) -> String? {
        if let number = EventCatalog.number(of: word) { _ = EventCatalog.name(of: number) }
        return nil
    }

    /// Each result is the exact one held at the bounds, as a 128-bit computation says.
    private static func arithmetic(_ a: Int64, _ b: Int64) -> String? {
        func clamped(_ high: Int64, _ low: UInt64) -> Int64 {
            let fits = (high == 0 && low <= UInt64(Int64.max)) || (high == -1 && low >= UInt64(Int64.max) + 1)
            return fits ? Int64(bitPattern: low) : (high < 0 ? .min : .max)
        }
        let product = a.multipliedFullWidth(by: b)
        guard a.saturatingMultiplied(by: b) == clamped(product.high, product.low) else { return "\(a) × \(b) saturated wrongly" }
        let sum = a.addingReportingOverflow(b)
        guard a.saturatingAdding(b) == (sum.overflow ? (b > 0 ? .max : .min) : sum.partialValue) else { return "\(a) + \(b) saturated wrongly" }
        let difference = a.subtractingReportingOverflow(b)
        guard a.saturatingSubtracting(b) == (difference.overflow ? (b < 0 ? .max : .min) : difference.partialValue) else {
            return "\(a) - \(b) saturated wrongly"
        }
        return nil
    }
}
