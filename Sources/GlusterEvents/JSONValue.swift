/// A JSON value, as gluster's tools read and write it.
///
/// Objects keep their members in order; `encoded()` sorts keys the way Python's
/// `json.dumps(sort_keys=True)` does, which is how glustereventsd builds webhook bodies.
public enum JSONValue: Sendable, Equatable {
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])
    case null

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.double(let a), .double(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.null, .null): true
        default: false
        }
    }

    /// The member named `key` of an object (the last one, as Python's dict keeps it).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last(where: { $0.key == key })?.value
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var intValue: Int64? {
        switch self {
        case .int(let i): return i
        case .double(let d) where d.rounded() == d && abs(d) < 9e15: return Int64(d)
        default: return nil
        }
    }

    /// A number as a Double (an integer too); nil for anything else, and for a non-finite one.
    public var doubleValue: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d) where d.isFinite: d
        default: nil
        }
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var arrayValues: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    public var objectMembers: [(key: String, value: JSONValue)]? {
        if case .object(let members) = self { return members }
        return nil
    }
}

extension JSONValue {
    /// Builds an object from members, keeping only the last of duplicate keys (at its first place,
    /// as a Python dict does).
    public static func object(merging members: [(key: String, value: JSONValue)]) -> JSONValue {
        if members.count <= 16 && !hasDuplicateKeys(members) { return .object(members) }
        var result: [(key: String, value: JSONValue)] = []
        result.reserveCapacity(members.count)
        if members.count <= 16 {
            // The usual event: a linear search beats hashing.
            for member in members {
                if let index = result.firstIndex(where: { $0.key == member.key }) {
                    result[index].value = member.value
                } else {
                    result.append(member)
                }
            }
        } else {
            var indexByKey: [String: Int] = [:]
            for member in members {
                if let index = indexByKey[member.key] {
                    result[index].value = member.value
                } else {
                    indexByKey[member.key] = result.count
                    result.append(member)
                }
            }
        }
        return .object(result)
    }

    private static func hasDuplicateKeys(_ members: [(key: String, value: JSONValue)]) -> Bool {
        for i in members.indices.dropFirst() where members[..<i].contains(where: { $0.key == members[i].key }) {
            return true
        }
        return false
    }
}
