import FluentKit
import Foundation
import RebalanceCore

/// Puts into the outbox what each stakeholder's contact level says they should get now:
/// close contacts each item at once, regular ones a monthly digest, informed ones a quarterly
/// summary (the planning is `DigestPlanner`'s). What was queued is recorded in the same
/// transaction, so running the pass twice queues nothing new.
public enum DigestPass {
    /// `pageURL` turns a site path into the absolute address used in messages.
    @discardableResult
    public static func run(today: Day = .today(), pageURL: @Sendable (String) -> String, on db: any Database) async throws -> Int {
        var queued = 0
        for plan in try await CommunicationPlanRecord.query(on: db).all() {
            guard let partnership = try await PartnershipQueries.find(id: plan.$partnership.id, on: db) else { continue }
            queued += try await run(partnership, plan: try plan.plan, today: today, pageURL: pageURL, on: db)
        }
        return queued
    }

    static func run(_ partnership: PartnershipRecord, plan: CommunicationPlan, today: Day,
                    pageURL: @Sendable (String) -> String, on db: any Database) async throws -> Int {
        let partnershipID = try partnership.requireID()
        let states = Dictionary(try await DigestStateRecord.query(on: db).filter(\.$partnership.$id == partnershipID).all()
            .map { ($0.stakeholderKey, $0) }, uniquingKeysWith: { first, _ in first })
        // Nothing published before this day can still be due to anyone, so fifteen years of news
        // are not read and summarised every half minute.
        let from = plan.entries.filter { $0.channel == .email }.map { entry -> Day in
            guard let state = states[entry.stakeholder.key], state.level == entry.level.rawValue else { return today }
            return DigestItems.earliestStillDue(since: Day(state.sinceRaw) ?? today, lastDigestOn: state.lastDigestOnRaw.flatMap(Day.init))
        }.min() ?? today
        let items = try await DigestItems.published(by: partnership, from: from, pageURL: pageURL, on: db)
        let known = try await CommunicationPlanQueries.stakeholders(of: partnership, on: db, today: today)
        let planner = DigestPlanner(partnershipName: partnership.name)
        var queued = 0
        for entry in plan.entries where entry.channel == .email {
            let who = known[entry.stakeholder]
            guard let email = entry.email ?? who?.email else { continue }
            // Most passes find nothing new for most people: then nothing is written, so the pass
            // every half minute does not take the database's write lock hundreds of times at scale.
            if let state = states[entry.stakeholder.key], state.level == entry.level.rawValue {
                let recipient = DigestRecipient(level: entry.level, channel: entry.channel, since: Day(state.sinceRaw) ?? today,
                                                lastDigestOn: state.lastDigestOnRaw.flatMap(Day.init), alreadySent: state.sentItems)
                if planner.messages(for: recipient, items: items, today: today).isEmpty { continue }
            }
            queued += try await db.writeTransaction { tx in
                let key = entry.stakeholder.key
                let state = try await DigestStateRecord.query(on: tx).filter(\.$partnership.$id == partnershipID)
                    .filter(\.$stakeholderKey == key).first() ?? {
                        let s = DigestStateRecord()
                        s.$partnership.id = partnershipID
                        s.stakeholderKey = key
                        s.level = entry.level.rawValue
                        s.sinceRaw = today.description
                        s.sentItemsJSON = "[]"
                        return s
                    }()
                if state.level != entry.level.rawValue {
                    // A new level starts from today: no catching up on what the old level skipped.
                    state.level = entry.level.rawValue
                    state.sinceRaw = today.description
                }
                let recipient = DigestRecipient(level: entry.level, channel: entry.channel, since: Day(state.sinceRaw) ?? today,
                                                lastDigestOn: state.lastDigestOnRaw.flatMap(Day.init), alreadySent: state.sentItems)
                let messages = planner.messages(for: recipient, items: items, today: today)
                var sent = state.sentItems
                for m in messages {
                    let first = m.itemIDs.first?.uuidString.lowercased() ?? "none"
                    try await Outbox.enqueue(OutboxDraft(
                        personID: who?.personID, email: email, name: who?.name ?? email, subject: m.subject, body: m.plainText,
                        kind: m.isDigest ? "digest" : "update", partnershipID: partnershipID,
                        dedupeKey: "digest:\(partnershipID.uuidString.lowercased()):\(key):\(m.kind.rawValue):\(first)"), on: tx)
                    sent.formUnion(m.itemIDs)
                    if m.isDigest { state.lastDigestOnRaw = today.description }
                }
                state.sentItems = sent
                try await state.save(on: tx)
                return messages.count
            }
        }
        return queued
    }
}

/// Everything a partnership has published that digests report: news posts, meetings scheduled
/// and minutes published.
public enum DigestItems {
    /// The first day whose items a recipient may still be owed: a digest sends everything due
    /// up to its day, so only items from that day on (published later that day) can be unsent.
    static func earliestStillDue(since: Day, lastDigestOn: Day?) -> Day {
        guard let lastDigestOn else { return since }
        return max(since, lastDigestOn)
    }

    /// Items published on or after `from` (all of them when nil).
    public static func published(by partnership: PartnershipRecord, from: Day? = nil, pageURL: (String) -> String,
                                 on db: any Database) async throws -> [DigestItem] {
        let id = try partnership.requireID()
        let slug = partnership.slug
        // A day's start in any time zone falls after this instant; the exact day is judged below.
        let after = from.map { Date(timeIntervalSince1970: Double($0.ordinal - 2) * 86400) } ?? .distantPast
        var items: [DigestItem] = []
        for u in try await UpdateRecord.query(on: db).filter(\.$partnership.$id == id).filter(\.$publishedAt >= after).all() {
            items.append(DigestItem(id: try u.requireID(), kind: .update, title: u.title, summary: UpdateDraft.summary(of: u.body),
                                    url: pageURL("/partnerships/\(slug)/updates/\(try u.requireID().uuidString.lowercased())"),
                                    publishedOn: Day.today(u.publishedAt)))
        }
        let series = try await MeetingQueries.series(of: id, on: db)
        for s in series {
            // A meeting recorded after it happened has nothing to announce.
            guard let next = try s.schedule.nextOccurrence(onOrAfter: Day.today(s.createdAt)) else { continue }
            items.append(DigestItem(id: try s.requireID(), kind: .meeting, title: s.title,
                                    summary: "First meeting \(next.day.readable) at \(next.startTime.readable)" + (s.location.map { ", \($0)" } ?? ""),
                                    url: pageURL("/partnerships/\(slug)/meetings"), publishedOn: Day.today(s.createdAt)))
        }
        let byID = Dictionary(uniqueKeysWithValues: try series.map { (try $0.requireID(), $0) })
        let seriesIDs = try series.map { try $0.requireID() }
        let minutes = seriesIDs.isEmpty ? [] : try await MeetingRecord.query(on: db).filter(\.$series.$id ~~ seriesIDs)
            .filter(\.$minutesPublishedAt >= after).all()
        for m in minutes {
            guard let published = m.minutesPublishedAt, let s = byID[m.$series.id] else { continue }
            items.append(DigestItem(id: try m.requireID(), kind: .minutes, title: "Minutes: \(s.title), \(m.originalDay.readable)",
                                    summary: m.decisions.map { UpdateDraft.summary(of: $0) },
                                    url: pageURL("/partnerships/\(slug)/meetings/\(m.$series.id.uuidString.lowercased())/\(m.originalDayRaw)"),
                                    publishedOn: Day.today(published)))
        }
        // Staff changes come first in every digest: the report's residents found out too late.
        for h in try await HandoverQueries.all(in: id, on: db) {
            items.append(DigestItem(id: try h.requireID(), kind: .staffChange,
                                    title: "\(h.successor.name) takes over from \(h.leaver.name)",
                                    summary: "\(h.leaver.name)'s last day as \(h.role.label.lowercased()) is \(h.lastDay.readable); \(h.successor.name) is the partnership's contact from the day after.",
                                    url: pageURL("/partnerships/\(slug)"), publishedOn: Day.today(h.writtenAt)))
        }
        guard let from else { return items }
        return items.filter { $0.publishedOn >= from }
    }
}
