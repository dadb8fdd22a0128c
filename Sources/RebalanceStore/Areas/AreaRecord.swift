import FluentKit
import Foundation

public final class AreaRecord: Model, @unchecked Sendable {
    public static let schema = "areas"

    @ID(key: .id) public var id: UUID?
    @Field(key: "slug") public var slug: String
    @Field(key: "name") public var name: String
    @OptionalField(key: "description") public var summary: String?
    @OptionalField(key: "population_estimate") public var populationEstimate: Int?
    @Field(key: "version") public var version: Int
    @Siblings(through: AreaCouncilRecord.self, from: \.$area, to: \.$council) public var councils: [OrganisationRecord]
    @OptionalChild(for: \.$area) public var partnership: PartnershipRecord?

    public init() {}
}

extension AreaRecord: Audited {
    public static let auditType = "area"
    public var auditLabel: String { name }
    public var auditFields: [String: String] {
        ["name": name, "slug": slug, "description": summary ?? "",
         "population_estimate": populationEstimate.map(String.init) ?? ""]
    }
}

/// Which councils serve an area (an area can straddle a district and a county).
public final class AreaCouncilRecord: Model, @unchecked Sendable {
    public static let schema = "area_councils"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "area_id") public var area: AreaRecord
    @Parent(key: "council_id") public var council: OrganisationRecord

    public init() {}
}
