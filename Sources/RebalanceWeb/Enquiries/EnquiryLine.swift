import Foundation
import RebalanceCore
import RebalanceStore

/// What a page or the API shows about one enquiry, worked out once from the record and the
/// rules: who holds it, when it is due, whether it is overdue.
struct EnquiryLine: Encodable {
    let id: String
    let href: String
    let title: String
    let topic: String
    let council: String
    let state: String
    let stateLabel: String
    let stateTag: String
    let holdingTeam: String
    let receivedOn: String
    let dueOn: String
    let overdue: Bool
    let workingDaysOverdue: Int
    let handOffCount: Int

    init(_ record: EnquiryRecord, partnershipSlug: String, teamNames: [UUID: String], today: Day) throws {
        let e = try record.core(handOffs: record.handOffs)
        id = try record.requireID().uuidString
        href = SiteURL.enquiry(partnershipSlug, id).path
        title = record.title
        topic = record.topic
        council = record.$council.value?.name ?? ""
        state = e.state.rawValue
        stateLabel = e.state.label
        overdue = e.isOverdue(on: today)
        workingDaysOverdue = e.workingDaysOverdue(on: today)
        let tag: String = switch e.state {
        case .answered: "tag--green"
        case .withdrawn: "tag--grey"
        case .open, .handedOff: "tag--yellow"
        }
        stateTag = overdue ? "tag--red" : tag
        holdingTeam = teamNames[e.holdingTeamID] ?? "Another team"
        receivedOn = e.receivedOn.readable
        dueOn = e.dueOn().readable
        handOffCount = e.handOffs.count
    }
}
