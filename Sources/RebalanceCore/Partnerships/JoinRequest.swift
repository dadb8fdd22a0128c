import Foundation

/// A resident asking a partnership to take them on as a member, or to keep them informed. The
/// chair answers; nothing changes on the partnership until they accept.
public enum JoinRequestKind: String, CaseIterable, Codable, Sendable {
    case join
    /// Added to the communication plan, to hear the partnership's news by e-mail.
    case keepInformed = "keep_informed"

    public var label: String {
        switch self {
        case .join: return "Join the partnership"
        case .keepInformed: return "Be kept informed"
        }
    }

    public var hint: String {
        switch self {
        case .join: return "Become a member: come to meetings, take part in decisions and, as a resident, usually vote"
        case .keepInformed: return "Hear the partnership's news and meeting dates by e-mail, without becoming a member"
        }
    }
}

public enum JoinRequestState: String, CaseIterable, Codable, Sendable {
    case pending, accepted, declined, withdrawn

    public var label: String {
        switch self {
        case .pending: return "Waiting for the chair"
        case .accepted: return "Accepted"
        case .declined: return "Declined"
        case .withdrawn: return "Withdrawn"
        }
    }
}

public struct JoinRequestDraft: Sendable, Equatable {
    public var kind: JoinRequestKind
    public var livesInArea: Bool
    public var message: String?

    public static let messageLimit = 1000

    /// `isMember`: already a current member; `pendingKinds`: kinds this person already has waiting.
    public static func validate(kind rawKind: String?, livesInArea: Bool, message rawMessage: String?,
                                isMember: Bool, pendingKinds: Set<JoinRequestKind>) throws -> JoinRequestDraft {
        var errors = FieldErrorList()
        let kindText = TextRules.trimmed(rawKind)
        let kind = JoinRequestKind(rawValue: kindText)
        if kindText.isEmpty {
            errors.add("kind", "Choose whether you want to join or to be kept informed")
        } else if kind == nil {
            errors.add("kind", "Kind must be one of: \(JoinRequestKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let message = TextRules.optional(rawMessage, field: "message", label: "message", max: messageLimit, into: &errors)
        if let kind {
            if kind == .join, isMember {
                errors.add("kind", "You are already a member of this partnership")
            } else if pendingKinds.contains(kind) {
                errors.add("kind", "You have already asked this and the chair has not answered yet")
            }
        }
        try errors.throwIfAny()
        return JoinRequestDraft(kind: kind!, livesInArea: livesInArea, message: message)
    }
}

/// The chair's answer. Declining says why, so the person knows what they could do instead.
public struct JoinRequestAnswer: Sendable, Equatable {
    public var accept: Bool
    public var reply: String?

    public static func validate(decision rawDecision: String?, reply rawReply: String?, state: JoinRequestState) throws -> JoinRequestAnswer {
        var errors = FieldErrorList()
        if state != .pending {
            errors.add("decision", "This request has already been answered: it is \(state.label.lowercased())")
        }
        let decision = TextRules.trimmed(rawDecision)
        if decision != "accept" && decision != "decline" {
            errors.add("decision", "Choose whether to accept or decline the request")
        }
        let reply = TextRules.optional(rawReply, field: "reply", label: "reply", max: JoinRequestDraft.messageLimit, into: &errors)
        if decision == "decline", reply == nil {
            errors.add("reply", "Say why you are declining, so they know what they could do instead")
        }
        try errors.throwIfAny()
        return JoinRequestAnswer(accept: decision == "accept", reply: reply)
    }
}
