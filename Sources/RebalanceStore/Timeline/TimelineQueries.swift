import FluentKit
import Foundation
import RebalanceCore

/// Gathers a partnership's history from agreements, commitments and projects into one list of
/// dated events. `link` turns a record into the address of its page (the web layer knows URLs).
public enum TimelineQueries {
    public struct Links: Sendable {
        public var agreementVersion: @Sendable (Int) -> String
        public var commitment: @Sendable (UUID) -> String
        public var project: @Sendable (UUID) -> String
        /// A decision-log entry's page.
        public var decision: @Sendable (UUID) -> String
        public var planVersion: @Sendable (Int) -> String
        public var money: String
        public init(agreementVersion: @escaping @Sendable (Int) -> String, commitment: @escaping @Sendable (UUID) -> String,
                    project: @escaping @Sendable (UUID) -> String, decision: @escaping @Sendable (UUID) -> String,
                    planVersion: @escaping @Sendable (Int) -> String, money: String) {
            self.agreementVersion = agreementVersion; self.commitment = commitment; self.project = project
            self.decision = decision; self.planVersion = planVersion; self.money = money
        }
    }

    public static func entries(of partnershipID: UUID, links: Links, on db: any Database) async throws -> [TimelineEntry] {
        var out = try await agreementEntries(of: partnershipID, links: links, on: db)
        let commitments = try await CommitmentRecord.query(on: db).filter(\.$partnership.$id == partnershipID).with(\.$events).all()
        for c in commitments {
            let link = links.commitment(try c.requireID())
            for e in c.events.sorted(by: { $0.at < $1.at }) {
                out.append(.init(on: e.on, kind: .commitment, title: commitmentTitle(e, c), detail: e.reason, link: link))
            }
        }
        let projects = try await ProjectRecord.query(on: db).filter(\.$partnership.$id == partnershipID)
            .with(\.$milestones).with(\.$stageChanges).all()
        for p in projects {
            out += p.stageChanges.sorted(by: { $0.onRaw < $1.onRaw }).map { stageEntry($0, p, links: links) }
            out += p.milestones.map { milestoneEntry($0, p, links: links) }
        }
        out += try await DecisionQueries.log(in: partnershipID, on: db).map { try decisionEntry($0, links: links) }
        out += try await moneyEntries(of: partnershipID, links: links, on: db)
        return out
    }

    /// A payment this large is an event in the relationship, not only a line in the books.
    public static let largePayment = Pence.pounds(5_000)

    static func moneyEntries(of partnershipID: UUID, links: Links, on db: any Database) async throws -> [TimelineEntry] {
        var out: [TimelineEntry] = []
        for v in try await MoneyQueries.versions(of: partnershipID, on: db) {
            if let on = v.acceptedOnRaw.flatMap(Day.init) {
                out.append(.init(on: on, kind: .money, title: "Plan version \(v.number) accepted by the funder", detail: v.changeSummary,
                                 link: links.planVersion(v.number)))
            }
        }
        for r in try await MoneyQueries.reviews(of: partnershipID, on: db) {
            let moved = r.review?.moves.map { "\($0.amount.roundedPounds) moved: \($0.reason)" }.joined(separator: "; ")
            out.append(.init(on: Day(r.writtenOnRaw) ?? Day(year: r.year, month: 12, day: 31)!, kind: .money,
                             title: "Plan reviewed for \(r.year) by \(r.writtenByName)", detail: moved?.isEmpty == false ? moved : nil,
                             link: links.planVersion(r.planNumber)))
        }
        let lines = try await LedgerEntryRecord.query(on: db).filter(\.$partnership.$id == partnershipID).filter(\.$reversesID == nil)
            .group(.or) { either in
                either.filter(\.$kindRaw == LedgerEntryKind.received.rawValue)
                either.group(.and) { $0.filter(\.$kindRaw == LedgerEntryKind.paid.rawValue).filter(\.$amountPence >= largePayment.value) }
            }.all()
        for l in lines {
            let amount = Pence(l.amountPence)
            let title = l.kindRaw == LedgerEntryKind.received.rawValue ? "\(amount.roundedPounds) received from the funder"
                : "\(amount.roundedPounds) paid\(l.payee.map { " to \($0)" } ?? "")"
            out.append(.init(on: Day(l.onRaw) ?? Day(year: 2000, month: 1, day: 1)!, kind: .money, title: title, detail: l.details, link: links.money))
        }
        return out
    }

    static func agreementEntries(of partnershipID: UUID, links: Links, on db: any Database) async throws -> [TimelineEntry] {
        var out: [TimelineEntry] = []
        for v in try await AgreementQueries.versions(in: partnershipID, on: db) {
            let link = links.agreementVersion(v.number)
            out.append(.init(on: v.draftedOn, kind: .agreement, title: "Agreement version \(v.number) drafted by \(v.draftedByName)",
                             detail: v.changeSummary, link: link))
            if let on = v.partnershipSignedOn, let who = v.partnershipSignedByName {
                out.append(.init(on: on, kind: .agreement, title: "Version \(v.number) signed for the partnership by \(who)", link: link))
            }
            if let on = v.councilSignedOn, let who = v.councilSignedByName {
                out.append(.init(on: on, kind: .agreement, title: "Version \(v.number) signed for the council by \(who)", link: link))
            }
            if let on = v.effectiveOn {
                out.append(.init(on: on, kind: .agreement, title: "Agreement version \(v.number) in force", link: link))
            }
        }
        return out
    }

    static func stageEntry(_ s: ProjectStageChangeRecord, _ p: ProjectRecord, links: Links) -> TimelineEntry {
        let stage = ProjectStage(rawValue: s.toStage)?.label ?? s.toStage
        let title = s.fromStage == nil ? "Project started: \(p.title) (\(stage))" : "\(p.title) moved to \(stage.lowercased())"
        return .init(on: s.on, kind: .project, title: title, link: links.project(p.id!))
    }

    static func milestoneEntry(_ m: MilestoneRecord, _ p: ProjectRecord, links: Links) -> TimelineEntry {
        if let done = m.doneOn {
            return .init(on: done, kind: .milestone, title: "Milestone reached: \(m.title)", detail: p.title, link: links.project(p.id!))
        }
        return .init(on: m.dueOn, kind: .milestone, title: "Milestone due: \(m.title)", detail: p.title, link: links.project(p.id!))
    }

    static func decisionEntry(_ d: DecisionLogRecord, links: Links) throws -> TimelineEntry {
        .init(on: Day.today(d.decidedAt), kind: .decision, title: "\(d.method): \(d.title) – \(d.headline.prefix(1).lowercased() + d.headline.dropFirst())",
              detail: d.statement ?? d.explanation, link: links.decision(try d.requireID()))
    }

    static func commitmentTitle(_ e: CommitmentEventRecord, _ c: CommitmentRecord) -> String {
        switch e.kind {
        case .created:
            return "\(c.ownerName) promised \(c.recipientName): \(c.title) (due \(Day(e.toDue ?? "")?.readable ?? c.dueOn.readable))"
        case .renegotiated:
            return "New date agreed for “\(c.title)”: \(Day(e.toDue ?? "")?.readable ?? "") instead of \(Day(e.fromDue ?? "")?.readable ?? "")"
        case .reassigned:
            return "“\(c.title)” handed over"
        case .state:
            let state = CommitmentState(rawValue: e.toState ?? "") ?? .agreed
            if state == .delivered {
                let late = e.on > c.dueOn
                return "\(c.ownerName) delivered “\(c.title)”\(late ? " late" : " on time")"
            }
            return "“\(c.title)” \(state.label.lowercased())"
        }
    }
}
