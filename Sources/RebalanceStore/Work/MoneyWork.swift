import FluentKit
import Foundation
import RebalanceCore

/// The plan and the money on "your work": the chair signs off a drafted plan version and writes
/// the annual review; the funder's staff accept a signed-off version; an LTO's staff record a
/// tranche that is due. Each is read by the person's own partnerships or organisations.
extension WorkQueries {
    /// A tranche shows this many days before it is due, so the LTO can watch for it.
    static let trancheNoticeDays = 14

    static func money(actor: Actor, names: inout [UUID: (name: String, slug: String)], today: Day, on db: any Database) async throws -> [WorkItem] {
        let chaired = actor.memberships.filter { $0.value.contains(.chair) }.map(\.key)
        let organisations = Array(actor.staffOf)
        let funded = organisations.isEmpty ? [] : try await FundingOfferRecord.query(on: db).filter(\.$funder.$id ~~ organisations).all()
            .map { $0.$partnership.id }
        var items: [WorkItem] = []
        let watched = Array(Set(chaired + funded))
        if !watched.isEmpty {
            let versions = try await PlanVersionRecord.query(on: db).filter(\.$partnership.$id ~~ watched).all()
            let reviews = try await PlanReviewRecord.query(on: db).filter(\.$partnership.$id ~~ chaired).all()
            for (pid, mine) in Dictionary(grouping: versions, by: { $0.$partnership.id }) {
                guard let latest = mine.max(by: { $0.number < $1.number }), let n = try await name(pid, &names, on: db) else { continue }
                if chaired.contains(pid), !latest.isSignedOff {
                    items.append(WorkItem(key: "plan-sign-off:\(try latest.requireID())", kind: .money,
                                          title: "Sign off version \(latest.number) of the plan for the partnership",
                                          partnershipName: n.name, partnershipSlug: n.slug, due: nil, target: .plan(slug: n.slug)))
                }
                if funded.contains(pid), latest.isSignedOff, !latest.isAccepted {
                    items.append(WorkItem(key: "plan-accept:\(try latest.requireID())", kind: .money,
                                          title: "Accept version \(latest.number) of the plan for the funder",
                                          partnershipName: n.name, partnershipSlug: n.slug, due: nil, target: .plan(slug: n.slug)))
                }
                if chaired.contains(pid), let inForce = mine.filter(\.isAccepted).max(by: { $0.number < $1.number }), let content = inForce.content,
                   let year = PlanReviewSchedule.waitingYear(startYear: content.startYear, endYear: content.endYear,
                                                             reviewed: Set(reviews.filter { $0.$partnership.id == pid }.map(\.year)), today: today) {
                    items.append(WorkItem(key: "plan-review:\(pid):\(year)", kind: .money, title: "Write the annual review of the plan for \(year)",
                                          partnershipName: n.name, partnershipSlug: n.slug, due: PlanReviewSchedule.due(for: year),
                                          target: .plan(slug: n.slug)))
                }
            }
        }
        if !organisations.isEmpty {
            let soon = today.adding(days: trancheNoticeDays).description
            for t in try await TrancheRecord.query(on: db).filter(\.$ltoID ~~ organisations)
                .filter(\.$stateRaw == Tranche.State.expected.rawValue).filter(\.$dueRaw <= soon).all() {
                guard let n = try await name(t.partnershipID, &names, on: db) else { continue }
                let tranche = t.tranche
                items.append(WorkItem(key: "tranche:\(try t.requireID())", kind: .money,
                                      title: "Record the tranche of \(tranche.amount.roundedPounds) from the funder when it arrives",
                                      partnershipName: n.name, partnershipSlug: n.slug, due: tranche.due, target: .money(slug: n.slug)))
            }
        }
        return items
    }
}
