import FluentKit
import Foundation
import RebalanceCore

/// What the public accountability page shows: for each party, what it has promised and its record.
public enum AccountabilityQueries {
    public struct PartyLine: Sendable {
        public let party: CommitmentParty
        public let record: TrackRecord
        public let open: [CommitmentRecord]
        public let delivered: [CommitmentRecord]
    }

    public static func parties(of partnershipID: UUID, asOf day: Day, withHistory: Bool = true, on db: any Database) async throws -> [PartyLine] {
        let all = try await CommitmentQueries.all(in: partnershipID, withHistory: withHistory, on: db)
        // Each commitment's owner read once: reading it goes through several stored fields.
        let byOwner = Dictionary(grouping: all, by: { $0.owner.key })
        return CommitmentQueries.trackRecords(all, asOf: day).map { party, record in
            let mine = byOwner[party.key] ?? []
            return PartyLine(party: party, record: record, open: mine.filter { $0.state.isOpen },
                             delivered: mine.filter { $0.state == .delivered }.sorted { $0.dueOnRaw > $1.dueOnRaw })
        }
    }
}
