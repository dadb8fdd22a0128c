import FluentKit
import Foundation
import RebalanceCore

public enum DecisionQueries {
    /// The decision rules of the agreement in force, or the Big Local defaults when there is
    /// none yet (or it predates written rules); `written` says which, for pages to say so.
    public static func rulesInForce(for partnershipID: UUID, on db: any Database) async throws -> (rules: DecisionRules, written: Bool) {
        let versions = try await AgreementQueries.versions(in: partnershipID, on: db)
        let written = AgreementQueries.inForce(versions)?.content.decisionRules
        return (written ?? .bigLocalDefault, written != nil)
    }

    /// Who might decide: the partnership's members on `day` (one entry per membership), or
    /// only those recorded as attending `meeting` when the proposal was put to a meeting.
    /// `partnership` must have its memberships loaded.
    public static func members(of partnership: PartnershipRecord, meeting: ProposalMeeting?, on day: Day,
                               db: any Database) async throws -> [DecisionMember] {
        var current = partnership.memberships.filter { $0.isCurrent(on: day) }
        if let meeting {
            let present = try await attendees(of: meeting, on: db)
            current = current.filter { present.contains($0.$person.id) }
        }
        return current.map { DecisionMember(personID: $0.$person.id, role: $0.role, votes: $0.votes) }
    }

    /// People recorded as attending one meeting.
    public static func attendees(of meeting: ProposalMeeting, on db: any Database) async throws -> Set<UUID> {
        guard let m = try await MeetingRecord.query(on: db).filter(\.$series.$id == meeting.seriesID)
            .filter(\.$originalDayRaw == meeting.day.description).with(\.$attendance).first() else { return [] }
        return Set(m.attendance.filter { $0.status == .attended }.map { $0.$person.id })
    }

    /// "Partnership meeting, 3 March 2026": how a meeting is named in a sentence.
    public static func label(of meeting: ProposalMeeting, on db: any Database) async throws -> String {
        let title = try await MeetingSeriesRecord.find(meeting.seriesID, on: db)?.title
        return title.map { "\($0), \(meeting.day.readable)" } ?? meeting.day.readable
    }

    public struct MeetingChoice: Sendable {
        public let meeting: ProposalMeeting
        public let label: String
        public let attendees: Int
    }

    /// Meetings of the last eight weeks (today included) whose attendance has been recorded:
    /// the meetings a proposal can be put to. Newest first.
    public static func meetingsWithAttendance(of partnershipID: UUID, today: Day, on db: any Database) async throws -> [MeetingChoice] {
        let series = try await MeetingSeriesRecord.query(on: db).filter(\.$partnership.$id == partnershipID).all()
        let byID = Dictionary(uniqueKeysWithValues: try series.map { (try $0.requireID(), $0) })
        guard !byID.isEmpty else { return [] }
        let earliest = today.adding(days: -56).description
        let meetings = try await MeetingRecord.query(on: db).filter(\.$series.$id ~~ Array(byID.keys))
            .filter(\.$originalDayRaw >= earliest).filter(\.$originalDayRaw <= today.description)
            .with(\.$attendance).all()
        return meetings.compactMap { m -> MeetingChoice? in
            let present = m.attendance.filter { $0.status == .attended }.count
            guard present > 0, let s = byID[m.$series.id] else { return nil }
            return MeetingChoice(meeting: ProposalMeeting(seriesID: m.$series.id, day: m.originalDay),
                                 label: "\(s.title), \(m.originalDay.readable)", attendees: present)
        }.sorted { $0.meeting.day > $1.meeting.day }
    }

    // MARK: proposals

    public static func proposals(in partnershipID: UUID, on db: any Database) async throws -> [ProposalRecord] {
        try await ProposalRecord.query(on: db).filter(\.$partnership.$id == partnershipID)
            .with(\.$positions).with(\.$recusals).sort(\.$openedAt, .descending).all()
    }

    /// Proposals not yet settled (open, or just past their deadline), newest first, with positions.
    public static func unsettledProposals(in partnershipID: UUID, on db: any Database) async throws -> [ProposalRecord] {
        try await ProposalRecord.query(on: db).filter(\.$partnership.$id == partnershipID).filter(\.$settledAt == nil)
            .with(\.$positions).with(\.$recusals).sort(\.$openedAt, .descending).all()
    }

    /// One page of the settled proposals, newest first, with positions, and how many there are:
    /// fifteen years of them are too many to read for one page.
    public static func settledProposals(in partnershipID: UUID, window: PageWindow,
                                        on db: any Database) async throws -> (page: [ProposalRecord], total: Int) {
        let settled = ProposalRecord.query(on: db).filter(\.$partnership.$id == partnershipID).filter(\.$settledAt != nil)
        let total = try await settled.copy().count()
        let page = try await settled.with(\.$positions).with(\.$recusals)
            .sort(\.$openedAt, .descending).sort(\.$id).range(window.range).all()
        return (page, total)
    }

    /// The proposals without their positions, newest first: enough for titles and links.
    public static func proposalHeadings(in partnershipID: UUID, on db: any Database) async throws -> [ProposalRecord] {
        try await ProposalRecord.query(on: db).filter(\.$partnership.$id == partnershipID).sort(\.$openedAt, .descending).all()
    }

    public static func proposal(_ id: UUID, in partnershipID: UUID, on db: any Database) async throws -> ProposalRecord? {
        try await ProposalRecord.query(on: db).filter(\.$id == id).filter(\.$partnership.$id == partnershipID)
            .with(\.$positions).with(\.$recusals).first()
    }

    static func requireProposal(_ id: UUID, in partnershipID: UUID, on db: any Database) async throws -> ProposalRecord {
        guard let r = try await proposal(id, in: partnershipID, on: db) else { throw NotFound("proposal") }
        return r
    }

    // MARK: polls

    public static func polls(in partnershipID: UUID, on db: any Database) async throws -> [PollRecord] {
        try await PollRecord.query(on: db).filter(\.$partnership.$id == partnershipID).sort(\.$openedAt, .descending).all()
    }

    public static func poll(_ id: UUID, in partnershipID: UUID, on db: any Database) async throws -> PollRecord? {
        try await PollRecord.query(on: db).filter(\.$id == id).filter(\.$partnership.$id == partnershipID).first()
    }

    static func requirePoll(_ id: UUID, in partnershipID: UUID, on db: any Database) async throws -> PollRecord {
        guard let r = try await poll(id, in: partnershipID, on: db) else { throw NotFound("poll") }
        return r
    }

    public static func ballots(of pollID: UUID, on db: any Database) async throws -> [PollBallotRecord] {
        try await PollBallotRecord.query(on: db).filter(\.$poll.$id == pollID).all()
    }

    /// Everyone who has voted in the poll (not how).
    public static func voters(of pollID: UUID, on db: any Database) async throws -> Set<UUID> {
        Set(try await PollVoterRecord.query(on: db).filter(\.$poll.$id == pollID).all().map(\.personID))
    }

    /// Voters per poll, for lists.
    public static func turnout(of pollIDs: [UUID], on db: any Database) async throws -> [UUID: Int] {
        guard !pollIDs.isEmpty else { return [:] }
        let rows = try await PollVoterRecord.query(on: db).filter(\.$poll.$id ~~ pollIDs).all()
        return Dictionary(grouping: rows, by: { $0.$poll.id }).mapValues(\.count)
    }

    /// The poll's result at `now`: anonymous polls are counted from ballots that carry no voter.
    public static func result(of r: PollRecord, at now: Date, on db: any Database) async throws -> PollResult {
        let poll = r.core
        if poll.isAnonymous {
            return .anonymous(poll.totals(ballots: r.anonymousBallots, at: now))
        }
        let cast = try await ballots(of: try r.requireID(), on: db).sorted { $0.castAt < $1.castAt }
            .compactMap { row in row.ballot.map { PollVoterBallot(voterID: row.voterID, ballot: $0) } }
        return poll.result(ballots: cast, at: now)
    }

    // MARK: the decision log

    /// Newest first.
    public static func log(in partnershipID: UUID, on db: any Database) async throws -> [DecisionLogRecord] {
        try await DecisionLogRecord.query(on: db).filter(\.$partnership.$id == partnershipID).sort(\.$decidedAt, .descending).all()
    }

    public static func logEntry(_ id: UUID, in partnershipID: UUID, on db: any Database) async throws -> DecisionLogRecord? {
        try await DecisionLogRecord.query(on: db).filter(\.$id == id).filter(\.$partnership.$id == partnershipID).first()
    }

    public static func logEntry(subject: UUID, on db: any Database) async throws -> DecisionLogRecord? {
        try await DecisionLogRecord.query(on: db).filter(\.$subjectID == subject).first()
    }

    /// Commitments made to carry out a decision.
    public static func commitments(carryingOut decisionID: UUID, on db: any Database) async throws -> [CommitmentRecord] {
        try await CommitmentRecord.query(on: db).filter(\.$decisionID == decisionID).sort(\.$dueOnRaw).all()
    }

    /// People by id, for names and e-mail addresses.
    static func people(_ ids: some Sequence<UUID>, on db: any Database) async throws -> [UUID: PersonRecord] {
        let list = Array(Set(ids))
        guard !list.isEmpty else { return [:] }
        return Dictionary(uniqueKeysWithValues: try await PersonRecord.query(on: db).filter(\.$id ~~ list).all().map { ($0.id!, $0) })
    }
}
