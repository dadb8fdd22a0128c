import FluentKit
import Foundation
import RebalanceCore

/// Everything the site holds about one person, for them to download (UK GDPR articles 15 and
/// 20), ADR 0020. Other people appear only by the names needed to make sense of an item (a
/// partnership, a poll's title); anonymous ballots never, since nothing links them to anyone.
public struct PersonalData: Encodable, Sendable {
    public struct Account: Encodable, Sendable {
        public let id: UUID, name: String, email: String, isAdministrator: Bool, createdAt: Date?
        /// An address asked for and not yet confirmed; when an administrator disabled the account.
        public let pendingEmail: String?, disabledAt: Date?
    }
    public struct NotificationPreferences: Encodable, Sendable { public let noEmailAtAll: Bool }
    public struct Membership: Encodable, Sendable {
        public let partnership: String, partnershipSlug: String, role: String, votes: Bool, livesInArea: Bool
        public let startsOn: String, endsOn: String?
    }
    public struct StaffRole: Encodable, Sendable { public let organisation: String, team: String?, jobTitle: String }
    public struct Commitment: Encodable, Sendable {
        public let id: UUID, partnership: String, title: String, promisedTo: String, state: String, dueOn: String
    }
    public struct Position: Encodable, Sendable {
        public let proposal: String, position: String, reason: String?, at: Date
    }
    public struct Interest: Encodable, Sendable { public let proposal: String, interest: String, declaredAt: Date }
    public struct NamedVote: Encodable, Sendable { public let poll: String, ballot: String, castAt: Date }
    public struct HealthCheckInvitation: Encodable, Sendable {
        public let partnership: String, opensOn: String, closesOn: String, seat: String, answered: Bool
        /// Nil once the round has closed: the answers were then kept without a link to anyone.
        public let answers: AnswerSheet?
    }
    public struct Enquiry: Encodable, Sendable {
        public let id: UUID, partnership: String, title: String, question: String, receivedOn: String, state: String, answer: String?
    }
    public struct Meeting: Encodable, Sendable { public let partnership: String, meeting: String, day: String, status: String }
    public struct JoinRequest: Encodable, Sendable {
        public let partnership: String, kind: String, message: String?, state: String, reply: String?, askedAt: Date
    }
    public struct Token: Encodable, Sendable { public let name: String, createdAt: Date?, lastUsedAt: Date? }
    public struct Mail: Encodable, Sendable {
        public let subject: String, text: String, status: String, queuedAt: Date, sentAt: Date?
    }
    public struct Change: Encodable, Sendable {
        public let at: Date, action: String, recordType: String, record: String
        /// Which fields changed, not their values: those can be other people's details.
        public let fields: [String]
    }

    public let exportedAt: Date
    public let account: Account
    public let notificationPreferences: NotificationPreferences
    public let memberships: [Membership]
    public let staffRoles: [StaffRole]
    public let commitmentsOwned: [Commitment]
    public let positions: [Position]
    public let interestsDeclared: [Interest]
    public let namedPollVotes: [NamedVote]
    /// Titles of anonymous polls the person voted in; how they voted is not kept anywhere.
    public let anonymousPollsVotedIn: [String]
    public let healthCheckInvitations: [HealthCheckInvitation]
    public let enquiriesRaised: [Enquiry]
    public let meetings: [Meeting]
    public let joinRequests: [JoinRequest]
    public let apiTokens: [Token]
    public let mailSent: [Mail]
    public let changesMade: [Change]

    public static func collect(for personID: UUID, now: Date = Date(), on db: any Database) async throws -> PersonalData {
        guard let person = try await PersonRecord.find(personID, on: db) else { throw NotFound("person") }
        let partnerships = Dictionary(try await PartnershipRecord.query(on: db).all().map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        func name(_ id: UUID) -> String { partnerships[id]?.name ?? "" }

        let memberships = try await MembershipRecord.query(on: db).filter(\.$person.$id == personID).all()
        let staff = try await StaffRecord.query(on: db).filter(\.$person.$id == personID).with(\.$organisation).with(\.$team).all()
        let commitments = try await CommitmentRecord.query(on: db).filter(\.$ownerID == personID).all()
        let positions = try await ProposalPositionRecord.query(on: db).filter(\.$personID == personID).with(\.$proposal).all()
        let interests = try await ProposalRecusalRecord.query(on: db).filter(\.$personID == personID).with(\.$proposal).all()
        let ballots = try await PollBallotRecord.query(on: db).filter(\.$voterID == personID).with(\.$poll).all()
        let voted = try await PollVoterRecord.query(on: db).filter(\.$personID == personID).with(\.$poll).all()
        let invitations = try await HealthCheckInvitationRecord.query(on: db).filter(\.$person.$id == personID).with(\.$round).all()
        let enquiries = try await EnquiryRecord.query(on: db).filter(\.$raisedByID == personID).all()
        let attendance = try await AttendanceRecord.query(on: db).filter(\.$person.$id == personID)
            .with(\.$meeting) { $0.with(\.$series) }.all()
        let requests = try await JoinRequestRecord.query(on: db).filter(\.$person.$id == personID).sort(\.$createdAt).all()
        let tokens = try await AccountQueries.tokens(of: personID, on: db)
        let mail = try await OutboxMessageRecord.query(on: db).group(.or) {
            $0.filter(\.$personID == personID).filter(\.$email == person.email)
        }.sort(\.$createdAt).all()
        let changes = try await AuditEntryRecord.query(on: db).filter(\.$actorID == personID).sort(\.$at).all()

        return PersonalData(
            exportedAt: now,
            account: Account(id: personID, name: person.name, email: person.email, isAdministrator: person.isAdmin, createdAt: person.createdAt,
                             pendingEmail: person.pendingEmail, disabledAt: person.disabledAt),
            notificationPreferences: NotificationPreferences(noEmailAtAll: person.emailOptOut),
            memberships: memberships.map {
                Membership(partnership: name($0.$partnership.id), partnershipSlug: partnerships[$0.$partnership.id]?.slug ?? "",
                           role: $0.role.label, votes: $0.votes, livesInArea: $0.livesInArea, startsOn: $0.startsOnRaw, endsOn: $0.endsOnRaw)
            },
            staffRoles: staff.map { StaffRole(organisation: $0.organisation.name, team: $0.team?.name, jobTitle: $0.jobTitle) },
            commitmentsOwned: commitments.map {
                Commitment(id: $0.id!, partnership: name($0.$partnership.id), title: $0.title, promisedTo: $0.recipientName,
                           state: $0.stateRaw, dueOn: $0.dueOnRaw)
            },
            positions: positions.sorted { $0.at < $1.at }.map {
                Position(proposal: $0.proposal.title, position: $0.positionRaw, reason: $0.reason, at: $0.at)
            },
            interestsDeclared: interests.map { Interest(proposal: $0.proposal.title, interest: $0.interest, declaredAt: $0.declaredAt) },
            namedPollVotes: ballots.filter { !$0.poll.isAnonymous }.map { NamedVote(poll: $0.poll.title, ballot: $0.ballotJSON, castAt: $0.castAt) },
            anonymousPollsVotedIn: voted.filter(\.poll.isAnonymous).map(\.poll.title).sorted(),
            healthCheckInvitations: invitations.map {
                HealthCheckInvitation(partnership: name($0.round.$partnership.id), opensOn: $0.round.opensOnRaw,
                                      closesOn: $0.round.closesOnRaw, seat: $0.role.label, answered: $0.hasAnswered, answers: $0.sheet)
            },
            enquiriesRaised: enquiries.map {
                Enquiry(id: $0.id!, partnership: name($0.$partnership.id), title: $0.title, question: $0.question,
                        receivedOn: $0.receivedOnRaw, state: $0.stateRaw, answer: $0.answer)
            },
            meetings: attendance.map {
                Meeting(partnership: name($0.meeting.series.$partnership.id), meeting: $0.meeting.series.title,
                        day: $0.meeting.originalDayRaw, status: $0.statusRaw)
            },
            joinRequests: requests.map {
                JoinRequest(partnership: name($0.$partnership.id), kind: $0.kindRaw, message: $0.message, state: $0.stateRaw,
                            reply: $0.reply, askedAt: $0.createdAt)
            },
            apiTokens: tokens.map { Token(name: $0.name, createdAt: $0.createdAt, lastUsedAt: $0.lastUsedAt) },
            mailSent: mail.map { Mail(subject: $0.subject, text: $0.body, status: $0.statusRaw, queuedAt: $0.createdAt, sentAt: $0.sentAt) },
            changesMade: changes.map {
                Change(at: $0.at, action: $0.action, recordType: $0.entityType, record: $0.entityLabel,
                       fields: Array(Set(($0.beforeFields ?? [:]).keys).union(($0.afterFields ?? [:]).keys)).sorted())
            })
    }
}
