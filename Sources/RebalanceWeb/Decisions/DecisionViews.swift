import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// Pieces every decision page shows the same way.
enum DecisionFormat {
    /// "18:00 on 3 March 2027".
    static func time(_ date: Date) -> String { DecisionTime.readable(date) }

    /// What a `datetime-local` input shows for `date`, in UK time.
    static func inputTime(_ date: Date) -> String {
        let (day, time) = LondonTime.local(date)
        return "\(day)T\(time)"
    }

    /// A field name from the core (`scores[2]`) as an element id a fragment link can reach.
    static func anchor(_ field: String) -> String {
        field.replacingOccurrences(of: "[", with: "-").replacingOccurrences(of: "]", with: "")
    }

    static func names(_ p: PartnershipRecord) -> [UUID: String] {
        Dictionary(p.memberships.map { ($0.$person.id, $0.person.name) }, uniquingKeysWith: { a, _ in a })
    }
}

/// An error in a page's summary, linking to the element it is about.
struct PageError: Encodable {
    let anchor: String
    let message: String
    init(_ error: FieldError, anchors: [String: String] = [:]) {
        anchor = anchors[error.field] ?? DecisionFormat.anchor(error.field)
        message = error.message
    }
}

/// The counts behind a proposal's outcome, as table rows.
struct CountsView: Encodable {
    let positions: [Line]
    let eligible: Int
    let recused: Int
    let couldTakePart: Int
    let tookPart: Int
    let notResponded: Int
    let quorum: String?
    struct Line: Encodable { let label: String; let count: Int; let tone: String }

    init(_ c: DecisionCounts) {
        positions = c.positions.map { Line(label: $0.position.label, count: $0.count, tone: $0.position.tone) }
        eligible = c.eligible
        recused = c.recused
        couldTakePart = c.couldTakePart
        tookPart = c.tookPart
        notResponded = c.notResponded
        quorum = c.quorumNeeded.map { "\($0) (\(c.quorumMet == true ? "met" : "not met"))" }
    }
}

/// The outcome statement of a closed proposal or poll, and the form to write it: one shape for
/// both pages, rendered by `partials/outcome-statement`.
struct OutcomeStatementView: Encodable {
    let href: String
    let headline: String
    let tone: String
    let statement: String?
    let statementBy: String?
    let action: String?
    let draft: String
    let version: Int
    let hint: String
    let csrf: String

    /// `action` is where the form posts, for those who may write it; nil for everyone else.
    init(_ log: DecisionLogRecord, slug: String, action: String?, draft: String?, hint: String, csrf: String) {
        href = SiteURL.decision(slug, log.id!.uuidString).path
        headline = log.headline
        tone = log.result.tone
        statement = log.statement
        statementBy = log.statementBy.map { by in "\(by), \(log.statementAt.map(DecisionFormat.time) ?? "")" }
        self.action = action
        self.draft = draft ?? log.statement ?? ""
        version = log.version
        self.hint = hint
        self.csrf = csrf
    }
}
