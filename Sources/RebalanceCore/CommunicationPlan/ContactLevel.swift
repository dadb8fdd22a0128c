/// How closely a stakeholder is kept in touch, as the report advises: decide who must be in
/// close, regular contact and who needs less frequent updates, rather than telling everyone
/// everything at once.
public enum ContactLevel: String, CaseIterable, Codable, Sendable {
    /// Invited to every meeting and sent every update as soon as it is published.
    case close
    /// A digest of the month's news on the first working day of the next month.
    case regular
    /// A summary of the quarter on the first working day of the next quarter.
    case informed

    public var label: String {
        switch self {
        case .close: return "Close contact"
        case .regular: return "Regular updates"
        case .informed: return "Kept informed"
        }
    }

    /// What the level means, for the hint under the choice on the plan's form.
    public var hint: String {
        switch self {
        case .close: return "Invited to every meeting and sent every update as soon as it is published"
        case .regular: return "A monthly digest, sent on the first working day of the month"
        case .informed: return "A quarterly summary, sent on the first working day of January, April, July and October"
        }
    }

    public var cadence: DigestCadence {
        switch self {
        case .close: return .immediate
        case .regular: return .monthly
        case .informed: return .quarterly
        }
    }

    /// Close contacts are invited to every meeting; the others see meetings in their digest.
    public var isInvitedToEveryMeeting: Bool { self == .close }
}

/// When news reaches someone.
public enum DigestCadence: String, Codable, Sendable {
    case immediate
    case monthly
    case quarterly
}
