/// What delivery sends requests through: libcurl (`CurlMultiClient`) in the program; in tests, a
/// fake that answers as a test says, so retries, ordering and give-up run in milliseconds.
public protocol DeliveryTransport: Sendable {
    /// Sends `request`; `completion` runs once with its outcome, on any thread. Never blocks.
    func post(_ request: HTTPRequest, completion: @escaping CurlMultiClient.Completion)
}

extension CurlMultiClient: DeliveryTransport {}
