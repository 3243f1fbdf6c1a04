/// Node ids to host names, read from `gluster pool list`:
///
///     UUID                                    Hostname        State
///     4c10a802-8828-4a11-b79a-1ba06a18f9c0    localhost       Connected
///
/// glusterd lists this node as `localhost`; `localHostname` names it instead.
public enum PeerList {
    public static func parse(_ text: String, localHostname: String) -> [String: String] {
        var names: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let columns = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard columns.count >= 2, columns[0].count == 36, columns[0].filter({ $0 == "-" }).count == 4 else { continue }
            let host = String(columns[1])
            names[String(columns[0]).lowercased()] = host == "localhost" ? localHostname : host
        }
        return names
    }
}
