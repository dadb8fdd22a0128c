import Foundation

extension DecisionRules {
    /// The rules in plain sentences, one per line: shown in the agreement (so a diff between
    /// versions shows a changed rule), on every proposal, and in the API.
    public var summaryLines: [String] {
        var lines = [
            "Consensus proposals pass when no one blocks and \(consensusAgreement.words) of those who agree or disagree agree; abstaining is standing aside.",
            "Majority votes pass with \(majority.words) of the yes and no votes cast; abstentions are not votes cast.",
            "Consent proposals pass unless someone objects with a reason; silence counts as consent.",
            "Quorum for consensus and majority votes: \(quorumPhrase).",
        ]
        for topic in ProposalTopic.allCases {
            let roles = MembershipRole.allCases.filter { excludedRoles(for: topic).contains($0) }
            guard !roles.isEmpty else { continue }
            let names = DecisionWording.andList(roles.map(\.pluralPhrase))
            lines.append("\(names.prefix(1).uppercased() + names.dropFirst()) take no part in \(topic.phrase) proposals.")
        }
        return lines
    }

    /// "at least half of the members who can take part", "5 members", "none".
    public var quorumPhrase: String {
        switch quorum {
        case .none: return "none"
        case .share(let t): return "\(t.words) of the members who can take part"
        case .members(let n): return DecisionWording.count(n, "member")
        }
    }
}

extension MembershipRole {
    /// "councillors", "LTO representatives": the role in the middle of a sentence.
    public var pluralPhrase: String {
        self == .ltoRepresentative ? "LTO representatives" : label.lowercased() + "s"
    }
}
