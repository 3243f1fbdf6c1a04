/// What requests are sent through: libcurl in the program (`CurlMulti`, `CurlMultiClient`); in
/// tests, fakes that answer as a test says.
public protocol DeliveryTransport: Sendable {
    /// Sends `request`; `completion` runs once with its outcome. From any thread; never blocks.
    func post(_ request: HTTPRequest, completion: @escaping CurlMultiClient.Completion)
}

/// A transport run by the thread that uses it (the delivery thread): requests start and
/// completions run during `drive`, on that thread — so finishing one request and starting the
/// next hands nothing over between threads.
public protocol DrivenTransport: DeliveryTransport {
    /// Starts what was posted and runs the completions of what finished; when nothing finished,
    /// waits up to `timeout` seconds for progress or `wake()`. Only ever on one thread at a time.
    func drive(timeout: Double)
    /// Makes a waiting `drive` return now. Any thread.
    func wake()
    /// How many connections may be wanted at once (the sum of the webhooks' requests in flight).
    func keepConnections(_ count: Int)
    /// Ends every transfer (their completions report "shutting down"); later posts are refused.
    /// Once the driving thread no longer drives.
    func shutdown()
}
