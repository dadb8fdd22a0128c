import Foundation

/// An area as typed into the form or API: a neighbourhood with its own partnership.
public struct AreaDraft: Sendable, Equatable {
    public var name: String
    public var description: String?
    public var populationEstimate: Int?
    public var councilIDs: [UUID]

    public init(name: String, description: String?, populationEstimate: Int?, councilIDs: [UUID]) {
        self.name = name; self.description = description
        self.populationEstimate = populationEstimate; self.councilIDs = councilIDs
    }

    public struct Input: Sendable, Codable {
        public var name: String?
        public var description: String?
        public var populationEstimate: String?
        public var councils: [String]?
        public init(name: String? = nil, description: String? = nil, populationEstimate: String? = nil, councils: [String]? = nil) {
            self.name = name; self.description = description
            self.populationEstimate = populationEstimate; self.councils = councils
        }
    }

    /// `knownCouncils` are the ids of organisations that really are councils.
    public static func validate(_ input: Input, knownCouncils: Set<UUID>) throws -> AreaDraft {
        var errors = FieldErrorList()
        let name = TextRules.required(input.name, field: "name", label: "the area's name", max: 120, into: &errors)
        if !name.isEmpty, Slug.make(from: name).isEmpty {
            errors.add("name", "Name must contain some letters or numbers")
        }
        let description = TextRules.optional(input.description, field: "description", label: "description", max: 4000, into: &errors)
        var population: Int?
        let popText = TextRules.trimmed(input.populationEstimate).replacingOccurrences(of: ",", with: "")
        if !popText.isEmpty {
            if let p = Int(popText), p >= 0, p <= 10_000_000 {
                population = p
            } else {
                errors.add("populationEstimate", "Population estimate must be a whole number between 0 and 10,000,000")
            }
        }
        var councils: [UUID] = []
        for raw in input.councils ?? [] where !TextRules.trimmed(raw).isEmpty {
            guard let id = UUID(uuidString: TextRules.trimmed(raw)), knownCouncils.contains(id) else {
                errors.add("councils", "Choose councils from the list: one of those given is not a council we know")
                continue
            }
            if !councils.contains(id) { councils.append(id) }
        }
        if councils.isEmpty, !errors.errors.contains(where: { $0.field == "councils" }) {
            errors.add("councils", "Select at least one council for this area")
        }
        try errors.throwIfAny()
        return AreaDraft(name: name, description: description, populationEstimate: population, councilIDs: councils)
    }
}
