/// What one Alertmanager has been sent, and when it is due again: when the alerts changed since
/// it last got them — at once, unless it was sent less than `changeGap` ago (a flood changes them
/// every second), or `retryDelay` after a failed try —, and every `resendInterval` anyway. One request at a time: a slow or unreachable Alertmanager has at most
/// one in flight, and never holds up another.
struct AlertmanagerTarget: Equatable {
    /// The `AlertBook` version it last got (-1: none yet).
    private(set) var deliveredVersion = -1
    private(set) var inFlight = false
    private(set) var lastAttemptAt = -Double.infinity
    private(set) var status = AlertmanagerStatus()

    /// How soon a failed send is tried again when the alerts changed (a down Alertmanager is not
    /// asked once a second).
    static let retryDelay = 5.0
    /// Changes close together go in one request.
    static let changeGap = 2.0

    func isDue(version: Int, at now: Double, resendInterval: Double) -> Bool {
        guard !inFlight else { return false }
        // A clock set back does not stop the sending.
        if now - lastAttemptAt >= resendInterval || now < lastAttemptAt { return true }
        guard version != deliveredVersion else { return false }
        return now - lastAttemptAt >= min(status.failing == true ? Self.retryDelay : Self.changeGap, resendInterval)
    }

    /// Nothing to send at `version` (no alert fires or ended lately): it counts as delivered.
    mutating func skip(version: Int) { if !inFlight { deliveredVersion = version } }

    mutating func sending(alerts: Int, at now: Double) {
        inFlight = true
        lastAttemptAt = now
        status.lastAttemptAt = Int64(now)
        status.alerts = alerts
    }

    /// `error`: why it failed (nil: Alertmanager took them).
    mutating func finished(version: Int, error: String?, at now: Double) {
        inFlight = false
        status.failing = error != nil
        status.lastError = error
        if error == nil {
            deliveredVersion = version
            status.sent += 1
            status.lastSuccessAt = Int64(now)
        } else {
            status.failed += 1
        }
    }
}
