/// A Prometheus text page with its families in name order: swift-prometheus emits them in its
/// registry's dictionary order, which changes from one scrape (one registry) to the next, and a
/// person comparing two scrapes, or diffing them, wants them in one place.
enum MetricFamilies {
    /// `page` (lines `# HELP name …`, `# TYPE name …`, then the family's samples) with its
    /// families sorted by name; the lines of each family as they were.
    static func sorted(_ page: [UInt8]) -> [UInt8] {
        var families: [(name: ArraySlice<UInt8>, lines: [ArraySlice<UInt8>])] = []
        for line in page.split(separator: UInt8(ascii: "\n")) {
            if let name = familyName(line), name != families.last?.name {
                families.append((name, [line]))
            } else if families.isEmpty {
                families.append(([], [line]))
            } else {
                families[families.count - 1].lines.append(line)
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(page.count)
        let order = families.indices.sorted { first, second in
            let (a, b) = (families[first].name, families[second].name)
            return a == b ? first < second : a.lexicographicallyPrecedes(b)
        }
        for index in order {
            for line in families[index].lines {
                out += line
                out.append(UInt8(ascii: "\n"))
            }
        }
        return out
    }

    private static let help = Array("# HELP ".utf8)
    private static let type = Array("# TYPE ".utf8)

    /// The family a `# HELP` or `# TYPE` line introduces.
    private static func familyName(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        guard line.starts(with: help) || line.starts(with: type) else { return nil }
        let rest = line.dropFirst(help.count)
        return rest.prefix { $0 != UInt8(ascii: " ") }
    }
}
