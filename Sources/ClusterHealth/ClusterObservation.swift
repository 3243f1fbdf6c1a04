/// What asking gluster about the cluster gave.
public enum ClusterObservation: Sendable, Equatable {
    /// What gluster sees now.
    case observed(ObservedCluster)
    /// glusterd did not answer (not running, or not within the timeout): what it vouched for
    /// cannot be told now. The CLI's words, or what stopped it.
    case glusterdDown(String)
    /// glusterd answered, but not with the cluster (busy with another transaction, output that
    /// does not read): nothing changes.
    case failed(String)
    /// There is no gluster CLI to ask on this node.
    case noCLI
}
