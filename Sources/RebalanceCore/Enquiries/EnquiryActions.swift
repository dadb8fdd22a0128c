import Foundation

/// The three things that can happen to an open enquiry. Each checks everything first and
/// throws `ValidationFailure` (nothing to write) or returns the enquiry as it is afterwards;
/// the store writes the difference (the new hand-off, or the closure) in one transaction.
///
/// `actingTeams` are the council teams the person acting works in; `teamNames` turn team ids
/// into names for the messages (ids the dictionary lacks are called "another team").
extension Enquiry {
    /// What the hand-off form sends.
    public struct HandOffInput: Sendable, Codable {
        public var toTeam: String?
        public var reason: String?
        public init(toTeam: String? = nil, reason: String? = nil) { self.toTeam = toTeam; self.reason = reason }
    }

    /// Passes the enquiry to another team of the same council, with the reason recorded.
    /// `councilTeams` are the ids of every team of this enquiry's council.
    public func handingOff(_ input: HandOffInput, on day: Day, actingTeams: Set<UUID>, councilTeams: Set<UUID>,
                           teamNames: [UUID: String] = [:]) throws -> Enquiry {
        var errors = FieldErrorList()
        checkHolder(action: "hand it on", on: day, actingTeams: actingTeams, teamNames: teamNames, into: &errors)
        var to: UUID?
        let toText = TextRules.trimmed(input.toTeam)
        if toText.isEmpty {
            errors.add("toTeam", "Select the team to hand this enquiry to")
        } else if let id = UUID(uuidString: toText), councilTeams.contains(id) {
            if id == holdingTeamID {
                errors.add("toTeam", "This enquiry is already with \(Self.name(id, teamNames)): choose another team")
            } else {
                to = id
            }
        } else {
            errors.add("toTeam", "Select one of the council’s teams: the one given is not known")
        }
        let reason = TextRules.required(input.reason, field: "reason",
                                        label: "why this enquiry belongs with the other team", max: 1000, into: &errors)
        try errors.throwIfAny()
        var copy = self
        copy.handOffs.append(EnquiryHandOff(on: day, fromTeamID: holdingTeamID, toTeamID: to!, reason: reason))
        return copy
    }

    /// Answers and closes the enquiry. Returns the closed enquiry and the checked answer text.
    public func answering(_ text: String?, on day: Day, actingTeams: Set<UUID>,
                          teamNames: [UUID: String] = [:]) throws -> (enquiry: Enquiry, answer: String) {
        var errors = FieldErrorList()
        checkHolder(action: "answer it", on: day, actingTeams: actingTeams, teamNames: teamNames, into: &errors)
        let answer = TextRules.required(text, field: "answer", label: "the answer", max: 8000, into: &errors)
        try errors.throwIfAny()
        var copy = self
        copy.closure = .answered(on: day)
        return (copy, answer)
    }

    /// Closes the enquiry without an answer, at the partnership's request. Who may do this is a
    /// permission for the web layer (the partnership's members, not the council).
    public func withdrawing(on day: Day) throws -> Enquiry {
        var errors = FieldErrorList()
        checkOpenAndDated(on: day, into: &errors)
        try errors.throwIfAny()
        var copy = self
        copy.closure = .withdrawn(on: day)
        return copy
    }

    /// Whether someone working in these teams may answer or hand on the enquiry now.
    public func isHeld(byAnyOf actingTeams: Set<UUID>) -> Bool { isOpen && actingTeams.contains(holdingTeamID) }

    private func checkHolder(action: String, on day: Day, actingTeams: Set<UUID>, teamNames: [UUID: String],
                             into errors: inout FieldErrorList) {
        checkOpenAndDated(on: day, into: &errors)
        if isOpen && !isHeld(byAnyOf: actingTeams) {
            errors.add("enquiry", "This enquiry is with \(Self.name(holdingTeamID, teamNames)): only that team can \(action). Ask them to hand it to your team if it is yours to answer")
        }
    }

    private func checkOpenAndDated(on day: Day, into errors: inout FieldErrorList) {
        switch closure {
        case .answered(let d): errors.add("enquiry", "This enquiry was answered on \(d.readable) and is closed")
        case .withdrawn(let d): errors.add("enquiry", "This enquiry was withdrawn on \(d.readable) and is closed")
        case nil:
            if day < lastEventOn {
                errors.add("on", "Date must be on or after \(lastEventOn.readable), the last time this enquiry changed")
            }
        }
    }

    static func name(_ team: UUID, _ names: [UUID: String]) -> String {
        names[team] ?? "another team"
    }
}
