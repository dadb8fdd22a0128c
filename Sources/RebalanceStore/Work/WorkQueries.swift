import FluentKit
import Foundation
import RebalanceCore

/// What is waiting for one person, across every partnership they sit on and every council team
/// they work in. Each source is read with the indexes on the person's own ids and their
/// partnerships, so the list costs the same at 150 areas as at two.
public enum WorkQueries {
    /// Past meetings without minutes are listed for this long, then left to the meetings page.
    public static let minutesWindowDays = 60

    public static func items(for actor: Actor, today: Day = .today(), now: Date = Date(), on db: any Database) async throws -> [WorkItem] {
        guard let me = actor.personID else { return [] }
        let partnershipIDs = Array(actor.memberships.keys)
        let partnerships = partnershipIDs.isEmpty ? [] : try await PartnershipRecord.query(on: db).filter(\.$id ~~ partnershipIDs)
            .with(\.$memberships).all()
        var names: [UUID: (name: String, slug: String)] = [:]
        for p in partnerships { names[try p.requireID()] = (p.name, p.slug) }
        var items: [WorkItem] = []
        items += try await signatures(me, actor: actor, names: &names, today: today, on: db)
        items += try await proposals(me, partnerships: partnerships, today: today, now: now, on: db)
        items += try await polls(me, partnerships: partnerships, today: today, now: now, on: db)
        items += try await healthChecks(me, today: today, names: &names, on: db)
        let teams = try await StaffRecord.query(on: db).filter(\.$person.$id == me).all().compactMap { $0.$team.id }
        items += try await commitments(me, actor: actor, teams: Set(teams), today: today, names: &names, on: db)
        items += try await enquiries(teams: Set(teams), councils: actor.councilsStaffed, today: today, names: &names, on: db)
        items += try await unstaffedEnquiries(actor: actor, today: today, names: &names, on: db)
        items += try await joinRequests(actor: actor, names: names, on: db)
        items += try await minutes(actor: actor, names: names, today: today, now: now, on: db)
        items += try await handovers(me, names: &names, on: db)
        items += try await money(actor: actor, names: &names, today: today, on: db)
        items += try await notices(me, names: &names, on: db)
        return WorkList.ordered(items, today: today)
    }

    /// Names and slugs of partnerships the person is not a member of (a council officer's areas).
    static func name(_ id: UUID, _ names: inout [UUID: (name: String, slug: String)], on db: any Database) async throws -> (name: String, slug: String)? {
        if let known = names[id] { return known }
        guard let p = try await PartnershipRecord.find(id, on: db) else { return nil }
        names[id] = (p.name, p.slug)
        return (p.name, p.slug)
    }

    // MARK: the agreement

    /// The newest version of each agreement waiting for this person's signature (the chair for
    /// the partnership, the named officer for the council), and review dates passed.
    static func signatures(_ me: UUID, actor: Actor, names: inout [UUID: (name: String, slug: String)], today: Day,
                           on db: any Database) async throws -> [WorkItem] {
        let chaired = actor.memberships.filter { $0.value.contains(.chair) }.map(\.key)
        var candidates = try await AgreementVersionRecord.query(on: db).filter(\.$councilOfficerID == me)
            .filter(\.$councilSignedByID == nil).all()
        if !chaired.isEmpty {
            candidates += try await AgreementVersionRecord.query(on: db).filter(\.$partnership.$id ~~ chaired).all()
        }
        var items: [WorkItem] = []
        for pid in Set(candidates.map { $0.$partnership.id }) {
            let versions = try await AgreementVersionRecord.query(on: db).filter(\.$partnership.$id == pid).sort(\.$number, .descending).all()
            guard let latest = versions.first, let names = try await name(pid, &names, on: db) else { continue }
            if chaired.contains(pid), latest.partnershipSignedByID == nil {
                items.append(WorkItem(key: "sign:partnership:\(try latest.requireID())", kind: .signature,
                                      title: "Sign version \(latest.number) of the agreement for the partnership",
                                      partnershipName: names.name, partnershipSlug: names.slug, due: nil, target: .agreement(slug: names.slug)))
            }
            if latest.councilOfficerID == me, latest.councilSignedByID == nil, actor.worksForAnyOf(try await councils(of: pid, on: db)) {
                items.append(WorkItem(key: "sign:council:\(try latest.requireID())", kind: .signature,
                                      title: "Sign version \(latest.number) of the agreement for the council",
                                      partnershipName: names.name, partnershipSlug: names.slug, due: nil, target: .agreement(slug: names.slug)))
            }
            // The agreement in force is the newest version both sides signed.
            if let inForce = versions.first(where: { $0.partnershipSignedByID != nil && $0.councilSignedByID != nil }),
               let review = inForce.content.reviewOn, review < today,
               chaired.contains(pid) || inForce.councilOfficerID == me {
                items.append(WorkItem(key: "review:\(try inForce.requireID())", kind: .review,
                                      title: "Review the agreement: its review date has passed",
                                      partnershipName: names.name, partnershipSlug: names.slug, due: review, target: .agreement(slug: names.slug)))
            }
        }
        return items
    }

    static func councils(of partnershipID: UUID, on db: any Database) async throws -> Set<UUID> {
        guard let p = try await PartnershipRecord.query(on: db).filter(\.$id == partnershipID)
            .with(\.$area, { $0.with(\.$councils) }).first() else { return [] }
        return Set(try p.area.councils.map { try $0.requireID() })
    }

    // MARK: deciding

    static func proposals(_ me: UUID, partnerships: [PartnershipRecord], today: Day, now: Date, on db: any Database) async throws -> [WorkItem] {
        var items: [WorkItem] = []
        for p in partnerships {
            let open = try await ProposalRecord.query(on: db).filter(\.$partnership.$id == p.requireID()).filter(\.$settledAt == nil)
                .filter(\.$withdrawnAt == nil).filter(\.$closedEarlyAt == nil).filter(\.$deadline > now)
                .with(\.$positions).with(\.$recusals).all()
            for r in open {
                let core = r.core
                guard core.state(at: now) == .open, core.positions[me] == nil else { continue }
                let members = try await DecisionQueries.members(of: p, meeting: r.meeting, on: today, db: db)
                guard core.electorate(members: members).couldTakePart.contains(me) else { continue }
                items.append(WorkItem(key: "proposal:\(try r.requireID())", kind: .proposal, title: "Give your position on “\(r.title)”",
                                      partnershipName: p.name, partnershipSlug: p.slug, due: Day.today(r.deadline),
                                      target: .proposal(slug: p.slug, id: try r.requireID())))
            }
        }
        return items
    }

    static func polls(_ me: UUID, partnerships: [PartnershipRecord], today: Day, now: Date, on db: any Database) async throws -> [WorkItem] {
        var items: [WorkItem] = []
        for p in partnerships {
            let open = try await PollRecord.query(on: db).filter(\.$partnership.$id == p.requireID()).filter(\.$settledAt == nil)
                .filter(\.$closedEarlyAt == nil).filter(\.$closesAt > now).all()
            guard !open.isEmpty else { continue }
            let voted = Set(try await PollVoterRecord.query(on: db).filter(\.$personID == me)
                .filter(\.$poll.$id ~~ open.map { try $0.requireID() }).all().map { $0.$poll.id })
            let members = try await DecisionQueries.members(of: p, meeting: nil, on: today, db: db)
            for r in open where !voted.contains(try r.requireID()) {
                guard r.core.state(at: now) == .open, r.audience.voters(among: members).contains(me) else { continue }
                items.append(WorkItem(key: "poll:\(try r.requireID())", kind: .poll, title: "Answer the poll “\(r.title)”",
                                      partnershipName: p.name, partnershipSlug: p.slug, due: Day.today(r.closesAt),
                                      target: .poll(slug: p.slug, id: try r.requireID())))
            }
        }
        return items
    }

    static func healthChecks(_ me: UUID, today: Day, names: inout [UUID: (name: String, slug: String)], on db: any Database) async throws -> [WorkItem] {
        var items: [WorkItem] = []
        for invitation in try await HealthCheckInvitationRecord.query(on: db).filter(\.$person.$id == me).with(\.$round).all()
        where !invitation.hasAnswered {
            let round = invitation.round
            guard round.core.state(on: today) == .open, let names = try await name(round.$partnership.id, &names, on: db) else { continue }
            items.append(WorkItem(key: "health-check:\(try round.requireID())", kind: .healthCheck,
                                  title: "Answer the relationship health check", partnershipName: names.name, partnershipSlug: names.slug,
                                  due: round.core.endedOn, target: .healthCheckAnswer(slug: names.slug, round: try round.requireID())))
        }
        return items
    }

    // MARK: promises and enquiries

    /// Promises this person answers for: their own, their council team's, their LTO's, and (for
    /// a chair) the partnership's.
    static func commitments(_ me: UUID, actor: Actor, teams: Set<UUID>, today: Day, names: inout [UUID: (name: String, slug: String)],
                            on db: any Database) async throws -> [WorkItem] {
        var owned = try await CommitmentRecord.query(on: db).filter(\.$ownerKindRaw == CommitmentParty.Kind.person.rawValue)
            .filter(\.$ownerID == me).all()
        if !teams.isEmpty {
            owned += try await CommitmentRecord.query(on: db).filter(\.$ownerKindRaw == CommitmentParty.Kind.councilTeam.rawValue)
                .filter(\.$ownerID ~~ Array(teams)).all()
        }
        if !actor.staffOf.isEmpty {
            owned += try await CommitmentRecord.query(on: db).filter(\.$ownerKindRaw == CommitmentParty.Kind.lto.rawValue)
                .filter(\.$ownerOrganisationID ~~ Array(actor.staffOf)).all()
        }
        let chaired = actor.memberships.filter { $0.value.contains(.chair) }.map(\.key)
        if !chaired.isEmpty {
            owned += try await CommitmentRecord.query(on: db).filter(\.$ownerKindRaw == CommitmentParty.Kind.partnership.rawValue)
                .filter(\.$partnership.$id ~~ chaired).all()
        }
        var items: [WorkItem] = []
        var seen = Set<UUID>()
        for c in owned where c.state.isOpen && WorkList.isDueEnough(c.dueOn, today: today) {
            guard seen.insert(try c.requireID()).inserted, let names = try await name(c.$partnership.id, &names, on: db) else { continue }
            let whose: String
            switch c.owner.kind {
            case .person: whose = "your"
            case .councilTeam: whose = "your team’s"
            case .lto: whose = "your organisation’s"
            case .partnership: whose = "the partnership’s"
            }
            items.append(WorkItem(key: "commitment:\(try c.requireID())", kind: .commitment, title: "Keep \(whose) promise: \(c.title)",
                                  partnershipName: names.name, partnershipSlug: names.slug, due: c.dueOn,
                                  target: .commitment(slug: names.slug, id: try c.requireID())))
        }
        return items
    }

    static func enquiries(teams: Set<UUID>, councils: Set<UUID>, today: Day, names: inout [UUID: (name: String, slug: String)],
                          on db: any Database) async throws -> [WorkItem] {
        guard !teams.isEmpty, !councils.isEmpty else { return [] }
        let open = try await EnquiryRecord.query(on: db).filter(\.$council.$id ~~ Array(councils))
            .filter(\.$stateRaw ~~ [EnquiryState.open.rawValue, EnquiryState.handedOff.rawValue]).with(\.$handOffs).all()
        var items: [WorkItem] = []
        for e in open {
            let core = try e.core(handOffs: e.handOffs)
            guard core.isOpen, teams.contains(core.holdingTeamID), let names = try await name(e.$partnership.id, &names, on: db) else { continue }
            items.append(WorkItem(key: "enquiry:\(try e.requireID())", kind: .enquiry, title: "Answer the enquiry “\(e.title)”",
                                  partnershipName: names.name, partnershipSlug: names.slug, due: core.dueOn(),
                                  target: .enquiry(slug: names.slug, id: try e.requireID())))
        }
        return items
    }

    /// For a council's administrators: open enquiries held by a team with nobody on it, which
    /// would otherwise wait unseen until someone is added to the team or it is handed on.
    static func unstaffedEnquiries(actor: Actor, today: Day, names: inout [UUID: (name: String, slug: String)],
                                   on db: any Database) async throws -> [WorkItem] {
        let councils = Array(actor.administers.intersection(actor.councilsStaffed))
        guard !councils.isEmpty else { return [] }
        let teams = try await TeamRecord.query(on: db).filter(\.$organisation.$id ~~ councils).with(\.$organisation).all()
        let staffed = Set(try await StaffRecord.query(on: db).filter(\.$organisation.$id ~~ councils).all().compactMap { $0.$team.id })
        let empty = Dictionary(uniqueKeysWithValues: try teams.filter { !staffed.contains(try $0.requireID()) }.map { (try $0.requireID(), $0) })
        guard !empty.isEmpty else { return [] }
        let open = try await EnquiryRecord.query(on: db).filter(\.$council.$id ~~ councils)
            .filter(\.$stateRaw ~~ [EnquiryState.open.rawValue, EnquiryState.handedOff.rawValue]).with(\.$handOffs).all()
        var items: [WorkItem] = []
        for e in open {
            let core = try e.core(handOffs: e.handOffs)
            guard core.isOpen, let team = empty[core.holdingTeamID], let names = try await name(e.$partnership.id, &names, on: db) else { continue }
            items.append(WorkItem(key: "unstaffed:\(try e.requireID())", kind: .staffing,
                                  title: "Nobody can answer “\(e.title)”: \(team.name) has no staff listed",
                                  partnershipName: names.name, partnershipSlug: names.slug, due: core.dueOn(),
                                  target: .organisation(slug: team.organisation.slug)))
        }
        return items
    }

    /// Requests to join or to be kept informed, for the chairs who answer them.
    static func joinRequests(actor: Actor, names: [UUID: (name: String, slug: String)], on db: any Database) async throws -> [WorkItem] {
        let chaired = actor.memberships.filter { $0.value.contains(.chair) }.map(\.key)
        return try await JoinRequestQueries.pending(in: chaired, on: db).compactMap { r in
            guard let names = names[r.$partnership.id] else { return nil }
            let what = r.kind == .join ? "to join" : "to be kept informed"
            return WorkItem(key: "join-request:\(try r.requireID())", kind: .joinRequest,
                            title: "Answer \(r.person.name)’s request \(what)", partnershipName: names.name, partnershipSlug: names.slug,
                            due: nil, target: .joinRequest(slug: names.slug, id: try r.requireID()))
        }
    }

    // MARK: meetings and handovers

    /// Meetings of the last few weeks, chaired by this person's partnership chair role, that have
    /// happened and have no minutes yet.
    static func minutes(actor: Actor, names: [UUID: (name: String, slug: String)], today: Day, now: Date, on db: any Database) async throws -> [WorkItem] {
        let chaired = actor.memberships.filter { $0.value.contains(.chair) }.map(\.key)
        guard !chaired.isEmpty else { return [] }
        let past = try await MeetingQueries.meetings(of: chaired, from: today.adding(days: -minutesWindowDays), through: today, on: db)
            .filter { $0.occurrence.end <= now && !$0.occurrence.isCancelled }
        guard !past.isEmpty else { return [] }
        let seriesIDs = Array(Set(try past.map { try $0.series.requireID() }))
        let written = Set(try await MeetingRecord.query(on: db).filter(\.$series.$id ~~ seriesIDs).all()
            .filter(\.hasMinutes).map { MeetingQueries.key($0.$series.id, $0.originalDay) })
        var items: [WorkItem] = []
        for m in past {
            let seriesID = try m.series.requireID()
            guard !written.contains(MeetingQueries.key(seriesID, m.occurrence.originalDay)),
                  let names = names[m.series.$partnership.id] else { continue }
            items.append(WorkItem(key: "minutes:\(seriesID):\(m.occurrence.originalDay)", kind: .minutes,
                                  title: "Write the minutes of \(m.series.title), \(m.occurrence.day.readable)",
                                  partnershipName: names.name, partnershipSlug: names.slug, due: nil,
                                  target: .meeting(slug: names.slug, series: seriesID, day: m.occurrence.originalDay)))
        }
        return items
    }

    static func notices(_ me: UUID, names: inout [UUID: (name: String, slug: String)], on db: any Database) async throws -> [WorkItem] {
        var items: [WorkItem] = []
        for n in try await Notices.unseen(for: me, on: db) {
            guard let names = try await name(n.partnershipID, &names, on: db) else { continue }
            items.append(WorkItem(key: "notice:\(try n.requireID())", kind: .notice, title: n.title, partnershipName: names.name,
                                  partnershipSlug: names.slug, due: nil, target: .notice(id: try n.requireID(), path: n.path)))
        }
        return items
    }

    static func handovers(_ me: UUID, names: inout [UUID: (name: String, slug: String)], on db: any Database) async throws -> [WorkItem] {
        var items: [WorkItem] = []
        for h in try await HandoverRecord.query(on: db).filter(\.$successor.$id == me).filter(\.$readAt == nil).with(\.$leaver).all() {
            guard let names = try await name(h.$partnership.id, &names, on: db) else { continue }
            items.append(WorkItem(key: "handover:\(try h.requireID())", kind: .handover,
                                  title: "Read \(h.leaver.name)’s handover note", partnershipName: names.name, partnershipSlug: names.slug,
                                  due: nil, target: .handover(slug: names.slug, id: try h.requireID())))
        }
        return items
    }
}
