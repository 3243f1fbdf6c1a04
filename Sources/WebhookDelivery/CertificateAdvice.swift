import Foundation
import GlusterEvents

/// What to do when a webhook's TLS certificate cannot be verified. glustereventsd, on the same
/// failure, fetched the server's certificate and trusted it from then on, saving it in glusterd's
/// `events/` folder; eventsdash never trusts silently, but points at that saved file.
public enum CertificateAdvice {
    public static let glusterdCertificatesDirectory = "/var/lib/glusterd/events"

    /// Where glustereventsd saved the certificate of `url` (its name: the URL with `/` as `_`).
    public static func savedCertificate(for url: String, in directory: String = glusterdCertificatesDirectory) -> String {
        directory + "/" + url.replacingOccurrences(of: "/", with: "_").trimmingCharacters(in: .whitespaces)
    }

    /// The advice appended to a certificate error for `url`.
    public static func text(for url: String, directory: String = glusterdCertificatesDirectory) -> String {
        let saved = savedCertificate(for: url, in: directory)
        if FileManager.default.fileExists(atPath: saved) {
            return "glustereventsd saved this server's certificate as \(saved); to trust it: "
                + "eventsdash webhook-mod \(URLRedaction.redacted(url)) --ca-file \(saved)"
        }
        return "give its CA with: eventsdash webhook-mod \(URLRedaction.redacted(url)) --ca-file FILE (or --insecure to stop verifying)"
    }

    /// `outcome` with the advice added to its error, when it is a certificate problem.
    public static func advised(_ outcome: HTTPOutcome, url: String, directory: String = glusterdCertificatesDirectory)
        -> HTTPOutcome
    {
        guard outcome.isCertificateProblem else { return outcome }
        var advised = outcome
        advised.error = (outcome.error ?? "certificate not trusted") + " — " + text(for: url, directory: directory)
        return advised
    }
}
