import Foundation

/// The two sides that must both sign a version before it takes effect.
public enum AgreementSide: String, CaseIterable, Codable, Sendable {
    case partnership
    case council

    public var label: String { self == .partnership ? "the partnership" : "the council" }
}

/// What the sign-off rule needs to know about one version and its neighbours.
public struct AgreementVersionFacts: Sendable, Equatable {
    public var number: Int
    public var councilOfficerID: UUID
    public var partnershipSignedBy: UUID?
    public var councilSignedBy: UUID?
    public var latestNumber: Int

    public init(number: Int, councilOfficerID: UUID, partnershipSignedBy: UUID?, councilSignedBy: UUID?, latestNumber: Int) {
        self.number = number; self.councilOfficerID = councilOfficerID; self.partnershipSignedBy = partnershipSignedBy
        self.councilSignedBy = councilSignedBy; self.latestNumber = latestNumber
    }

    public var isSignedByBoth: Bool { partnershipSignedBy != nil && councilSignedBy != nil }
    /// A newer version exists, so this one can no longer be signed or edited.
    public var isOutdated: Bool { number < latestNumber }
    public func signature(_ side: AgreementSide) -> UUID? { side == .partnership ? partnershipSignedBy : councilSignedBy }
}

public enum AgreementSignOff {
    /// Checks that `actor` may sign `version` for `side`: only the chair signs for the
    /// partnership, only the council officer named on the version signs for the council (and
    /// only while they work for one of the area's `councilIDs`: a seat alone is not enough,
    /// or a chair could seat a friend as "council officer" and sign both sides),
    /// each side once, and only the newest version.
    public static func check(_ sideText: String?, version: AgreementVersionFacts, actor: Actor, partnershipID: UUID,
                             councilIDs: Set<UUID>) throws -> AgreementSide {
        guard let side = AgreementSide(rawValue: TextRules.trimmed(sideText)) else {
            throw ValidationFailure("side", "Select which side you are signing for: the partnership or the council")
        }
        if version.isOutdated {
            throw ValidationFailure("side", "Version \(version.number) is out of date: version \(version.latestNumber) replaced it, so it can no longer be signed")
        }
        if version.signature(side) != nil {
            throw ValidationFailure("side", "Version \(version.number) has already been signed for \(side.label)")
        }
        switch side {
        case .partnership:
            guard actor.holds(.chair, in: partnershipID) else {
                throw ValidationFailure("side", "Only the partnership's chair can sign for the partnership")
            }
        case .council:
            guard let id = actor.personID, id == version.councilOfficerID else {
                throw ValidationFailure("side", "Only the council officer named on this version can sign for the council")
            }
            guard actor.worksForAnyOf(councilIDs) else {
                throw ValidationFailure("side", "Only staff of this area's council can sign for the council: ask the council to add you to its staff")
            }
        }
        return side
    }

    /// Checks that a new draft may be written on top of what the editor saw.
    public static func checkDraftBase(seenLatest: Int, actualLatest: Int) throws {
        if seenLatest != actualLatest {
            throw VersionConflict(entity: "agreement")
        }
    }
}

/// Where a version stands, worked out from its signatures and the versions after it.
public enum AgreementVersionStatus: String, Sendable, Codable {
    case draft
    case partlySigned = "partly_signed"
    case inForce = "in_force"
    case superseded
    /// A draft that a newer version replaced before both sides signed it.
    case abandoned

    public var label: String {
        switch self {
        case .draft: return "Draft"
        case .partlySigned: return "Signed by one side"
        case .inForce: return "In force"
        case .superseded: return "Superseded"
        case .abandoned: return "Replaced before sign-off"
        }
    }

    public var tagColour: String {
        switch self {
        case .draft, .partlySigned: return "yellow"
        case .inForce: return "green"
        case .superseded, .abandoned: return "grey"
        }
    }

    /// The status of each version (by number): the newest fully signed one is in force.
    public static func of(_ versions: [AgreementVersionFacts]) -> [Int: AgreementVersionStatus] {
        let inForce = versions.filter(\.isSignedByBoth).map(\.number).max()
        var result: [Int: AgreementVersionStatus] = [:]
        for v in versions {
            if v.isSignedByBoth {
                result[v.number] = v.number == inForce ? .inForce : .superseded
            } else if v.isOutdated {
                result[v.number] = .abandoned
            } else {
                result[v.number] = (v.partnershipSignedBy ?? v.councilSignedBy) == nil ? .draft : .partlySigned
            }
        }
        return result
    }
}
