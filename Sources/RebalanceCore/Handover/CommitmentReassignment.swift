import Foundation

/// One commitment to move from the leaver to the successor. The store records it as a new
/// event in the commitment's history (owner changed, with this note), never by rewriting the
/// old owner out of it.
public struct CommitmentReassignment: Hashable, Sendable {
    public let commitmentID: UUID
    public let fromPersonID: UUID
    public let toPersonID: UUID
    public let on: Day
    /// The history entry, for example "Handed over from Sam Patel to Alex Kaur when Sam left the partnership".
    public let historyNote: String
}

/// What moves at a handover: the leaver's open commitments, each once, in a stable order.
public struct HandoverReassignmentPlan: Hashable, Sendable {
    public let reassignments: [CommitmentReassignment]
    /// Open commitments the successor already holds jointly with the leaver: nothing to move,
    /// listed so the page can say so.
    public let alreadyWithSuccessor: [UUID]

    public var isEmpty: Bool { reassignments.isEmpty }

    /// Plans the moves. `openCommitmentIDs` are the leaver's open commitments (duplicates are
    /// ignored); `heldBySuccessor` those the successor already shares. Moves take effect on the
    /// day the successor takes over.
    public static func make(note: HandoverNoteDraft, openCommitmentIDs: [UUID], heldBySuccessor: Set<UUID> = [],
                            leaverName: String, successorName: String) -> HandoverReassignmentPlan {
        var seen: Set<UUID> = []
        let unique = openCommitmentIDs.filter { seen.insert($0).inserted }
            .sorted { $0.uuidString < $1.uuidString }
        let text = "Handed over from \(leaverName) to \(successorName) when \(leaverName) left the partnership"
        return HandoverReassignmentPlan(
            reassignments: unique.filter { !heldBySuccessor.contains($0) }.map {
                CommitmentReassignment(commitmentID: $0, fromPersonID: note.leaverID, toPersonID: note.successorID,
                                       on: note.successorStartsOn, historyNote: text)
            },
            alreadyWithSuccessor: unique.filter { heldBySuccessor.contains($0) })
    }
}
