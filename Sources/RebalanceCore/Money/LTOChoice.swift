import Foundation

/// A time during which an organisation holds a partnership's money.
public struct LTOPeriod: Hashable, Sendable {
    public var id: UUID
    public var organisationID: UUID
    public var startsOn: Day
    public var endsOn: Day?
    public var decisionID: UUID?

    public init(id: UUID, organisationID: UUID, startsOn: Day, endsOn: Day?, decisionID: UUID?) {
        self.id = id; self.organisationID = organisationID; self.startsOn = startsOn; self.endsOn = endsOn; self.decisionID = decisionID
    }

    public func isCurrent(on day: Day) -> Bool { startsOn <= day && (endsOn.map { $0 >= day } ?? true) }

    func overlaps(from start: Day, to end: Day?) -> Bool {
        let farFuture = Day(year: 9999, month: 12, day: 31)!
        return startsOn <= (end ?? farFuture) && start <= (endsOn ?? farFuture)
    }
}

/// The partnership choosing an organisation to hold its money (issue 15): the choice rests on a
/// decision the partnership made in the open, so the log shows why the money sits where it does.
public struct LTOChoice: Hashable, Sendable {
    public var organisationID: UUID
    public var startsOn: Day
    public var endsOn: Day?
    public var decisionID: UUID

    public struct Input: Sendable, Codable {
        public var organisation: String?
        public var startsOn: String?
        public var endsOn: String?
        public var decision: String?
        public init(organisation: String? = nil, startsOn: String? = nil, endsOn: String? = nil, decision: String? = nil) {
            self.organisation = organisation; self.startsOn = startsOn; self.endsOn = endsOn; self.decision = decision
        }
    }

    /// A decision the choice can rest on: one the partnership made, with its outcome.
    public struct DecisionFact: Sendable {
        public var title: String
        public var result: DecisionLogResult
        public init(title: String, result: DecisionLogResult) { self.title = title; self.result = result }
    }

    /// `holders`: organisations that act as LTOs, by name; `decisions`: the partnership's log;
    /// `periods`: what is already recorded, so the same organisation is not chosen twice at once.
    public static func validate(_ input: Input, holders: [UUID: String], decisions: [UUID: DecisionFact],
                                periods: [LTOPeriod]) throws -> LTOChoice {
        var errors = FieldErrorList()
        let org = UUID(uuidString: TextRules.trimmed(input.organisation)).flatMap { holders[$0] == nil ? nil : $0 }
        if org == nil { errors.add("organisation", "Choose an organisation that acts as a locally trusted organisation") }
        let starts = DayRules.required(input.startsOn, field: "startsOn", label: "Date it starts holding the money", into: &errors)
        let ends = DayRules.optional(input.endsOn, field: "endsOn", label: "Date it stops", into: &errors)
        if let starts, let ends, ends < starts { errors.add("endsOn", "Date it stops must be on or after the date it starts") }
        let decision = decisionID(input.decision, decisions: decisions, into: &errors)
        if let org, let starts, let clash = periods.first(where: { $0.organisationID == org && $0.overlaps(from: starts, to: ends) }) {
            errors.add("startsOn", "\(holders[org]!) already holds the money from \(clash.startsOn.readable)"
                       + (clash.endsOn.map { " to \($0.readable)" } ?? "") + ": choose dates after that period, or end it first")
        }
        try errors.throwIfAny()
        return LTOChoice(organisationID: org!, startsOn: starts!, endsOn: ends, decisionID: decision!)
    }

    /// Ending a period early, again on a decision; the day is the last it holds the money.
    public static func validateEnding(_ period: LTOPeriod, endsOn raw: String?, decision rawDecision: String?,
                                      decisions: [UUID: DecisionFact]) throws -> (endsOn: Day, decisionID: UUID) {
        var errors = FieldErrorList()
        let ends = DayRules.required(raw, field: "endsOn", label: "Last day it holds the money", into: &errors)
        if let ends, ends < period.startsOn {
            errors.add("endsOn", "Last day it holds the money must be on or after \(period.startsOn.readable), when it started")
        }
        let decision = decisionID(rawDecision, decisions: decisions, into: &errors)
        try errors.throwIfAny()
        return (ends!, decision!)
    }

    static func decisionID(_ raw: String?, decisions: [UUID: DecisionFact], into errors: inout FieldErrorList) -> UUID? {
        guard let id = UUID(uuidString: TextRules.trimmed(raw)), let fact = decisions[id] else {
            errors.add("decision", "Choose the decision from the partnership's decision log")
            return nil
        }
        guard fact.result.carries else {
            errors.add("decision", "“\(fact.title)” was \(fact.result.label.lowercased()): choose a decision the partnership made")
            return nil
        }
        return id
    }
}
