import FluentKit
import Foundation
import RebalanceCore

/// One round of the health check in one partnership, with the question set it used, so its
/// results are always scored against the statements people actually saw.
public final class HealthCheckRoundRecord: Model, @unchecked Sendable {
    public static let schema = "health_check_rounds"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "partnership_id") public var partnership: PartnershipRecord
    @Field(key: "question_set_id") public var questionSetID: String
    @Field(key: "question_set_version") public var questionSetVersion: Int
    @Field(key: "opens_on") public var opensOnRaw: String
    @Field(key: "closes_on") public var closesOnRaw: String
    @OptionalField(key: "closed_early_on") public var closedEarlyOnRaw: String?
    @Field(key: "opened_by") public var openedBy: String
    /// When the answer sheets were moved off the invitations into `health_check_answers`, with
    /// nothing linking them to a person; nil until the first look after the round closed.
    @OptionalField(key: "answers_detached_at") public var answersDetachedAt: Date?
    @Children(for: \.$round) public var invitations: [HealthCheckInvitationRecord]

    public init() {}

    public var core: HealthCheckRound {
        HealthCheckRound(questionSet: QuestionSetKey(id: questionSetID, version: questionSetVersion),
                         opensOn: Day(opensOnRaw) ?? Day(year: 2000, month: 1, day: 1)!,
                         closesOn: Day(closesOnRaw) ?? Day(year: 2000, month: 1, day: 1)!,
                         closedEarlyOn: closedEarlyOnRaw.flatMap(Day.init))
    }

    /// The installation's copy of the round's questionnaire; nil if it has been removed.
    public var questionSet: QuestionSet? {
        QuestionSet.builtIn.first { $0.id == questionSetID && $0.version == questionSetVersion }
    }

    func apply(_ round: HealthCheckRound) {
        questionSetID = round.questionSet.id
        questionSetVersion = round.questionSet.version
        opensOnRaw = round.opensOn.description
        closesOnRaw = round.closesOn.description
        closedEarlyOnRaw = round.closedEarlyOn?.description
    }
}

extension HealthCheckRoundRecord: Audited {
    public static let auditType = "health_check_round"
    public var auditLabel: String { "Health check opened \(opensOnRaw)" }
    public var auditFields: [String: String] {
        ["question_set": "\(questionSetID) v\(questionSetVersion)", "opens_on": opensOnRaw, "closes_on": closesOnRaw,
         "closed_early_on": closedEarlyOnRaw ?? ""]
    }
}

/// One invited person in one round, with the seat they answer from and, once they have
/// answered, their answer sheet. One row per person per round (a unique index), so nobody can
/// hold two answer sets: answering again replaces the sheet. Individual answers are not written
/// to the audit log and never leave the store except as aggregates.
public final class HealthCheckInvitationRecord: Model, @unchecked Sendable {
    public static let schema = "health_check_invitations"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "round_id") public var round: HealthCheckRoundRecord
    @Parent(key: "person_id") public var person: PersonRecord
    @Field(key: "role") public var roleRaw: String
    @OptionalField(key: "answers") public var answersJSON: String?
    @OptionalField(key: "answered_at") public var answeredAt: Date?

    public init() {}

    public var role: RespondentRole { RespondentRole(rawValue: roleRaw) ?? .councilStaff }
    /// Still true after the round closed and the sheet was detached: the roll of who answered
    /// stays, their answers do not.
    public var hasAnswered: Bool { answersJSON != nil || answeredAt != nil }

    public var sheet: AnswerSheet? {
        guard let data = answersJSON?.data(using: .utf8) else { return nil }
        return try? JSONDecoder().decode(AnswerSheet.self, from: data)
    }

    func store(_ sheet: AnswerSheet) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        answersJSON = String(decoding: try encoder.encode(sheet), as: UTF8.self)
        answeredAt = Date()
    }
}

/// One answer sheet of a closed round, with the seat it was answered from (the results group
/// by seat) and nothing else: no person, no time. Written when the round's sheets are detached
/// from their invitations, in order of content, so the order says nothing either.
public final class HealthCheckAnswerRecord: Model, @unchecked Sendable {
    public static let schema = "health_check_answers"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "round_id") public var round: HealthCheckRoundRecord
    @Field(key: "role") public var roleRaw: String
    @Field(key: "answers") public var answersJSON: String

    public init() {}

    public var response: HealthCheckResponse? {
        guard let sheet = try? JSONDecoder().decode(AnswerSheet.self, from: Data(answersJSON.utf8)) else { return nil }
        return HealthCheckResponse(role: RespondentRole(rawValue: roleRaw) ?? .councilStaff, sheet: sheet)
    }
}
