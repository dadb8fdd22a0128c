import Foundation

/// Something waiting for one person: a signature, a proposal or poll to answer, a health-check
/// round, a promise coming due, an enquiry their team holds, minutes to write, a handover to
/// read, a review date passed. Each names where it is done.
public struct WorkItem: Hashable, Sendable, Codable {
    public enum Kind: String, CaseIterable, Codable, Sendable {
        case signature, proposal, poll
        case healthCheck = "health_check"
        case commitment, enquiry, minutes, handover, review
        /// Something that happened which the person should know (an answer, a signature).
        case notice
        /// For an organisation's administrators: work nobody on the staff list can do.
        case staffing
        /// For a chair: someone asking to join the partnership or to be kept informed.
        case joinRequest = "join_request"
        /// The plan and the money: a version to sign off or accept, a review, a tranche to record.
        case money

        public var label: String {
            switch self {
            case .signature: return "Signature"
            case .proposal: return "Proposal"
            case .poll: return "Poll"
            case .healthCheck: return "Health check"
            case .commitment: return "Commitment"
            case .enquiry: return "Enquiry"
            case .minutes: return "Minutes"
            case .handover: return "Handover"
            case .review: return "Review"
            case .notice: return "For your information"
            case .staffing: return "Staffing"
            case .joinRequest: return "Request to join"
            case .money: return "Plan and money"
            }
        }
    }

    /// Where the work is done, by the ids the site's addresses are made from.
    public enum Target: Hashable, Sendable, Codable {
        case agreement(slug: String)
        case proposal(slug: String, id: UUID)
        case poll(slug: String, id: UUID)
        case healthCheckAnswer(slug: String, round: UUID)
        case commitment(slug: String, id: UUID)
        case enquiry(slug: String, id: UUID)
        case meeting(slug: String, series: UUID, day: Day)
        case handover(slug: String, id: UUID)
        /// A notice, shown until marked seen, about the page at `path`.
        case notice(id: UUID, path: String)
        /// An organisation's page, where its teams and staff are changed.
        case organisation(slug: String)
        case joinRequest(slug: String, id: UUID)
        case plan(slug: String)
        case money(slug: String)
    }

    /// Stable across requests, so a line can be marked as seen.
    public var key: String
    public var kind: Kind
    /// What to do, as a sentence: "Sign version 2 of the agreement for the partnership".
    public var title: String
    public var partnershipName: String
    public var partnershipSlug: String
    /// The day it is due or closes; nil when it waits without a date.
    public var due: Day?
    public var target: Target

    public init(key: String, kind: Kind, title: String, partnershipName: String, partnershipSlug: String, due: Day?, target: Target) {
        self.key = key; self.kind = kind; self.title = title; self.partnershipName = partnershipName
        self.partnershipSlug = partnershipSlug; self.due = due; self.target = target
    }
}

/// How pressing a line is, judged against today.
public enum WorkUrgency: String, Sendable, Codable, Comparable {
    case overdue
    case dueSoon = "due_soon"
    case waiting

    public var label: String {
        switch self {
        case .overdue: return "Overdue"
        case .dueSoon: return "Due soon"
        case .waiting: return "Waiting"
        }
    }

    public static func < (a: WorkUrgency, b: WorkUrgency) -> Bool { a.rank < b.rank }
    private var rank: Int { self == .overdue ? 0 : self == .dueSoon ? 1 : 2 }
}

/// The rules of the "your work" list: what counts as due soon, and the order lines come in.
public enum WorkList {
    /// A promise or deadline within this many days is "due soon".
    public static let soonDays = 14

    public static func urgency(of item: WorkItem, today: Day) -> WorkUrgency {
        guard let due = item.due else { return .waiting }
        if due < today { return .overdue }
        return due <= today.adding(days: soonDays) ? .dueSoon : .waiting
    }

    /// Overdue first (longest overdue first), then by due day, then undated; ties by partnership
    /// and title, so the list reads the same on every visit.
    public static func ordered(_ items: [WorkItem], today: Day) -> [WorkItem] {
        items.sorted { a, b in
            let (ua, ub) = (urgency(of: a, today: today), urgency(of: b, today: today))
            if ua != ub { return ua < ub }
            switch (a.due, b.due) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return (a.partnershipName, a.title, a.key) < (b.partnershipName, b.title, b.key)
            }
        }
    }

    /// Whether a commitment's due day puts it on the list at all: overdue or due soon.
    public static func isDueEnough(_ due: Day, today: Day) -> Bool {
        due <= today.adding(days: soonDays)
    }
}
