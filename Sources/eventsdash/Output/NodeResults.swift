import GlusterEvents

/// gluster-eventsapi's per-node result table (`NODE | NODE STATUS | <column>`), and its JSON rows.
/// Until peer sync exists, the only node is this one.
struct NodeResults {
    struct Row {
        var node = "localhost"
        var nodeUp = true
        var ok: Bool
        /// The cell text when ok (gluster prints "OK").
        var okText = "OK"
        var error = ""
        var extra: [(key: String, value: JSONValue)] = []
    }

    var column: String
    var rows: [Row]

    var table: [String] {
        var table = PrettyTable(["NODE", "NODE STATUS", column], alignments: [.center, .right, .right])
        for row in rows {
            table.add([row.node, row.nodeUp ? "UP" : "DOWN", row.ok ? row.okText : "NOT OK: \(row.error)"])
        }
        return table.lines
    }

    var json: JSONValue {
        let key = column.lowercased().replacingOccurrences(of: " ", with: "_")
        return .array(
            rows.map { row in
                .object(
                    [
                        ("node", .string(row.node)), ("node_status", .string(row.nodeUp ? "UP" : "DOWN")),
                        (key, .string(row.ok ? row.okText : "NOT OK")), ("error", .string(row.error)),
                    ] + row.extra)
            })
    }

    /// gluster-eventsapi's exit code for these rows: 0, 4 (some not OK) or 3 (none OK).
    var exitStatus: Int32 {
        let ok = rows.filter(\.ok).count
        if ok == rows.count { return 0 }
        return ok == 0 ? ExitStatus.allNodesNotOK.rawValue : ExitStatus.partialSuccess.rawValue
    }
}
