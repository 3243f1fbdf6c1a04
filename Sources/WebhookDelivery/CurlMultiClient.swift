import CCurl
import Foundation
import Synchronization

/// HTTP POSTs over libcurl's multi interface. One thread owns the multi handle and drives every
/// transfer; other threads only queue requests and wake it. Connections are kept alive and reused.
public final class CurlMultiClient: Sendable {
    public typealias Completion = @Sendable (HTTPOutcome) -> Void

    private struct Queued: Sendable {
        var request: HTTPRequest
        var completion: Completion
    }

    private struct Shared: ~Copyable {
        var queued: [Queued] = []
        var stopping = false
    }

    private let shared = Mutex(Shared())
    /// The multi handle, touched only by the client's thread, except `curl_multi_wakeup` (thread-safe).
    private nonisolated(unsafe) let multi: UnsafeMutableRawPointer
    private let finished = DispatchSemaphore(value: 0)

    private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    /// - Parameter maxConnections: the most connections kept open in all (libcurl's cache size).
    public init(name: String = "eventsdash-http", maxConnections: Int = 64) {
        _ = Self.globalInit
        multi = curl_multi_init()!
        ed_curl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, maxConnections)
        let thread = Thread { [self] in self.run() }
        thread.name = name
        thread.start()
    }

    /// Queues a POST; `completion` runs on the client's thread when it ends. Never blocks.
    /// A request with a `problem` is not sent: `completion` gets it as the error, at once.
    public func post(_ request: HTTPRequest, completion: @escaping Completion) {
        if let problem = request.problem {
            completion(HTTPOutcome(status: nil, error: "not sent: \(problem)", latencySeconds: 0))
            return
        }
        let accepted = shared.withLock { state -> Bool? in
            guard !state.stopping else { return nil }
            state.queued.append(Queued(request: request, completion: completion))
            return state.queued.count == 1
        }
        guard let first = accepted else {
            completion(HTTPOutcome(status: nil, error: "shutting down", latencySeconds: 0))
            return
        }
        // One wake-up per batch: the thread takes everything queued when it wakes.
        if first { curl_multi_wakeup(multi) }
    }

    /// POSTs and waits for the outcome (for one-off requests such as a test ping).
    public func postAndWait(_ request: HTTPRequest) -> HTTPOutcome {
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<HTTPOutcome?>(nil)
        post(request) { outcome in
            result.withLock { $0 = outcome }
            done.signal()
        }
        done.wait()
        return result.withLock { $0! }
    }

    /// Ends every transfer (their completions report "shutting down") and stops the thread.
    public func shutdown() {
        let first = shared.withLock { state -> Bool in
            defer { state.stopping = true }
            return !state.stopping
        }
        guard first else { return }
        curl_multi_wakeup(multi)
        finished.wait()
    }

    // MARK: - The client's thread

    private func run() {
        // Below the socket reader, like the rest of delivery (on Linux, nice is per thread).
        setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        var transfers: [UnsafeMutableRawPointer: CurlTransfer] = [:]
        // Finished easy handles, reset and reused: no set-up per request.
        var idle: [UnsafeMutableRawPointer] = []
        defer { idle.forEach(curl_easy_cleanup) }
        while true {
            let (incoming, stopping) = shared.withLock { state in
                defer { state.queued.removeAll() }
                return (state.queued, state.stopping)
            }
            for item in incoming {
                let transfer = CurlTransfer(easy: idle.popLast(), request: item.request, completion: item.completion)
                transfers[transfer.easy] = transfer
                curl_multi_add_handle(multi, transfer.easy)
            }
            if stopping { break }
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            var remaining: Int32 = 0
            while let message = curl_multi_info_read(multi, &remaining) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                    let transfer = transfers.removeValue(forKey: easy)
                else { continue }
                let code = ed_curl_msg_result(message)
                curl_multi_remove_handle(multi, easy)
                transfer.finish(code: code)
                if idle.count < 256, let reusable = transfer.takeHandle() { idle.append(reusable) }
            }
            var ready: Int32 = 0
            curl_multi_poll(multi, nil, 0, 1000, &ready)
        }
        for (easy, transfer) in transfers {
            curl_multi_remove_handle(multi, easy)
            transfer.fail("shutting down")
        }
        let leftover = shared.withLock { state in
            defer { state.queued.removeAll() }
            return state.queued
        }
        for item in leftover { item.completion(HTTPOutcome(status: nil, error: "shutting down", latencySeconds: 0)) }
        curl_multi_cleanup(multi)
        finished.signal()
    }
}
