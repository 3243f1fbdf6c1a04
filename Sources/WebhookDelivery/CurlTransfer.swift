import CCurl
import Foundation

/// One easy handle and what must live as long as it: headers, the error buffer, the completion.
/// Owned by the client's thread.
final class CurlTransfer {
    let easy: UnsafeMutableRawPointer
    /// false once the handle was handed back for reuse.
    private var ownsHandle = true
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    private let completion: CurlMultiClient.Completion
    private let excerpt = ResponseExcerpt()

    /// `easy`: a finished handle to reuse (its options are reset), or nil for a new one.
    init(easy reused: UnsafeMutableRawPointer?, request: HTTPRequest, completion: @escaping CurlMultiClient.Completion) {
        self.completion = completion
        if let reused {
            curl_easy_reset(reused)
            easy = reused
        } else {
            easy = curl_easy_init()!
        }
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        // "Expect:" stops libcurl waiting for a 100-continue on larger bodies.
        for header in request.headers + ["Expect:"] {
            headerList = curl_slist_append(headerList, header)
        }
        ed_curl_setopt_string(easy, CURLOPT_URL, request.url)
        // Only HTTP(S), whatever the URL says (a gopher:// or file:// URL fails); redirects are not
        // followed (CURLOPT_FOLLOWLOCATION stays off), and would be limited the same way.
        ed_curl_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https")
        ed_curl_setopt_string(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        ed_curl_setopt_long(easy, CURLOPT_POST, 1)
        ed_curl_setopt_long(easy, CURLOPT_POSTFIELDSIZE, request.body.utf8.count)
        ed_curl_setopt_string(easy, CURLOPT_COPYPOSTFIELDS, request.body)
        ed_curl_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList)
        ed_curl_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, request.connectTimeoutMillis)
        ed_curl_setopt_long(easy, CURLOPT_TIMEOUT_MS, request.totalTimeoutMillis)
        ed_curl_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        ed_curl_setopt_string(easy, CURLOPT_USERAGENT, "eventsdash")
        ed_curl_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer)
        if let caFile = request.caFile { ed_curl_setopt_string(easy, CURLOPT_CAINFO, caFile) }
        if !request.verifyTLS {
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
    }

    /// Hands the easy handle over for reuse (after `finish`); this transfer no longer frees it.
    func takeHandle() -> UnsafeMutableRawPointer? {
        guard ownsHandle else { return nil }
        ownsHandle = false
        return easy
    }

    deinit {
        if ownsHandle { curl_easy_cleanup(easy) }
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    func finish(code: CURLcode) {
        var seconds: curl_off_t = 0
        ed_curl_getinfo_off_t(easy, CURLINFO_TOTAL_TIME_T, &seconds)
        let latency = Double(seconds) / 1_000_000
        guard code == CURLE_OK else {
            let detail = String(cString: errorBuffer)
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
        if !outcome.isSuccess { outcome.responseExcerpt = excerpt.text }
        completion(outcome)
    }

    func fail(_ reason: String) {
        completion(HTTPOutcome(status: nil, error: reason, latencySeconds: 0))
    }
}
