import GlusterEvents

/// The form behind `a` (add) and `e` (edit) in the webhooks pane: URL, bearer token and secret,
/// the last two masked as typed. Editing keeps a token or secret that was not touched.
struct WebhookForm: Equatable {
    enum Purpose: Equatable {
        case add
        /// Editing the webhook registered as `url`, which had a token and/or a secret.
        case edit(url: String, hasToken: Bool, hasSecret: Bool)
    }

    enum Field: Int, CaseIterable {
        case url, token, secret

        var label: String {
            switch self {
            case .url: "URL"
            case .token: "Bearer token"
            case .secret: "JWT secret"
            }
        }
    }

    /// What saving the form asks for.
    enum Submission: Equatable {
        case add(Webhook)
        /// nil keeps the current value.
        case modify(url: String, token: String?, secret: String?)
    }

    let purpose: Purpose
    var url: LineEditor
    var token = LineEditor(masked: true)
    var secret = LineEditor(masked: true)
    var focused = Field.url
    /// Why the last attempt to save failed.
    var error: String?

    init(purpose: Purpose) {
        self.purpose = purpose
        if case .edit(let url, _, _) = purpose {
            self.url = LineEditor(url)
            focused = .token
        } else {
            url = LineEditor()
        }
    }

    var title: String {
        switch purpose {
        case .add: "Add webhook"
        case .edit: "Edit webhook"
        }
    }

    /// Fields the user can change (the URL names the webhook, so editing keeps it).
    var editableFields: [Field] {
        if case .edit = purpose { return [.token, .secret] }
        return Field.allCases
    }

    func editor(_ field: Field) -> LineEditor {
        switch field {
        case .url: url
        case .token: token
        case .secret: secret
        }
    }

    /// Grey text in an empty field: what leaving it empty means.
    func placeholder(_ field: Field) -> String {
        switch (field, purpose) {
        case (.url, _): "http://host:port/path"
        case (.token, .edit(_, true, _)), (.secret, .edit(_, _, true)): "(set — kept unless you type a new one)"
        case (.token, _): "(none)"
        case (.secret, _): "(none; a secret signs each request as a JWT)"
        }
    }

    enum Outcome: Equatable {
        case editing
        case cancel
        case submit(Submission)
    }

    /// Tab/↓ and Shift-Tab/↑ move between fields, Enter moves on and saves from the last one,
    /// Esc cancels.
    mutating func handle(_ key: Key) -> Outcome {
        let fields = editableFields
        let index = fields.firstIndex(of: focused) ?? 0
        switch key {
        case .escape: return .cancel
        case .tab, .down: focused = fields[(index + 1) % fields.count]
        case .backTab, .up: focused = fields[(index + fields.count - 1) % fields.count]
        case .enter where index < fields.count - 1: focused = fields[index + 1]
        case .enter:
            switch validated() {
            case .success(let submission): return .submit(submission)
            case .failure(let problem): error = problem.description
            }
        default:
            switch focused {
            case .url: _ = url.handle(key)
            case .token: _ = token.handle(key)
            case .secret: _ = secret.handle(key)
            }
            error = nil
        }
        return .editing
    }

    struct Problem: Error, CustomStringConvertible { let description: String }

    func validated() -> Result<Submission, Problem> {
        let token = self.token.string.trimmingWhitespace()
        let secret = self.secret.string.trimmingWhitespace()
        switch purpose {
        case .add:
            let url = self.url.string.trimmingWhitespace()
            if url.isEmpty { return .failure(Problem(description: "enter the webhook's URL")) }
            if let problem = Webhook.validate(url: url) { return .failure(Problem(description: problem)) }
            return .success(.add(Webhook(url: url, token: token, secret: secret)))
        case .edit(let url, _, _):
            guard self.token.edited || self.secret.edited else {
                return .failure(Problem(description: "nothing changed: type a new token or secret, or Esc"))
            }
            return .success(
                .modify(url: url, token: self.token.edited ? token : nil, secret: self.secret.edited ? secret : nil))
        }
    }
}
