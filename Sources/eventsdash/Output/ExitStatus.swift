/// gluster-eventsapi's exit codes.
enum ExitStatus: Int32 {
    case failure = 1
    case sameConfig = 2
    case allNodesNotOK = 3
    case partialSuccess = 4
    case webhookAlreadyExists = 5
    case webhookDoesNotExist = 6
    case invalidConfig = 7
    case webhookSyncFailed = 8
    case configSyncFailed = 9
}
