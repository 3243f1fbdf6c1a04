import CCurl
import Foundation
import Synchronization

/// HTTP POSTs over one libcurl multi handle, driven by the thread that calls `drive`: requests
/// posted on that thread start there, and every completion runs there, so a request finishing and
/// the next one starting need no hand-over between threads (no wake-up, no context switch).
/// Other threads may post too: their requests are queued and the driver woken.
/// Connections are kept alive and reused.
public final class CurlMulti: DrivenTransport, @unchecked Sendable {
    // @unchecked: `transfers`, `incoming`, the idle handles (`recent`, `idle`), `goodURLs` and the
    // multi handle belong to the driving thread (one at a time: `drive` is never called from two
    // threads at once); what other threads touch is the `Mutex`, the atomics and
    // `curl_multi_wakeup` (thread-safe).

    private struct Queued: Sendable {
        var request: HTTPRequest
        var completion: CurlMultiClient.Completion
        /// Checked for problems when posted (on the driving thread).
        var checked: Bool
    }

    private struct Shared: ~Copyable {
        var queued: [Queued] = []
        var shutDown = false
    }

    private let shared = Mutex(Shared())
    private nonisolated(unsafe) let multi: UnsafeMutableRawPointer
    /// A wake-up is on its way (at most one per wait: each costs a write to curl's socket pair).
    private let wakePending = Atomic<Bool>(false)
    /// The thread driving the handle (`pthread_self` as an integer), 0 before the first `drive`.
    private let driver = Atomic<UInt>(0)
    /// The handles with a transfer in flight, by their easy handle.
    private var transfers: [UnsafeMutableRawPointer: CurlEasy] = [:]
    /// What `step` took from the queue (swapped with it, so neither array is made anew each time).
    private var incoming: [Queued] = []
    /// Finished easy handles, kept for reuse by their profile (a webhook's options stay set): those
    /// of the profile last asked for apart (`recent`), so that request after request to one
    /// webhook looks nothing up; the others by profile.
    private var recent: (profile: CurlEasy.Profile, handles: [CurlEasy])?
    private var idle: [CurlEasy.Profile: [CurlEasy]] = [:]
    private var idleCount = 0
    /// The most idle handles kept: as many as may be in flight (`keepConnections`), at least 16.
    /// A handle holds its buffers (~70 KB): those past a lowered limit are let go.
    private var idleLimit = 256
    private static let minimumIdle = 16
    /// URLs checked by `HTTPRequest.urlProblem` and found good (on the driving thread): the check
    /// costs more than a request's other preparations, and a webhook's URL is the same request
    /// after request. Emptied when it reaches `maxGoodURLs` (URLs come from a file).
    private var goodURLs: Set<String> = []
    private static let maxGoodURLs = 4096

    private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    /// - Parameter maxConnections: the most connections kept open in all (libcurl's cache size).
    public init(maxConnections: Int = 64) {
        _ = Self.globalInit
        multi = curl_multi_init()!
        ed_curl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, maxConnections)
    }

    /// How many connections to keep open: as many as requests may be in flight at once, or the
    /// connections closed for want of room would be opened again request after request.
    /// On the driving thread (or before the first `drive`).
    public func keepConnections(_ count: Int) {
        ed_curl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(8, count))
        idleLimit = max(Self.minimumIdle, count)
        while idleCount > idleLimit {  // (each handle let go frees its easy handle)
            if let index = idle.indices.first {
                idle.values[index].removeLast()
                if idle.values[index].isEmpty { idle.remove(at: index) }
            } else if recent?.handles.popLast() == nil {
                break
            }
            idleCount -= 1
        }
    }

    /// Finished handles kept for reuse.
    var idleHandles: Int { idleCount }

    /// Queues a POST; `completion` runs on the driving thread when it ends. Never blocks.
    /// A request whose URL or headers have a problem (`urlProblem`, `headersProblem`) is not sent:
    /// `completion` gets it as the error — at once when posted on the driving thread, else when
    /// that thread takes the request (the check needs what the driving thread knows of URLs).
    public func post(_ request: HTTPRequest, completion: @escaping CurlMultiClient.Completion) {
        let driving = isDriving
        if driving, let problem = problem(of: request) {
            completion(HTTPOutcome(status: nil, error: "not sent: \(problem)", latencySeconds: 0))
            return
        }
        let accepted = shared.withLock { state -> Bool in
            guard !state.shutDown else { return false }
            state.queued.append(Queued(request: request, completion: completion, checked: driving))
            return true
        }
        guard accepted else {
            completion(HTTPOutcome(status: nil, error: "shutting down", latencySeconds: 0))
            return
        }
        // The driver takes what is queued before it next waits; another thread must wake it.
        if !driving { wake() }
    }

    /// Makes a waiting `drive` return now. Any thread.
    public func wake() {
        if !wakePending.exchange(true, ordering: .acquiringAndReleasing) { curl_multi_wakeup(multi) }
    }

    /// Starts what was posted and runs the completions of what finished; when nothing finished,
    /// waits up to `timeout` seconds (less when a transfer's own timer is due) for progress or
    /// `wake()`, and does it again.
    public func drive(timeout: Double) {
        driver.store(UInt(pthread_self()), ordering: .relaxed)
        guard step() == 0, timeout > 0 else { return }
        var ready: Int32 = 0
        curl_multi_poll(multi, nil, 0, Int32(min(timeout, 60) * 1000), &ready)
        wakePending.store(false, ordering: .releasing)
        step()
    }

    /// Ends every transfer (their completions report "shutting down"); later posts are refused.
    /// Call it once the driving thread no longer drives.
    public func shutdown() {
        let leftover = shared.withLock { state in
            state.shutDown = true
            defer { state.queued.removeAll() }
            return state.queued
        }
        for (easy, handle) in transfers {
            curl_multi_remove_handle(multi, easy)
            handle.fail("shutting down")
        }
        transfers.removeAll()
        for item in leftover { item.completion(HTTPOutcome(status: nil, error: "shutting down", latencySeconds: 0)) }
    }

    deinit {
        for easy in transfers.keys { curl_multi_remove_handle(multi, easy) }
        transfers.removeAll()
        recent = nil
        idle.removeAll()  // (each handle frees its easy handle)
        curl_multi_cleanup(multi)
    }

    // MARK: - On the driving thread

    private var isDriving: Bool { driver.load(ordering: .relaxed) == UInt(pthread_self()) }

    /// Adds the queued requests, lets libcurl move every transfer on, and finishes those done: how many.
    @discardableResult
    private func step() -> Int {
        shared.withLock { swap(&incoming, &$0.queued) }
        for item in incoming {
            if !item.checked, let problem = problem(of: item.request) {
                item.completion(HTTPOutcome(status: nil, error: "not sent: \(problem)", latencySeconds: 0))
                continue
            }
            let profile = CurlEasy.Profile(item.request)
            let handle = handle(for: profile)
            handle.start(item.request, profile: profile, completion: item.completion)
            transfers[handle.easy] = handle
            curl_multi_add_handle(multi, handle.easy)
        }
        incoming.removeAll(keepingCapacity: true)
        var running: Int32 = 0
        curl_multi_perform(multi, &running)
        var finished = 0
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                let handle = transfers.removeValue(forKey: easy)
            else { continue }
            let code = ed_curl_msg_result(message)
            curl_multi_remove_handle(multi, easy)
            handle.finish(code: code)
            finished += 1
            keep(handle)
        }
        return finished
    }

    /// Why `request` must not be sent, or nil. Its URL is checked only until found good.
    private func problem(of request: HTTPRequest) -> String? {
        // (The profile last asked for has a URL found good: request after request to one webhook
        // looks nothing up.)
        let urlChecked = request.url == recent?.profile.url || goodURLs.contains(request.url)
        if let problem = (urlChecked ? nil : request.urlProblem) ?? request.headersProblem { return problem }
        if !urlChecked {
            if goodURLs.count >= Self.maxGoodURLs { goodURLs.removeAll() }
            goodURLs.insert(request.url)
        }
        return nil
    }

    /// An idle handle set up for `profile` if there is one, else any idle one, else a new one.
    private func handle(for profile: CurlEasy.Profile) -> CurlEasy {
        if recent?.profile != profile {
            // (The dictionary holds none of the recent profile's handles: they move over whole.)
            if let recent, !recent.handles.isEmpty { idle[recent.profile] = recent.handles }
            recent = (profile, idle.removeValue(forKey: profile) ?? [])
        }
        if let handle = recent!.handles.popLast() {
            idleCount -= 1
            return handle
        }
        guard let index = idle.indices.first else { return CurlEasy() }
        let handle = idle.values[index].removeLast()
        if idle.values[index].isEmpty { idle.remove(at: index) }
        idleCount -= 1
        return handle
    }

    private func keep(_ handle: CurlEasy) {
        guard idleCount < idleLimit, let profile = handle.profile else { return }
        if profile == recent?.profile {
            recent!.handles.append(handle)
        } else {
            idle[profile, default: []].append(handle)
        }
        idleCount += 1
    }
}
