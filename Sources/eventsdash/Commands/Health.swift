import ArgumentParser

struct Health: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the cluster's health (a Nagios/Icinga check command); mute or acknowledge a problem.",
        discussion: """
            'eventsdash health [--json] [--volume V]' (the same as 'health show', whose --help \
            lists its options) prints what is wrong now — bricks or \
            peers down, quorum lost, split-brain, geo-replication faulty… — as a Nagios/Icinga \
            plugin does: a first line 'HEALTH <STATUS> - <problems> | <perfdata>', then the \
            volumes and the problems, each with its id. The exit code is the status: 0 OK, \
            1 WARNING, 2 CRITICAL, 3 UNKNOWN (no engine and no event log on the workdir, or a \
            file that cannot be read). A muted problem is listed but leaves the status alone.

            It reads what the engine running on the workdir publishes; with none, it rebuilds the \
            state from the event log and asks the gluster CLI once ('--no-gluster': not).

            As a check command, on the node eventsdash runs on (over NRPE, or Icinga's agent):
              command[check_gluster_health]=/usr/bin/eventsdash health
              command[check_gluster_volume]=/usr/bin/eventsdash health --volume $ARG1$
            or in Nagios (an Icinga 2 CheckCommand alike; see the README):
              define command {
                  command_name  check_gluster_health
                  command_line  /usr/bin/eventsdash health $ARG1$
              }
            The user running it must be able to read eventsdash's state directory (or give \
            --workdir).
            """,
        subcommands: [HealthShow.self, HealthMute.self, HealthUnmute.self, HealthAck.self, HealthHistory.self],
        defaultSubcommand: HealthShow.self)
}
