/// What a person typed to create or edit an organisation, checked before anything is stored.
public struct OrganisationDraft: Sendable, Equatable {
    public var name: String
    public var kind: OrganisationKind
    public var identifier: OrgIdentifier?
    public var description: String?
    public var website: String?
    /// Holds partnerships' money as a locally trusted organisation: always so for an LTO, and
    /// possible for a charity, a council or another body that also does that job.
    public var holdsMoney: Bool

    public init(name: String, kind: OrganisationKind, identifier: OrgIdentifier?, description: String?, website: String?,
                holdsMoney: Bool = false) {
        self.name = name; self.kind = kind; self.identifier = identifier
        self.description = description; self.website = website; self.holdsMoney = holdsMoney || kind == .lto
    }

    /// The kinds whose permission adding or changing to this draft needs: acting as an LTO is
    /// guarded like being one.
    public var guardedKinds: [OrganisationKind] { holdsMoney && kind != .lto ? [kind, .lto] : [kind] }

    public struct Input: Sendable, Codable {
        public var name: String?
        public var kind: String?
        public var identifier: String?
        public var description: String?
        public var website: String?
        public var holdsMoney: Bool?
        public init(name: String? = nil, kind: String? = nil, identifier: String? = nil,
                    description: String? = nil, website: String? = nil, holdsMoney: Bool? = nil) {
            self.name = name; self.kind = kind; self.identifier = identifier
            self.description = description; self.website = website; self.holdsMoney = holdsMoney
        }
    }

    public static func validate(_ input: Input) throws -> OrganisationDraft {
        var errors = FieldErrorList()
        let name = TextRules.required(input.name, field: "name", label: "the organisation's name", max: 120, into: &errors)
        var kind = OrganisationKind.communityGroup
        let kindText = TextRules.trimmed(input.kind)
        if kindText.isEmpty {
            errors.add("kind", "Select what kind of organisation this is")
        } else if let k = OrganisationKind(rawValue: kindText) {
            kind = k
        } else {
            errors.add("kind", "Kind must be one of: \(OrganisationKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var identifier: OrgIdentifier?
        let idText = TextRules.trimmed(input.identifier)
        if !idText.isEmpty {
            switch OrgIdentifier.parse(idText) {
            case .success(let id): identifier = id
            case .failure(let problem): errors.add("identifier", problem.message)
            }
        }
        let description = TextRules.optional(input.description, field: "description", label: "description", max: 4000, into: &errors)
        let website = TextRules.optional(input.website, field: "website", label: "website", max: 300, into: &errors)
        if let website, !(website.hasPrefix("https://") || website.hasPrefix("http://")) || website.contains(" ") {
            errors.add("website", "Website must be a full web address starting with https://")
        }
        try errors.throwIfAny()
        return OrganisationDraft(name: name, kind: kind, identifier: identifier, description: description, website: website,
                                 holdsMoney: input.holdsMoney ?? false)
    }
}

/// A team inside a council (Neighbourhoods, Parks...), to which commitments and enquiries go.
public struct TeamDraft: Sendable, Equatable {
    public var name: String
    public var remit: String?

    public init(name: String, remit: String?) { self.name = name; self.remit = remit }

    public static func validate(name: String?, remit: String?) throws -> TeamDraft {
        var errors = FieldErrorList()
        let n = TextRules.required(name, field: "name", label: "the team's name", max: 120, into: &errors)
        let r = TextRules.optional(remit, field: "remit", label: "remit", max: 2000, into: &errors)
        try errors.throwIfAny()
        return TeamDraft(name: n, remit: r)
    }
}
