import Foundation

/// How a partnership decides, as written in its agreement. A proposal copies the rules in force
/// when it opens (`Proposal.rules`), so changing the agreement later never changes a decision
/// already under way or already made.
///
/// Shares are counted like this (docs/decisions/0012-decision-rules.md gives the reasons):
/// - consensus agreement: agree positions out of agree + disagree; abstentions stand aside;
/// - majority: yes votes out of yes + no; abstentions are not votes cast;
/// - quorum: everyone who recorded a position, abstainers included, against the members who
///   could take part (eligible for the topic and not recused). Consent has no quorum.
public struct DecisionRules: Hashable, Sendable, Codable {
    /// The share of agree positions (out of agree + disagree) a consensus proposal needs, once
    /// no one blocks.
    public let consensusAgreement: DecisionThreshold
    /// The share of yes votes (out of yes + no) a majority vote needs.
    public let majority: DecisionThreshold
    /// Who must take part for consensus and majority votes to count.
    public let quorum: DecisionQuorum
    /// Roles that take no part in proposals on a topic (they may still speak to them).
    public let excludedRoles: [ProposalTopic: Set<MembershipRole>]

    /// Throws `ValidationFailure` when the rules could not work: a threshold a minority could
    /// meet, a quorum of no one, or residents excluded from their own partnership's decisions.
    public init(consensusAgreement: DecisionThreshold, majority: DecisionThreshold,
                quorum: DecisionQuorum, excludedRoles: [ProposalTopic: Set<MembershipRole>] = [:]) throws {
        var errors = FieldErrorList()
        Self.check(consensusAgreement, field: "consensusAgreement", label: "Consensus agreement", into: &errors)
        Self.check(majority, field: "majority", label: "Majority", into: &errors)
        Self.check(quorum, into: &errors)
        Self.check(excludedRoles, into: &errors)
        try errors.throwIfAny()
        self.consensusAgreement = consensusAgreement
        self.majority = majority
        self.quorum = quorum
        self.excludedRoles = excludedRoles.filter { !$0.value.isEmpty }
    }

    /// A starting point for a Big Local partnership, to be changed in its agreement:
    /// - consensus passes with no block and at least three quarters of those taking a side agreeing
    ///   (a clear majority short of unanimity, so one unconvinced member disagrees rather than
    ///   blocking when they can live with the decision);
    /// - a majority vote needs more than half of the votes cast;
    /// - at least half of the members who could take part must do so;
    /// - council-side roles (councillors and council officers) take no part in funding decisions,
    ///   so residents have the final say over the area's money, as some partnerships in the
    ///   report chose.
    public static let bigLocalDefault = try! DecisionRules(
        consensusAgreement: .threeQuarters,
        majority: .simpleMajority,
        quorum: .share(.atLeast(.half)!),
        excludedRoles: [.funding: [.councillor, .councilOfficer]])

    /// The roles kept out of proposals on `topic`.
    public func excludedRoles(for topic: ProposalTopic) -> Set<MembershipRole> {
        excludedRoles[topic] ?? []
    }

    // MARK: - Form and API input

    /// What a person types into the decision-rules section of the agreement form or sends to
    /// the API. Thresholds read like `more than 1/2`, `at least 2/3`, `3/4` or `75%`; the quorum
    /// like `none`, `5` (members) or `1/2` (a share).
    public struct Input: Sendable, Codable, Equatable {
        public var consensusAgreement: String?
        public var majority: String?
        public var quorum: String?
        /// Topic (`funding`) to the roles it excludes (`["councillor"]`).
        public var excludedRoles: [String: [String]]?

        public init(consensusAgreement: String? = nil, majority: String? = nil, quorum: String? = nil,
                    excludedRoles: [String: [String]]? = nil) {
            self.consensusAgreement = consensusAgreement
            self.majority = majority
            self.quorum = quorum
            self.excludedRoles = excludedRoles
        }

        /// Nothing typed in any part.
        public var isBlank: Bool {
            [consensusAgreement, majority, quorum].allSatisfy { TextRules.trimmed($0).isEmpty }
                && (excludedRoles ?? [:]).values.allSatisfy(\.isEmpty)
        }

        /// The input that validates back to `rules`, for filling in a form.
        public init(_ rules: DecisionRules) {
            consensusAgreement = rules.consensusAgreement.description
            majority = rules.majority.description
            quorum = rules.quorum.description
            excludedRoles = Dictionary(uniqueKeysWithValues: rules.excludedRoles.map { topic, roles in
                (topic.rawValue, MembershipRole.allCases.filter(roles.contains).map(\.rawValue))
            })
        }
    }

    /// Checks every field and reports every problem at once.
    public static func validate(_ input: Input) throws -> DecisionRules {
        var errors = FieldErrorList()
        let consensus = parseThreshold(input.consensusAgreement, field: "consensusAgreement",
                                       label: "the share of positions that must agree", into: &errors)
        let majority = parseThreshold(input.majority, field: "majority",
                                      label: "the share of votes a majority vote needs", into: &errors)
        var quorum: DecisionQuorum?
        let quorumText = TextRules.trimmed(input.quorum)
        if quorumText.isEmpty {
            errors.add("quorum", "Enter the quorum: a number of members like 5, a share like 1/2 or 50%, or none")
        } else if let q = DecisionQuorum(parsing: quorumText) {
            quorum = q
        } else {
            errors.add("quorum", "Quorum must be a number of members like 5, a share like 1/2 or 50%, or none")
        }
        var excluded: [ProposalTopic: Set<MembershipRole>] = [:]
        for (topicText, roleTexts) in (input.excludedRoles ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let topic = ProposalTopic(rawValue: topicText.trimmingCharacters(in: .whitespaces)) else {
                errors.add("excludedRoles", "Topic must be one of: \(ProposalTopic.allCases.map(\.rawValue).joined(separator: ", ")) (got \"\(topicText)\")")
                continue
            }
            for roleText in roleTexts {
                guard let role = MembershipRole(rawValue: roleText.trimmingCharacters(in: .whitespaces)) else {
                    errors.add("excludedRoles", "Role must be one of: \(MembershipRole.allCases.map(\.rawValue).joined(separator: ", ")) (got \"\(roleText)\")")
                    continue
                }
                excluded[topic, default: []].insert(role)
            }
        }
        var rules: DecisionRules?
        if let consensus, let majority, let quorum, errors.isEmpty {
            do {
                rules = try DecisionRules(consensusAgreement: consensus, majority: majority, quorum: quorum, excludedRoles: excluded)
            } catch let failure as ValidationFailure {
                for error in failure.errors { errors.add(error.field, error.message) }
            }
        } else {
            // Still report the problems the readable fields have on their own.
            if let consensus { check(consensus, field: "consensusAgreement", label: "Consensus agreement", into: &errors) }
            if let majority { check(majority, field: "majority", label: "Majority", into: &errors) }
            if let quorum { check(quorum, into: &errors) }
            check(excluded, into: &errors)
        }
        try errors.throwIfAny()
        // No errors means the first branch ran and built the rules.
        return rules!
    }

    private static func parseThreshold(_ raw: String?, field: String, label: String,
                                       into errors: inout FieldErrorList) -> DecisionThreshold? {
        let text = TextRules.trimmed(raw)
        if text.isEmpty {
            errors.add(field, "Enter \(label), like more than 1/2 or at least 3/4")
            return nil
        }
        guard let threshold = DecisionThreshold(parsing: text) else {
            errors.add(field, "\(label.prefix(1).uppercased() + label.dropFirst()) must be written like more than 1/2, at least 2/3 or 75%")
            return nil
        }
        return threshold
    }

    /// A threshold of half or less would let a proposal and its opposite both pass.
    private static func check(_ threshold: DecisionThreshold, field: String, label: String,
                              into errors: inout FieldErrorList) {
        if !threshold.isMet(by: 1, of: 2) { return }
        errors.add(field, "\(label) must be more than half or higher, like more than 1/2 or at least 2/3 (\(threshold.words) would let a tie pass)")
    }

    private static func check(_ quorum: DecisionQuorum, into errors: inout FieldErrorList) {
        if case .members(let n) = quorum, n < 1 {
            errors.add("quorum", "Quorum must be at least 1 member, or none")
        }
    }

    private static func check(_ excluded: [ProposalTopic: Set<MembershipRole>], into errors: inout FieldErrorList) {
        for topic in ProposalTopic.allCases where excluded[topic]?.contains(.resident) == true {
            errors.add("excludedRoles", "Residents cannot be excluded from \(topic.phrase) proposals: the partnership is resident-led")
        }
    }

    // MARK: - Storage

    private enum CodingKeys: String, CodingKey { case consensusAgreement, majority, quorum, excludedRoles }

    /// Stored rules are checked again when read, so a hand-edited agreement cannot smuggle in a
    /// rule the form would refuse.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let raw = try c.decodeIfPresent([String: [MembershipRole]].self, forKey: .excludedRoles) ?? [:]
        var excluded: [ProposalTopic: Set<MembershipRole>] = [:]
        for (key, roles) in raw {
            guard let topic = ProposalTopic(rawValue: key) else {
                throw DecodingError.dataCorruptedError(forKey: .excludedRoles, in: c, debugDescription: "Unknown proposal topic \(key)")
            }
            excluded[topic] = Set(roles)
        }
        do {
            try self.init(consensusAgreement: try c.decode(DecisionThreshold.self, forKey: .consensusAgreement),
                          majority: try c.decode(DecisionThreshold.self, forKey: .majority),
                          quorum: try c.decode(DecisionQuorum.self, forKey: .quorum),
                          excludedRoles: excluded)
        } catch let failure as ValidationFailure {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: failure.errors.map(\.message).joined(separator: "; ")))
        }
    }

    /// Roles are written in a fixed order so the stored agreement only changes when the rules do.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(consensusAgreement, forKey: .consensusAgreement)
        try c.encode(majority, forKey: .majority)
        try c.encode(quorum, forKey: .quorum)
        var roles = c.nestedContainer(keyedBy: TopicKey.self, forKey: .excludedRoles)
        for topic in ProposalTopic.allCases {
            guard let excluded = excludedRoles[topic], !excluded.isEmpty else { continue }
            try roles.encode(MembershipRole.allCases.filter(excluded.contains), forKey: TopicKey(stringValue: topic.rawValue))
        }
    }

    private struct TopicKey: CodingKey {
        var stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }
}
