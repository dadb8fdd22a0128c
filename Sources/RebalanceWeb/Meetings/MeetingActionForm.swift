import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// The short form under a meeting's minutes that turns an agreed action into a commitment:
/// what, who does it, for whom, by when. Actions agreed in the room start as agreed.
enum MeetingActionForm {
    static func make(_ req: Request, _ p: PartnershipRecord, _ found: FoundMeeting, warning: String?) async throws -> FormView {
        let parties = try await CommitmentQueries.parties(of: try p.requireID(), on: req.db)
            .map { FieldView.Option(value: $0.key, label: "\($0.name) (\($0.kind.label.lowercased()))") }
        var fields: [FieldView] = [
            .text("title", "Action", hint: "One thing someone will do, for example “Send the survey dates”"),
            .select("owner", "Who does it", options: parties, blank: "Choose a party"),
            .select("recipient", "For whom", options: parties, value: "partnership", blank: "Choose a party"),
            .date("dueOn", "Due date", hint: "Today or later, for example 27 March 2027"),
            .select("size", "Size", options: CommitmentSize.allCases.map { .init(value: $0.rawValue, label: $0.label) }),
        ]
        ConfirmableWarning.insert(warning, into: &fields, after: "owner")
        return FormView(req, action: found.url(\.actions), submit: "Add the action", fields: fields)
    }
}
