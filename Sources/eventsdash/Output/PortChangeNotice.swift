import GlusterEvents

/// What a port change means: a restart, and (away from 55555) gluster's daemons no longer reach us.
func portChangeNotice(_ port: Int) -> [String] {
    var lines = ["", "UDP port is now \(port): restart eventsdash (and glustereventsd) in all nodes for it to take effect."]
    if port != EventsConfig.glusterSendersPort {
        lines.append(
            "Note: gluster's daemons always send events to port \(EventsConfig.glusterSendersPort), whatever the config says;"
            + " on port \(port) only senders you point at it (e.g. eventsdash send --port \(port)) are heard.")
    }
    return lines
}
