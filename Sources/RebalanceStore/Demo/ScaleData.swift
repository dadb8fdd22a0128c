import FluentKit
import Foundation
import RebalanceCore

/// Fifteen years of generated areas on top of the demo, for measuring pages at the size of a
/// national programme (Big Local: 150 areas). See docs/decisions/0033-scale-data.md.
///
/// - Deterministic: every row, ids and timestamps included, follows from the seed (only the
///   password hash, taken from the demo's accounts, differs between databases).
/// - Idempotent and resumable: each area is written in one transaction and skipped when its id
///   is already there, so running again adds nothing and an interrupted load carries on.
/// - Bulk: rows are built in memory, with the audit entries the commands would write, and
///   inserted many to a statement.
public enum ScaleData {
    public static let defaultSeed: UInt64 = 2026

    /// Each feature's share of an area's history, in the order they build on each other.
    /// A feature that lands later (the ledger, PB rounds, the directory, surveys) adds its part here.
    static let parts: [any ScalePart.Type] = [
        ScaleMembers.self, ScaleAgreements.self, ScaleMeetings.self, ScaleProjects.self, ScaleProposals.self, ScalePolls.self,
        ScaleCommitments.self, ScaleEnquiries.self, ScaleHealthChecks.self, ScaleNews.self, ScaleHandovers.self,
    ]

    public struct Account: Sendable {
        public let role: String
        public let name: String
        public let email: String
    }

    public struct Summary: Sendable {
        public let areasAdded: Int
        public let areasAlreadyThere: Int
        public let rowsWritten: Int
        public let seconds: Double
        /// Of which building rows in memory, and writing them.
        public let generatingSeconds: Double
        public let writingSeconds: Double
        /// Generated accounts worth signing in as; their password is the demo's.
        public let accounts: [Account]
    }

    public struct DemoMissing: Error, CustomStringConvertible {
        public var description: String { "Load the demo first: the scale data shares the demo accounts' password and builds on its database." }
    }

    public struct SlugTaken: Error, CustomStringConvertible {
        public let slug: String
        public var description: String {
            "The generated area \"\(slug)\" would clash with an area or partnership already in this database that the generator did not make. Use another --seed."
        }
    }

    /// Adds areas 0..<`count` that are not there yet. `progress` hears a line every few areas.
    public static func load(areas count: Int, seed: UInt64 = defaultSeed, on db: any Database,
                            progress: @Sendable (String) -> Void = { _ in }) async throws -> Summary {
        let started = Date()
        guard let chair = try await PersonRecord.query(on: db).filter(\.$email == "ada@fernhill.example").first() else { throw DemoMissing() }
        let hash = chair.passwordHash
        let planned = (0..<count).map { i in
            var rng = ScaleRandom(seed: seed, "area", i)
            return (index: i, id: rng.uuid(), slug: Slug.make(from: ScaleNames.areaName(i, seed: seed)))
        }
        var present: Set<UUID> = []
        for chunk in stride(from: 0, to: planned.count, by: 500) {
            let ids = planned[chunk..<min(chunk + 500, planned.count)].map(\.id)
            present.formUnion(try await AreaRecord.query(on: db).filter(\.$id ~~ ids).all().compactMap(\.id))
        }
        var regions: [Int: ScaleRegion] = [:]
        var regionsWritten: Set<Int> = []
        var added = 0, rows = 0
        var generating = 0.0, writing = 0.0
        for (i, areaID, slug) in planned where !present.contains(areaID) {
            if try await AreaRecord.query(on: db).filter(\.$slug == slug).first() != nil { throw SlugTaken(slug: slug) }
            let k = ScaleRegion.index(ofArea: i)
            let region = regions[k] ?? ScaleRegion(seed: seed, index: k, passwordHash: hash)
            regions[k] = region
            let generateStarted = Date()
            let area = try generate(i, seed: seed, passwordHash: hash, region: region)
            let writeStarted = Date()
            generating += writeStarted.timeIntervalSince(generateStarted)
            let regionRows = regionsWritten.contains(k) ? nil : region.rows
            let areaRows = area.rows
            try await db.writeTransaction { tx in
                try await regionRows?.write(on: tx)
                try await areaRows.write(on: tx)
            }
            writing += Date().timeIntervalSince(writeStarted)
            regionsWritten.insert(k)
            added += 1
            rows += areaRows.count + (regionRows?.count ?? 0)
            if added % 10 == 0 {
                progress("  \(added) areas added (\(rows) rows) in \(Int(Date().timeIntervalSince(started))) s")
            }
        }
        return Summary(areasAdded: added, areasAlreadyThere: present.count, rowsWritten: rows,
                       seconds: Date().timeIntervalSince(started), generatingSeconds: generating, writingSeconds: writing, accounts: count > 0 ? accounts(seed: seed) : [])
    }

    /// One area with every part's rows, in memory.
    static func generate(_ index: Int, seed: UInt64, passwordHash: String, region: ScaleRegion) throws -> ScaleArea {
        let area = ScaleArea(index: index, seed: seed, passwordHash: passwordHash, region: region)
        for part in parts {
            var rng = area.rng(part.name)
            try part.generate(area, rng: &rng)
        }
        return area
    }

    /// Who to sign in as, worked out again from the seed (the same people whether or not this
    /// run wrote them): people of the first area and of its region.
    public static func accounts(seed: UInt64 = defaultSeed) -> [Account] {
        let region = ScaleRegion(seed: seed, index: 0, passwordHash: "")
        guard let area = try? generate(0, seed: seed, passwordHash: "", region: region) else { return [] }
        let today = area.ends
        let chair = area.chair(on: today)
        let resident = area.seats(on: today).first { $0.role == .resident }!.person
        let officer = area.officer(on: today)
        let rep = area.reps.holder(on: today)
        let manager = region.county.staff.first { $0.title == "Community engagement manager" }!.person
        let parks = area.district.staff.first { $0.title == "Parks officer" }!.person
        let perDistrict = ScaleRegion.areasPerDistrict, perRep = ScaleRegion.areasPerRep
        return [
            Account(role: "Chair of \(area.partnershipName)", name: chair.name, email: chair.email),
            Account(role: "Resident member of \(area.partnershipName)", name: resident.name, email: resident.email),
            Account(role: "Neighbourhood officer, \(area.district.name): council officer on \(perDistrict) partnerships", name: officer.name, email: officer.email),
            Account(role: "Rep on \(perRep) partnerships", name: rep.name, email: rep.email),
            Account(role: "Community engagement manager, \(region.county.name): staff of a council over \(ScaleRegion.areasPerRegion) areas",
                    name: manager.name, email: manager.email),
            Account(role: "Parks officer, \(area.district.name) (answers enquiries; not a member)", name: parks.name, email: parks.email),
        ]
    }
}
