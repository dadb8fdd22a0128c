import Foundation

public struct PartnershipDraft: Sendable, Equatable {
    public var name: String
    public var description: String?
    public var ltoID: UUID?

    public struct Input: Sendable, Codable {
        public var name: String?
        public var description: String?
        public var lto: String?
        public init(name: String? = nil, description: String? = nil, lto: String? = nil) {
            self.name = name; self.description = description; self.lto = lto
        }
    }

    public static func validate(_ input: Input, knownLTOs: Set<UUID>) throws -> PartnershipDraft {
        var errors = FieldErrorList()
        let name = TextRules.required(input.name, field: "name", label: "the partnership's name", max: 120, into: &errors)
        if !name.isEmpty, Slug.make(from: name).isEmpty {
            errors.add("name", "Name must contain some letters or numbers")
        }
        let description = TextRules.optional(input.description, field: "description", label: "description", max: 4000, into: &errors)
        var lto: UUID?
        let ltoText = TextRules.trimmed(input.lto)
        if !ltoText.isEmpty {
            if let id = UUID(uuidString: ltoText), knownLTOs.contains(id) {
                lto = id
            } else {
                errors.add("lto", "Choose the LTO from the list: the one given is not an LTO we know")
            }
        }
        try errors.throwIfAny()
        return PartnershipDraft(name: name, description: description, ltoID: lto)
    }
}

public struct MembershipDraft: Sendable, Equatable {
    public var personID: UUID
    public var role: MembershipRole
    public var votes: Bool
    public var livesInArea: Bool
    public var startsOn: Day
    public var endsOn: Day?
    public var organisationID: UUID?

    public init(personID: UUID, role: MembershipRole, votes: Bool, livesInArea: Bool, startsOn: Day, endsOn: Day?, organisationID: UUID?) {
        self.personID = personID; self.role = role; self.votes = votes; self.livesInArea = livesInArea
        self.startsOn = startsOn; self.endsOn = endsOn; self.organisationID = organisationID
    }

    public struct Input: Sendable, Codable {
        public var person: String?
        public var role: String?
        public var votes: Bool?
        public var livesInArea: Bool?
        public var startsOn: String?
        public var endsOn: String?
        public var organisation: String?
        public init(person: String? = nil, role: String? = nil, votes: Bool? = nil, livesInArea: Bool? = nil,
                    startsOn: String? = nil, endsOn: String? = nil, organisation: String? = nil) {
            self.person = person; self.role = role; self.votes = votes; self.livesInArea = livesInArea
            self.startsOn = startsOn; self.endsOn = endsOn; self.organisation = organisation
        }
    }

    /// `personExists` answers whether an id names a registered person; `organisationExists` likewise;
    /// `worksForTheCouncil` whether a person is staff of one of the area's councils, which the
    /// council-officer seat requires (it carries the council's signature on the agreement).
    public static func validate(_ input: Input, today: Day,
                                personExists: (UUID) -> Bool,
                                organisationExists: (UUID) -> Bool,
                                worksForTheCouncil: (UUID) -> Bool) throws -> MembershipDraft {
        var errors = FieldErrorList()
        var person: UUID?
        let personText = TextRules.trimmed(input.person)
        if personText.isEmpty {
            errors.add("person", "Select the person who is joining")
        } else if let id = UUID(uuidString: personText), personExists(id) {
            person = id
        } else {
            errors.add("person", "Select a registered person: the one given is not known")
        }
        var role = MembershipRole.resident
        let roleText = TextRules.trimmed(input.role)
        if roleText.isEmpty {
            errors.add("role", "Select the member's role")
        } else if let r = MembershipRole(rawValue: roleText) {
            role = r
        } else {
            errors.add("role", "Role must be one of: \(MembershipRole.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let starts = DayRules.optional(input.startsOn, field: "startsOn", label: "Start date", into: &errors) ?? today
        let ends = DayRules.optional(input.endsOn, field: "endsOn", label: "End date", into: &errors)
        if let ends, ends < starts {
            errors.add("endsOn", "End date must be the same as or after the start date (\(starts.readable))")
        }
        var organisation: UUID?
        let orgText = TextRules.trimmed(input.organisation)
        if !orgText.isEmpty {
            if let id = UUID(uuidString: orgText), organisationExists(id) {
                organisation = id
            } else {
                errors.add("organisation", "Select an organisation from the list: the one given is not known")
            }
        }
        if role == .councilOfficer, let person, !worksForTheCouncil(person) {
            errors.add("role", "Only staff of this area's council can sit as council officer: the council adds them to its staff first")
        }
        try errors.throwIfAny()
        // A resident lives in the area by definition; for a chair it is what the composition check asks.
        let lives = role == .resident ? true : (input.livesInArea ?? (role == .chair))
        return MembershipDraft(personID: person!, role: role, votes: input.votes ?? role.votesByDefault,
                               livesInArea: lives, startsOn: starts, endsOn: ends, organisationID: organisation)
    }
}
