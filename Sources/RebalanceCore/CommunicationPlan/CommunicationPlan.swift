import Foundation

/// Who a plan entry is about: a person, or an organisation as a whole (the LTO, a council team
/// inbox, a local group).
public enum StakeholderRef: Hashable, Sendable, Codable {
    case person(UUID)
    case organisation(UUID)

    /// `person:<uuid>` or `organisation:<uuid>`, the value a form's select sends.
    public var key: String {
        switch self {
        case .person(let id): return "person:\(id.uuidString.lowercased())"
        case .organisation(let id): return "organisation:\(id.uuidString.lowercased())"
        }
    }

    public init?(key: String) {
        let parts = key.trimmingCharacters(in: .whitespaces).split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let id = UUID(uuidString: parts[1]) else { return nil }
        switch parts[0] {
        case "person": self = .person(id)
        case "organisation": self = .organisation(id)
        default: return nil
        }
    }
}

/// One stakeholder in the communication plan: how closely they are kept in touch and how.
public struct CommunicationPlanEntry: Hashable, Sendable, Codable {
    public var stakeholder: StakeholderRef
    public var level: ContactLevel
    public var channel: ContactChannel
    /// Whether they speak for the council (officers, councillors, the council itself): the plan
    /// check wants a close contact on each side.
    public var speaksForCouncil: Bool
    public var email: String?
    public var postalAddress: String?
    public var phone: String?

    public init(stakeholder: StakeholderRef, level: ContactLevel, channel: ContactChannel, speaksForCouncil: Bool,
                email: String? = nil, postalAddress: String? = nil, phone: String? = nil) {
        self.stakeholder = stakeholder
        self.level = level
        self.channel = channel
        self.speaksForCouncil = speaksForCouncil
        self.email = email
        self.postalAddress = postalAddress
        self.phone = phone
    }

    public struct Input: Sendable, Codable {
        /// `person:<uuid>` or `organisation:<uuid>`.
        public var stakeholder: String?
        public var level: String?
        public var channel: String?
        public var email: String?
        public var postalAddress: String?
        public var phone: String?

        public init(stakeholder: String? = nil, level: String? = nil, channel: String? = nil,
                    email: String? = nil, postalAddress: String? = nil, phone: String? = nil) {
            self.stakeholder = stakeholder; self.level = level; self.channel = channel
            self.email = email; self.postalAddress = postalAddress; self.phone = phone
        }
    }

    /// Checks one entry. `speaksForCouncil` looks the stakeholder up: nil when no such person or
    /// organisation exists, otherwise whether they speak for the council.
    /// The detail the chosen channel needs is required; the others are optional but checked.
    public static func validate(_ input: Input, speaksForCouncil: (StakeholderRef) -> Bool?) throws -> CommunicationPlanEntry {
        var errors = FieldErrorList()
        var stakeholder: StakeholderRef?
        var council = false
        let ref = TextRules.trimmed(input.stakeholder)
        if ref.isEmpty {
            errors.add("stakeholder", "Select the person or organisation")
        } else if let s = StakeholderRef(key: ref), let isCouncil = speaksForCouncil(s) {
            stakeholder = s
            council = isCouncil
        } else {
            errors.add("stakeholder", "Select a person or organisation from the list: the one given is not known")
        }
        let level = choice(ContactLevel.self, input.level, field: "level", missing: "Select how closely to keep in touch", into: &errors)
        let channel = choice(ContactChannel.self, input.channel, field: "channel", missing: "Select how to get in touch", into: &errors)

        var email: String?
        if !TextRules.trimmed(input.email).isEmpty || channel == .email {
            if TextRules.trimmed(input.email).isEmpty {
                errors.add("email", "Enter an email address, or choose another way to get in touch")
            } else {
                email = EmailRules.normalised(input.email, field: "email", into: &errors)
            }
        }
        var address = TextRules.optional(input.postalAddress, field: "postalAddress", label: "postal address", max: 500, into: &errors)
        if address == nil && channel == .post {
            errors.add("postalAddress", "Enter a postal address, or choose another way to get in touch")
        }
        if let a = address, a.split(whereSeparator: \.isNewline).count < 2 && !a.contains(",") {
            errors.add("postalAddress", "Enter the full postal address, including the postcode")
            address = nil
        }
        var phone = TextRules.optional(input.phone, field: "phone", label: "phone number", max: 30, into: &errors)
        if phone == nil && channel == .phone {
            errors.add("phone", "Enter a phone number, or choose another way to get in touch")
        }
        if let p = phone {
            let digits = p.filter(\.isASCIIDigit)
            let allowed = p.allSatisfy { $0.isASCIIDigit || " +()-".contains($0) }
            if !allowed || !(10...15).contains(digits.count) {
                errors.add("phone", "Enter a phone number, like 01632 960 001 or +44 7700 900 982")
                phone = nil
            }
        }
        try errors.throwIfAny()
        return CommunicationPlanEntry(stakeholder: stakeholder!, level: level!, channel: channel!, speaksForCouncil: council,
                                      email: email, postalAddress: address, phone: phone)
    }

    static func choice<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ raw: String?, field: String, missing: String,
                                                           into errors: inout FieldErrorList) -> T? where T.RawValue == String {
        let text = TextRules.trimmed(raw)
        if text.isEmpty {
            errors.add(field, missing)
            return nil
        }
        guard let value = T(rawValue: text) else {
            errors.add(field, "\(field.prefix(1).uppercased() + field.dropFirst()) must be one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return value
    }
}

/// The partnership's agreed way of communicating: who is kept in touch how, and how often each
/// kind of meeting happens. A section of the agreement.
public struct CommunicationPlan: Hashable, Sendable, Codable {
    public private(set) var entries: [CommunicationPlanEntry]
    public private(set) var rhythms: [MeetingKind: MeetingRhythm]

    /// Checks the plan as a whole: each stakeholder appears once, and each rhythm is sound.
    /// Problems are keyed `entries[3].stakeholder` and `rhythms.partnership` so a page can
    /// point at the row.
    public init(entries: [CommunicationPlanEntry], rhythms: [MeetingKind: MeetingRhythm]) throws {
        var errors = FieldErrorList()
        var seen: Set<StakeholderRef> = []
        for (i, e) in entries.enumerated() {
            if !seen.insert(e.stakeholder).inserted {
                errors.add("entries[\(i)].stakeholder", "This person or organisation is already in the plan: change their existing entry instead")
            }
        }
        for kind in MeetingKind.allCases {
            guard let r = rhythms[kind] else { continue }
            if let problem = r.pattern.problems().first {
                errors.add("rhythms.\(kind.rawValue)", "\(kind.label): \(problem.message)")
            } else if !(1...MeetingSchedule.maximumDurationMinutes).contains(r.durationMinutes)
                        || r.startTime.minutesSinceMidnight + r.durationMinutes > 24 * 60 {
                errors.add("rhythms.\(kind.rawValue)", "\(kind.label): the meeting must end after it starts, on the same day")
            }
        }
        try errors.throwIfAny()
        self.entries = entries
        self.rhythms = rhythms
    }

    private enum CodingKeys: String, CodingKey { case entries, rhythms }

    /// Decoding goes through the same checks as `init(entries:rhythms:)`.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(entries: c.decode([CommunicationPlanEntry].self, forKey: .entries),
                      rhythms: c.decode([MeetingKind: MeetingRhythm].self, forKey: .rhythms))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(entries, forKey: .entries)
        try c.encode(rhythms, forKey: .rhythms)
    }

    public func entry(for stakeholder: StakeholderRef) -> CommunicationPlanEntry? {
        entries.first { $0.stakeholder == stakeholder }
    }

    public func entries(at level: ContactLevel) -> [CommunicationPlanEntry] {
        entries.filter { $0.level == level }
    }

    /// What the plan still lacks, worded as next steps; empty when it covers the essentials the
    /// report names: a close contact on each side, and a rhythm of partnership meetings and of
    /// meetings with the council (so communication does not happen only when something goes wrong).
    public var gaps: [String] {
        var out: [String] = []
        if !entries.contains(where: { $0.level == .close && $0.speaksForCouncil }) {
            out.append("Name at least one council officer or councillor as a close contact, so the council hears everything as it happens")
        }
        if !entries.contains(where: { $0.level == .close && !$0.speaksForCouncil }) {
            out.append("Name at least one close contact on the community side, such as the chair")
        }
        if rhythms[.partnership] == nil {
            out.append("Agree how often the partnership meets")
        }
        if rhythms[.councilLiaison] == nil {
            out.append("Agree a regular meeting with the council, so that good news is shared as well as problems")
        }
        return out
    }
}
