import ClusterHealth
import EventLog
import GlusterEvents

extension HealthEvent {
    /// An event as the health model reads it. Only the events the model acts on have their body
    /// parsed (the others are only counted), so following health costs ingest next to nothing.
    /// `node` is the node that sent it: the body's `nodeid` for a logged or forwarded event, else
    /// this node.
    init(name: String, body: String, receivedAtMillis: Int64, node: String) {
        let time = Double(receivedAtMillis) / 1000
        guard ClusterHealth.needsFields(name), let read = WebhookBodyFields.read(body) else {
            self.init(name: name, fields: [:], node: node, time: time)
            return
        }
        let sender = read.nodeID.flatMap { $0.isEmpty ? nil : $0 } ?? node
        self.init(name: name, fields: read.fields, node: sender, time: time)
    }

    /// A logged event; nil for a line whose body names no event.
    init?(logged event: LoggedEvent, localNode: String) {
        guard let name = WebhookBodyHeader.name(of: event.body) else { return nil }
        self.init(name: name, body: event.body, receivedAtMillis: event.receivedAtMillis, node: localNode)
    }
}
