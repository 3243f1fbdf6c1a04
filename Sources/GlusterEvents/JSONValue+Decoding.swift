import class Foundation.JSONSerialization
import class Foundation.NSDecimalNumber
import class Foundation.NSError
import class Foundation.NSNumber
import struct Foundation.Data
import var Foundation.NSDebugDescriptionErrorKey

/// Why a JSON text could not be read.
public struct JSONSyntaxError: Error, CustomStringConvertible {
    public let description: String
}

extension JSONValue {
    /// Parses JSON text (Foundation's parser), keeping numbers' integer-ness and booleans apart.
    public static func parse(_ data: Data) throws(JSONSyntaxError) -> JSONValue {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw JSONSyntaxError(description: Self.describe(error))
        }
        return JSONValue(foundation: object)
    }

    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try parse(Data(text.utf8))
    }

    private init(foundation object: Any) {
        switch object {
        case let s as String: self = .string(s)
        case let n as NSDecimalNumber:
            // Foundation keeps a 19-digit negative integer as a decimal (found by fuzzing: a
            // datagram's ts of -1011700000070000000 came back as a fraction): an integer it is.
            let integer = n.int64Value
            self = NSDecimalNumber(value: integer).compare(n) == .orderedSame ? .int(integer) : .double(n.doubleValue)
        case let n as NSNumber:
            // Foundation marks JSON booleans with the C type "c" and fractions with "d".
            switch String(cString: n.objCType) {
            case "c": self = .bool(n.boolValue)
            case "d", "f": self = .double(n.doubleValue)
            // An integer above Int64's range (Foundation keeps it as UInt64) would wrap to a
            // negative number: it is kept as the nearest double instead (found by fuzzing).
            case "Q" where n.uint64Value > UInt64(Int64.max): self = .double(n.doubleValue)
            default: self = .int(n.int64Value)
            }
        case let a as [Any]: self = .array(a.map(JSONValue.init(foundation:)))
        case let d as [String: Any]:
            self = .object(d.keys.sorted().map { ($0, JSONValue(foundation: d[$0]!)) })
        default: self = .null
        }
    }

    /// Foundation's error text, without the noise around the useful part.
    private static func describe(_ error: any Error) -> String {
        let ns = error as NSError
        if let detail = ns.userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
        return ns.localizedDescription
    }
}
