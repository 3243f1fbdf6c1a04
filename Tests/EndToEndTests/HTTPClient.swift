import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One HTTP request, waited for: the status and the body as text (nil when no answer came).
func httpRequest(
    _ method: String, _ url: String, body: String? = nil, headers: [String: String] = [:]
) -> (status: Int, body: String)? {
    var request = URLRequest(url: URL(string: url)!, timeoutInterval: 10)
    request.httpMethod = method
    request.httpBody = body.map { Data($0.utf8) }
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var answer: (status: Int, body: String)?
    URLSession.shared.dataTask(with: request) { data, response, _ in
        if let response = response as? HTTPURLResponse {
            answer = (response.statusCode, String(decoding: data ?? Data(), as: UTF8.self))
        }
        done.signal()
    }.resume()
    done.wait()
    return answer
}
