import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// The day enquiries are dated and judged on. Normally today in London; tests fix it so due
/// days, overdue flags and reminders can be checked against hand-worked dates.
struct EnquiryTodayKey: StorageKey { typealias Value = Day }

extension Application {
    var enquiryToday: Day {
        get { storage[EnquiryTodayKey.self] ?? .today() }
        set { storage[EnquiryTodayKey.self] = newValue }
    }
}

struct CouncilKey: StorageKey { typealias Value = OrganisationRecord }
struct EnquiryKey: StorageKey { typealias Value = EnquiryRecord }

extension Request {
    var enquiryToday: Day { application.enquiryToday }

    /// The council named by `:slug`: an organisation of kind council, with its teams.
    func council() async throws -> OrganisationRecord {
        if let cached = storage[CouncilKey.self] { return cached }
        guard let slug = parameters.get("slug"), let org = try await OrganisationQueries.find(slug: slug, on: db),
              org.kind == .council else { throw NotFound("council") }
        storage[CouncilKey.self] = org
        return org
    }

    /// The enquiry named by `:id`, which must belong to the partnership named by `:slug`.
    func enquiry() async throws -> EnquiryRecord {
        if let cached = storage[EnquiryKey.self] { return cached }
        let p = try await partnership()
        guard let id = parameters.get("id", as: UUID.self),
              let e = try await EnquiryQueries.find(id, partnership: try p.requireID(), on: db) else { throw NotFound("enquiry") }
        storage[EnquiryKey.self] = e
        return e
    }
}

/// The permission each enquiry route needs, resolved from the partnership or council its URL names.
enum EnquiryRules {
    static func view(_ req: Request) async throws -> Permission { .enquiry(.view(try await req.partnershipScope())) }
    static func raise(_ req: Request) async throws -> Permission { .enquiry(.raise(try await req.partnershipScope())) }
    static func withdraw(_ req: Request) async throws -> Permission { .enquiry(.withdraw(try await req.partnershipScope())) }
    static func respond(_ req: Request) async throws -> Permission { .enquiry(.respond(try await req.partnershipScope())) }
    static func manageDirectory(_ req: Request) async throws -> Permission {
        .enquiry(.manageDirectory(councilID: try await req.council().requireID()))
    }

    static func inbox(_ req: Request) async throws -> Permission {
        .enquiry(.inbox(councilID: try await req.council().requireID()))
    }
}

/// Which council a new enquiry goes to: the one chosen, or the area's only council.
enum EnquiryCouncil {
    static func choose(_ raw: String?, from councils: [OrganisationRecord]) throws -> OrganisationRecord {
        let text = TextRules.trimmed(raw)
        if text.isEmpty {
            if councils.count == 1 { return councils[0] }
            throw ValidationFailure("council", councils.isEmpty
                ? "This partnership's area has no council to ask: ask the chair to add one to the area"
                : "Select the council your question is for")
        }
        guard let council = councils.first(where: { $0.slug == text || $0.id?.uuidString == text }) else {
            throw ValidationFailure("council", "Select one of the councils serving this area: the one given is not one of them")
        }
        return council
    }
}
