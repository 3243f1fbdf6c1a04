import CCurl
import Foundation

/// An easy handle and what must live as long as it, kept from transfer to transfer: its
/// connection is reused, the options that stay the same request after request to a webhook (its
/// `Profile`) are set only when they change, and each request's header lines and body are written
/// into memory the handle keeps (`RequestMemory`), so a request allocates nothing in libcurl.
/// Owned by the driving thread.
final class CurlEasy {
    /// The options a request shares with the others to its webhook.
    struct Profile: Hashable {
        var url: String
        var connectTimeoutMillis: Int
        var totalTimeoutMillis: Int
        var caFile: String?
        var verifyTLS: Bool

        init(_ request: HTTPRequest) {
            url = request.url
            connectTimeoutMillis = request.connectTimeoutMillis
            totalTimeoutMillis = request.totalTimeoutMillis
            caFile = request.caFile
            verifyTLS = request.verifyTLS
        }
    }

    let easy: UnsafeMutableRawPointer
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    private let excerpt = ResponseExcerpt()
    private let memory = RequestMemory()
    private(set) var profile: Profile?
    /// The completion of the request in flight on the handle.
    private var completion: CurlMultiClient.Completion?

    /// libcurl's environment proxies (`http_proxy`…) are looked up for every transfer unless
    /// CURLOPT_PROXY is set; when none is set (the environment of a process does not change
    /// under it) the handles say so once, and a request no longer reads the environment.
    private static let environmentHasProxy = ["http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"]
        .contains { (name: String) in getenv(name) != nil }

    init() {
        easy = curl_easy_init()!
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        curl_easy_cleanup(easy)
        errorBuffer.deallocate()
    }

    /// Sets the handle up for `request` (whose profile is `profile`) and keeps `completion` for its
    /// end; the caller then adds the handle to its multi handle.
    func start(_ request: HTTPRequest, profile: Profile, completion: @escaping CurlMultiClient.Completion) {
        configure(for: profile)
        errorBuffer[0] = 0
        excerpt.reset()
        self.completion = completion
        let (headers, body) = memory.hold(headers: request.headers, body: request.body)
        ed_curl_setopt_slist(easy, CURLOPT_HTTPHEADER, headers)
        ed_curl_setopt_long(easy, CURLOPT_POSTFIELDSIZE, body.count)
        ed_curl_setopt_pointer(easy, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: body.baseAddress))
    }

    /// Runs the completion with the transfer's outcome (`code`: libcurl's result).
    func finish(code: CURLcode) {
        var seconds: curl_off_t = 0
        ed_curl_getinfo_off_t(easy, CURLINFO_TOTAL_TIME_T, &seconds)
        let latency = Double(seconds) / 1_000_000
        guard code == CURLE_OK else {
            let detail = String(cString: errorBuffer)
            let text = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
            let certificate = code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CACERT_BADFILE
            complete(HTTPOutcome(status: nil, error: text, latencySeconds: latency, isCertificateProblem: certificate))
            return
        }
        var status = 0
        ed_curl_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        var retryAfter: curl_off_t = 0
        ed_curl_getinfo_off_t(easy, CURLINFO_RETRY_AFTER, &retryAfter)
        var outcome = HTTPOutcome(
            status: status, error: nil, latencySeconds: latency, retryAfterSeconds: retryAfter > 0 ? Double(retryAfter) : nil)
        if !outcome.isSuccess { outcome.responseExcerpt = excerpt.text }
        complete(outcome)
    }

    /// Ends the request in flight with `reason` as its error.
    func fail(_ reason: String) {
        complete(HTTPOutcome(status: nil, error: reason, latencySeconds: 0))
    }

    private func complete(_ outcome: HTTPOutcome) {
        let completion = self.completion
        self.completion = nil
        completion?(outcome)
    }

    /// Sets the options of `profile` (nothing to do when they are the last request's).
    private func configure(for profile: Profile) {
        guard profile != self.profile else { return }
        curl_easy_reset(easy)
        ed_curl_setopt_string(easy, CURLOPT_URL, profile.url)
        // Only HTTP(S), whatever the URL says (a gopher:// or file:// URL fails); redirects are not
        // followed (CURLOPT_FOLLOWLOCATION stays off), and would be limited the same way.
        ed_curl_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https")
        ed_curl_setopt_string(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        if !Self.environmentHasProxy { ed_curl_setopt_string(easy, CURLOPT_PROXY, "") }
        ed_curl_setopt_long(easy, CURLOPT_POST, 1)
        ed_curl_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, profile.connectTimeoutMillis)
        ed_curl_setopt_long(easy, CURLOPT_TIMEOUT_MS, profile.totalTimeoutMillis)
        ed_curl_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        ed_curl_setopt_string(easy, CURLOPT_USERAGENT, "eventsdash")
        ed_curl_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer)
        if let caFile = profile.caFile { ed_curl_setopt_string(easy, CURLOPT_CAINFO, caFile) }
        if !profile.verifyTLS {
            ed_curl_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, 0)
            ed_curl_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, 0)
        }
        // The response body is read and dropped, but for its first bytes (a failing webhook's
        // answer often says why).
        ed_curl_setopt_pointer(easy, CURLOPT_WRITEDATA, Unmanaged.passUnretained(excerpt).toOpaque())
        ed_curl_setopt_write_function(easy, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            let (total, overflow) = size.multipliedReportingOverflow(by: count)
            guard !overflow else { return 0 }  // (libcurl's size is always 1)
            if let data, let context {
                Unmanaged<ResponseExcerpt>.fromOpaque(context).takeUnretainedValue()
                    .append(UnsafeRawBufferPointer(start: data, count: total))
            }
            return total
        }
        self.profile = profile
    }
}

/// A request's header list and body where libcurl reads them in place for the whole transfer
/// (neither CURLOPT_HTTPHEADER nor CURLOPT_POSTFIELDS copies): the list's nodes, and the header
/// lines, each NUL-terminated, followed by the body. Grown to fit and reused request after request,
/// so a request's headers and body cost two copies and no allocation.
final class RequestMemory {
    /// Ends every request's headers: stops libcurl waiting for a 100-continue on larger bodies.
    private static let noExpect = "Expect:"

    private var text = UnsafeMutableRawBufferPointer.allocate(byteCount: 1024, alignment: 1)
    private var nodes = UnsafeMutableBufferPointer<curl_slist>.allocate(capacity: 8)

    deinit {
        text.deallocate()
        nodes.deallocate()
    }

    /// Copies `headers` (plus `Expect:`) and `body` in, over the last request's: the list's first
    /// node and the body, valid until the next call.
    func hold(headers: [String], body: String) -> (UnsafeMutablePointer<curl_slist>, UnsafeRawBufferPointer) {
        let lineCount = headers.count + 1
        let textBytes = headers.reduce(Self.noExpect.utf8.count + 1) { $0 + $1.utf8.count + 1 } + body.utf8.count
        if textBytes > text.count {
            text.deallocate()
            text = .allocate(byteCount: max(textBytes, text.count * 2), alignment: 1)
        }
        if lineCount > nodes.count {
            nodes.deallocate()
            nodes = .allocate(capacity: max(lineCount, nodes.count * 2))
        }
        var offset = 0
        for index in 0..<lineCount {
            let line = index < headers.count ? headers[index] : Self.noExpect
            let start = text.baseAddress! + offset
            offset += copy(line, at: offset)
            text[offset] = 0
            offset += 1
            let next = index + 1 < lineCount ? nodes.baseAddress! + index + 1 : nil
            (nodes.baseAddress! + index).initialize(to: curl_slist(data: start.assumingMemoryBound(to: CChar.self), next: next))
        }
        let bodyCount = copy(body, at: offset)
        return (nodes.baseAddress!, UnsafeRawBufferPointer(rebasing: text[offset..<offset + bodyCount]))
    }

    /// Copies `string`'s UTF-8 to `offset` (room is made beforehand): how many bytes.
    private func copy(_ string: String, at offset: Int) -> Int {
        var string = string
        return string.withUTF8 { bytes in
            if let base = bytes.baseAddress { (text.baseAddress! + offset).copyMemory(from: base, byteCount: bytes.count) }
            return bytes.count
        }
    }
}
