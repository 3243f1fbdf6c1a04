import CCurl
import Foundation

/// An easy handle and what must live as long as it (the error buffer, the response excerpt),
/// kept from transfer to transfer: its connection is reused, and the options that stay the same
/// request after request to a webhook (its `Profile`) are set only when they change.
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
    let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    let excerpt = ResponseExcerpt()
    private(set) var profile: Profile?

    init() {
        easy = curl_easy_init()!
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        curl_easy_cleanup(easy)
        errorBuffer.deallocate()
    }

    /// Sets the handle up for a request with `profile` (nothing to do when it is the last one's).
    func configure(for profile: Profile) {
        guard profile != self.profile else { return }
        curl_easy_reset(easy)
        ed_curl_setopt_string(easy, CURLOPT_URL, profile.url)
        // Only HTTP(S), whatever the URL says (a gopher:// or file:// URL fails); redirects are not
        // followed (CURLOPT_FOLLOWLOCATION stays off), and would be limited the same way.
        ed_curl_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https")
        ed_curl_setopt_string(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
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

/// One request on a `CurlEasy`: its header list and completion. Owned by the driving thread.
final class CurlTransfer {
    let handle: CurlEasy
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let completion: CurlMultiClient.Completion

    /// `profile`: `request`'s (its caller picked `handle` by it).
    init(on handle: CurlEasy, profile: CurlEasy.Profile, request: HTTPRequest, completion: @escaping CurlMultiClient.Completion) {
        self.handle = handle
        self.completion = completion
        handle.configure(for: profile)
        handle.errorBuffer[0] = 0
        handle.excerpt.reset()
        // "Expect:" stops libcurl waiting for a 100-continue on larger bodies.
        for header in request.headers { headerList = curl_slist_append(headerList, header) }
        headerList = curl_slist_append(headerList, "Expect:")
        ed_curl_setopt_slist(handle.easy, CURLOPT_HTTPHEADER, headerList)
        ed_curl_setopt_long(handle.easy, CURLOPT_POSTFIELDSIZE, request.body.utf8.count)
        ed_curl_setopt_string(handle.easy, CURLOPT_COPYPOSTFIELDS, request.body)
    }

    deinit { curl_slist_free_all(headerList) }

    var easy: UnsafeMutableRawPointer { handle.easy }

    func finish(code: CURLcode) {
        let easy = handle.easy
        var seconds: curl_off_t = 0
        ed_curl_getinfo_off_t(easy, CURLINFO_TOTAL_TIME_T, &seconds)
        let latency = Double(seconds) / 1_000_000
        guard code == CURLE_OK else {
            let detail = String(cString: handle.errorBuffer)
            let text = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
            let certificate = code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CACERT_BADFILE
            completion(HTTPOutcome(status: nil, error: text, latencySeconds: latency, isCertificateProblem: certificate))
            return
        }
        var status = 0
        ed_curl_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        var retryAfter: curl_off_t = 0
        ed_curl_getinfo_off_t(easy, CURLINFO_RETRY_AFTER, &retryAfter)
        var outcome = HTTPOutcome(
            status: status, error: nil, latencySeconds: latency, retryAfterSeconds: retryAfter > 0 ? Double(retryAfter) : nil)
        if !outcome.isSuccess { outcome.responseExcerpt = handle.excerpt.text }
        completion(outcome)
    }

    func fail(_ reason: String) {
        completion(HTTPOutcome(status: nil, error: reason, latencySeconds: 0))
    }
}
