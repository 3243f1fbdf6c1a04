import Foundation

extension HTTPIngestServer.Settings {
    /// Whether `url` reaches this HTTP ingest: its port is one the ingest listens on, its host
    /// resolves to an address of this machine that the ingest is bound to, and its path is one
    /// the ingest answers.
    ///
    /// On the node that gathers a pool's events, the gatherer's URL is one of the shared webhooks
    /// (peer sync puts it on every node); delivering to it there would log each of the node's own
    /// events twice. Resolves the host name: call it off the hot path.
    public func receives(url: String) -> Bool {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", var host = components.host, !host.isEmpty,
            HTTPIngestServer.paths.contains(components.path.isEmpty ? "/" : components.path)
        else { return false }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        let bound = addresses.filter { $0.port == port }
        guard !bound.isEmpty else { return false }
        let targets = HostAddresses.resolve(host)
        return bound.contains { address in
            let wildcard = address.host == "0.0.0.0" || address.host == "::"
            let boundTo = wildcard ? [] : HostAddresses.resolve(address.host)
            return targets.contains { target in
                wildcard ? HostAddresses.isLocal(target) && (address.host == "::" || target.count == 4) : boundTo.contains(target)
            }
        }
    }
}
