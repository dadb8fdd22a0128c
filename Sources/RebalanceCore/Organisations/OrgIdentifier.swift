/// An org-id style identifier (`GB-CHC-1145268`): a registry prefix and the organisation's
/// number in that registry, so records can be joined with 360Giving and other open data.
public struct OrgIdentifier: Hashable, Sendable, Codable, CustomStringConvertible {
    public let prefix: String
    public let value: String

    public var description: String { "\(prefix)-\(value)" }

    /// The UK registers we accept, with the shape of a number in each.
    public struct Registry: Sendable {
        public let prefix: String
        public let name: String
        public let example: String
        let shape: @Sendable (String) -> Bool
    }

    static func digits(_ range: ClosedRange<Int>) -> @Sendable (String) -> Bool {
        { s in range.contains(s.count) && s.allSatisfy(\.isASCIIDigit) }
    }

    static func letters(_ range: ClosedRange<Int>) -> @Sendable (String) -> Bool {
        { s in range.contains(s.count) && s.allSatisfy(\.isASCIIUppercase) }
    }

    public static let registries: [Registry] = [
        Registry(prefix: "GB-CHC", name: "Charity Commission for England and Wales", example: "GB-CHC-1145268",
                 shape: digits(6...7)),
        Registry(prefix: "GB-SC", name: "Scottish Charity Regulator", example: "GB-SC-SC012345",
                 shape: { s in s.count == 8 && s.hasPrefix("SC") && s.dropFirst(2).allSatisfy(\.isASCIIDigit) }),
        Registry(prefix: "GB-NIC", name: "Charity Commission for Northern Ireland", example: "GB-NIC-100502",
                 shape: digits(6...6)),
        // Companies House numbers: eight digits, or two letters (SC, NI, OC, IP...) and six digits.
        Registry(prefix: "GB-COH", name: "Companies House", example: "GB-COH-09506232",
                 shape: { s in
                     s.count == 8 && (s.allSatisfy(\.isASCIIDigit)
                        || (s.prefix(2).allSatisfy { $0.isASCIIUppercase || $0.isASCIIDigit }
                            && s.dropFirst(2).allSatisfy(\.isASCIIDigit)))
                 }),
        Registry(prefix: "GB-LAE", name: "Local authorities in England", example: "GB-LAE-MAN", shape: letters(3...4)),
        Registry(prefix: "GB-LAS", name: "Local authorities in Scotland", example: "GB-LAS-EDH", shape: letters(3...4)),
        Registry(prefix: "GB-PLA", name: "Principal local authorities in Wales", example: "GB-PLA-CRF", shape: letters(3...4)),
        Registry(prefix: "GB-LANI", name: "Local authorities in Northern Ireland", example: "GB-LANI-BEL", shape: letters(3...4)),
        Registry(prefix: "GB-EDU", name: "Schools (Get Information about Schools URN)", example: "GB-EDU-100000",
                 shape: digits(6...6)),
        Registry(prefix: "GB-MPR", name: "Mutuals Public Register", example: "GB-MPR-12345R",
                 shape: { s in (3...10).contains(s.count) && s.allSatisfy { $0.isASCIIDigit || $0.isASCIIUppercase } }),
    ]

    public enum Problem: Error, Equatable, Sendable {
        case unknownPrefix
        case badShape(example: String, registry: String)

        public var message: String {
            switch self {
            case .unknownPrefix:
                let known = OrgIdentifier.registries.map(\.prefix).joined(separator: ", ")
                return "Identifier must start with a known register prefix (\(known)), like GB-CHC-1145268"
            case .badShape(let example, let registry):
                return "Identifier is not a valid \(registry) number: it should look like \(example)"
            }
        }
    }

    /// Parses an identifier, accepting lower case and stray spaces.
    public static func parse(_ raw: String) -> Result<OrgIdentifier, Problem> {
        let text = raw.uppercased().filter { !$0.isWhitespace }
        // Longest prefix first, so GB-LANI is not read as an unknown GB-LA... prefix.
        for registry in registries.sorted(by: { $0.prefix.count > $1.prefix.count }) {
            let head = registry.prefix + "-"
            if text.hasPrefix(head) {
                let value = String(text.dropFirst(head.count))
                guard registry.shape(value) else {
                    return .failure(.badShape(example: registry.example, registry: registry.name))
                }
                return .success(OrgIdentifier(prefix: registry.prefix, value: value))
            }
        }
        return .failure(.unknownPrefix)
    }

    public init(prefix: String, value: String) {
        self.prefix = prefix
        self.value = value
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        switch OrgIdentifier.parse(text) {
        case .success(let id): self = id
        case .failure(let problem):
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: problem.message))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
    var isASCIIUppercase: Bool { ("A"..."Z").contains(self) }
}
