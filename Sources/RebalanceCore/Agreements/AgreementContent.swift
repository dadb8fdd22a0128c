import Foundation

/// Whether a fixed item is fixed by law or only by how an organisation has always worked.
/// The difference matters: a habit can be challenged, a legal duty cannot.
public enum FixedBasis: String, CaseIterable, Codable, Sendable {
    case legalDuty = "legal_duty"
    case habit = "organisational_habit"

    public var label: String { self == .legalDuty ? "Legal duty" : "Organisational habit" }
}

public struct FixedItem: Hashable, Codable, Sendable {
    public var text: String
    public var basis: FixedBasis
    public init(_ text: String, _ basis: FixedBasis) { self.text = text; self.basis = basis }
}

/// The words of one version of a partnership agreement, section by section (principles 1
/// and 2 of the report: aims, roles, mutual priorities, what is fixed and what is negotiable).
public struct AgreementContent: Hashable, Codable, Sendable {
    /// What each partner is trying to achieve.
    public var aims: String
    /// Roles and responsibilities of the partnership, council teams, councillors, the LTO, the rep.
    public var roles: String
    public var priorities: String
    public var fixedItems: [FixedItem]
    /// One negotiable item per entry.
    public var negotiable: [String]
    /// Liabilities and way of working: due diligence, data protection, insurance.
    public var liabilities: String
    public var decisionMaking: String
    /// The thresholds, quorum and exclusions proposals are decided by. Nil in versions written
    /// before the rules could be set; proposals then use `DecisionRules.bigLocalDefault`.
    public var decisionRules: DecisionRules?
    public var reviewOn: Day?

    public init(aims: String, roles: String, priorities: String, fixedItems: [FixedItem], negotiable: [String],
                liabilities: String, decisionMaking: String, decisionRules: DecisionRules? = nil, reviewOn: Day?) {
        self.aims = aims; self.roles = roles; self.priorities = priorities; self.fixedItems = fixedItems
        self.negotiable = negotiable; self.liabilities = liabilities; self.decisionMaking = decisionMaking
        self.decisionRules = decisionRules; self.reviewOn = reviewOn
    }

    /// The rules proposals opened under this version follow.
    public var rulesInEffect: DecisionRules { decisionRules ?? .bigLocalDefault }

    public static let empty = AgreementContent(aims: "", roles: "", priorities: "", fixedItems: [], negotiable: [],
                                               liabilities: "", decisionMaking: "", reviewOn: nil)

    /// The sections in reading order, each as lines of text: what pages show and what diffs compare.
    public var sections: [(section: AgreementSection, lines: [String])] {
        AgreementSection.allCases.map { ($0, lines(of: $0)) }
    }

    public func lines(of section: AgreementSection) -> [String] {
        func split(_ text: String) -> [String] {
            text.split(separator: "\n", omittingEmptySubsequences: true)
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        switch section {
        case .aims: return split(aims)
        case .roles: return split(roles)
        case .priorities: return split(priorities)
        case .fixedLegal: return fixedItems.filter { $0.basis == .legalDuty }.map(\.text)
        case .fixedHabit: return fixedItems.filter { $0.basis == .habit }.map(\.text)
        case .negotiable: return negotiable
        case .liabilities: return split(liabilities)
        case .decisionMaking: return split(decisionMaking) + (decisionRules?.summaryLines ?? [])
        case .review: return reviewOn.map { ["Review by \($0.readable)"] } ?? []
        }
    }
}

public enum AgreementSection: String, CaseIterable, Codable, Sendable {
    case aims, roles, priorities
    case fixedLegal = "fixed_legal"
    case fixedHabit = "fixed_habit"
    case negotiable, liabilities
    case decisionMaking = "decision_making"
    case review

    public var title: String {
        switch self {
        case .aims: return "What each partner is trying to achieve"
        case .roles: return "Roles and responsibilities"
        case .priorities: return "Mutual priorities"
        case .fixedLegal: return "Fixed: legal duties"
        case .fixedHabit: return "Fixed: organisational habits (open to challenge)"
        case .negotiable: return "Negotiable"
        case .liabilities: return "Liabilities and way of working"
        case .decisionMaking: return "How decisions are made"
        case .review: return "Review date"
        }
    }
}

/// A proposed new version: the content plus a note of what changed and the council officer
/// who will sign it off for the council.
public struct AgreementDraft: Sendable, Equatable {
    public var content: AgreementContent
    public var changeSummary: String
    public var councilOfficerID: UUID

    public struct Input: Sendable, Codable {
        public var aims: String?
        public var roles: String?
        public var priorities: String?
        /// One legal duty per line.
        public var fixedLegal: String?
        /// One organisational habit per line.
        public var fixedHabit: String?
        /// One negotiable item per line.
        public var negotiable: String?
        public var liabilities: String?
        public var decisionMaking: String?
        /// The decision rules; nil (or every part blank) keeps the Big Local defaults unwritten.
        public var decisionRules: DecisionRules.Input?
        public var reviewOn: String?
        public var changeSummary: String?
        public var councilOfficer: String?
        public init(aims: String? = nil, roles: String? = nil, priorities: String? = nil, fixedLegal: String? = nil,
                    fixedHabit: String? = nil, negotiable: String? = nil, liabilities: String? = nil,
                    decisionMaking: String? = nil, decisionRules: DecisionRules.Input? = nil, reviewOn: String? = nil,
                    changeSummary: String? = nil, councilOfficer: String? = nil) {
            self.aims = aims; self.roles = roles; self.priorities = priorities; self.fixedLegal = fixedLegal
            self.fixedHabit = fixedHabit; self.negotiable = negotiable; self.liabilities = liabilities
            self.decisionMaking = decisionMaking; self.decisionRules = decisionRules; self.reviewOn = reviewOn
            self.changeSummary = changeSummary; self.councilOfficer = councilOfficer
        }

        /// The input that would save `c` again.
        public init(_ c: AgreementContent, changeSummary: String? = nil, councilOfficer: UUID? = nil) {
            self.init(aims: c.aims, roles: c.roles, priorities: c.priorities,
                      fixedLegal: c.lines(of: .fixedLegal).joined(separator: "\n"),
                      fixedHabit: c.lines(of: .fixedHabit).joined(separator: "\n"),
                      negotiable: c.negotiable.joined(separator: "\n"), liabilities: c.liabilities,
                      decisionMaking: c.decisionMaking, decisionRules: c.decisionRules.map(DecisionRules.Input.init),
                      reviewOn: c.reviewOn?.description, changeSummary: changeSummary, councilOfficer: councilOfficer?.uuidString)
        }
    }

    /// `officers` are the people who may sign for the area's council.
    public static func validate(_ input: Input, today: Day, officers: Set<UUID>) throws -> AgreementDraft {
        var errors = FieldErrorList()
        let aims = TextRules.required(input.aims, field: "aims", label: "what each partner is trying to achieve", max: 8000, into: &errors)
        let roles = TextRules.required(input.roles, field: "roles", label: "roles and responsibilities", max: 8000, into: &errors)
        let priorities = TextRules.required(input.priorities, field: "priorities", label: "mutual priorities", max: 8000, into: &errors)
        func items(_ raw: String?, field: String, label: String) -> [String] {
            let lines = TextRules.trimmed(raw).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if lines.contains(where: { $0.count > 500 }) { errors.add(field, "Each \(label) must be 500 characters or fewer") }
            return lines
        }
        let legal = items(input.fixedLegal, field: "fixedLegal", label: "legal duty")
        let habits = items(input.fixedHabit, field: "fixedHabit", label: "organisational habit")
        let negotiable = items(input.negotiable, field: "negotiable", label: "negotiable item")
        let liabilities = TextRules.required(input.liabilities, field: "liabilities", label: "liabilities and way of working", max: 8000, into: &errors)
        let decisions = TextRules.required(input.decisionMaking, field: "decisionMaking", label: "how decisions are made", max: 8000, into: &errors)
        let review = DayRules.required(input.reviewOn, field: "reviewOn", label: "Review date", into: &errors)
        if let review, review <= today { errors.add("reviewOn", "Review date must be in the future") }
        var rules: DecisionRules?
        if let rulesInput = input.decisionRules, !rulesInput.isBlank {
            do {
                rules = try DecisionRules.validate(rulesInput)
            } catch let failure as ValidationFailure {
                for e in failure.errors { errors.add(e.field, e.message) }
            }
        }
        let summary = TextRules.required(input.changeSummary, field: "changeSummary", label: "what this version changes", max: 1000, into: &errors)
        var officer: UUID?
        let officerText = TextRules.trimmed(input.councilOfficer)
        if officerText.isEmpty {
            errors.add("councilOfficer", "Select the council officer who will sign for the council")
        } else if let id = UUID(uuidString: officerText), officers.contains(id) {
            officer = id
        } else {
            errors.add("councilOfficer", "Select a council officer from the list: the one given cannot sign for this area's council")
        }
        try errors.throwIfAny()
        let content = AgreementContent(aims: aims, roles: roles, priorities: priorities,
                                       fixedItems: legal.map { FixedItem($0, .legalDuty) } + habits.map { FixedItem($0, .habit) },
                                       negotiable: negotiable, liabilities: liabilities, decisionMaking: decisions,
                                       decisionRules: rules, reviewOn: review)
        return AgreementDraft(content: content, changeSummary: summary, councilOfficerID: officer!)
    }
}
