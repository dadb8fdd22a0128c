/// JSON Schemas (OpenAPI 3.1) of every body the API sends or takes.
enum APISchemas {
    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }
    static let string: JSONValue = ["type": "string"]
    static let nullableString: JSONValue = ["type": ["string", "null"]]
    static let integer: JSONValue = ["type": "integer"]
    static let boolean: JSONValue = ["type": "boolean"]
    static let uuid: JSONValue = ["type": "string", "format": "uuid"]
    /// `format` is only an annotation in JSON Schema 2020-12, so the shape is also a pattern
    /// that generated clients and fuzzers honour; `SchemaCheck` also refuses days that do not exist.
    static let datePattern: JSONValue = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
    static let date: JSONValue = ["type": "string", "format": "date", "pattern": datePattern]
    static let nullableDate: JSONValue = ["type": ["string", "null"], "format": "date", "pattern": datePattern]

    static func object(_ properties: [(String, JSONValue)], required: [String], description: String? = nil) -> JSONValue {
        var o: JSONValue = ["type": "object", "properties": .object(properties), "required": .array(required.map { .string($0) })]
        if let description { o = o.setting("description", .string(description)) }
        return o
    }

    /// Text a person must type: not blank, at most `max` characters (as the forms check it;
    /// JSON Schema counts code points, never fewer than the characters the server counts).
    static func text(_ max: Int) -> JSONValue {
        ["type": "string", "minLength": 1, "maxLength": .int(max), "pattern": "\\S"]
    }
    /// Text that may be left out or blank, at most `max` characters.
    static func optionalText(_ max: Int) -> JSONValue { ["type": "string", "maxLength": .int(max)] }
    /// The same, where null clears it.
    static func nullableText(_ max: Int) -> JSONValue { ["type": ["string", "null"], "maxLength": .int(max)] }

    static func array(_ items: JSONValue) -> JSONValue { ["type": "array", "items": items] }
    static func nullable(_ name: String) -> JSONValue { ["oneOf": [ref(name), ["type": "null"]]] }
    static func enumeration(_ values: [String]) -> JSONValue { ["type": "string", "enum": .array(values.map { .string($0) })] }

    static func list(of name: String) -> JSONValue {
        object([("items", array(ref(name))), ("page", integer), ("per", integer), ("total", integer), ("pages", integer)],
               required: ["items", "page", "per", "total", "pages"])
    }

    static let components: JSONValue = .object(foundation + dialogue + WorkPages.schemas + AgreementAPI.schemas + CommitmentAPI.schemas
                                                + ProjectAPI.schemas + TimelineAPI.schemas + AccountabilityAPI.schemas
                                                + EnquirySchemas.all + HealthCheckAPI.schemas + DecisionAPI.schemas
                                                + PrivacyAPI.schemas + MoneyAPI.schemas)

    static let foundation: [(String, JSONValue)] = [
        ("Problem", object([("error", string), ("message", string),
                            ("fields", ["type": "object", "additionalProperties": ["type": "string"]])],
                           required: ["error", "message"])),
        ("OpenAPIDocument", ["type": "object"]),
        ("Ref", object([("slug", string), ("name", string)], required: ["slug", "name"])),
        ("Area", object([("id", uuid), ("slug", string), ("name", string), ("description", nullableString),
                         ("populationEstimate", ["type": ["integer", "null"]]), ("councils", array(ref("Ref"))),
                         ("partnership", nullable("Ref")), ("version", integer)],
                        required: ["id", "slug", "name", "councils", "version"])),
        ("AreaInput", object([("name", text(120)), ("description", nullableText(4000)),
                              ("populationEstimate", ["type": ["integer", "null"], "minimum": 0, "maximum": 10_000_000]),
                              ("councils", ["type": "array", "items": string, "description": "Council slugs"]),
                              ("partnershipName", nullableText(120)),
                              ("version", ["type": "integer", "description": "Required when changing an area"])],
                             required: [], description: "On create, name and councils are required; on change, send only what changes, plus version")),
        ("CompositionItem", object([("rule", string), ("passed", boolean), ("detail", string), ("nextStep", nullableString)],
                                   required: ["rule", "passed", "detail"])),
        ("Partnership", object([("id", uuid), ("slug", string), ("name", string), ("description", nullableString),
                                ("area", ref("Ref")), ("lto", nullable("Ref")), ("councils", array(ref("Ref"))),
                                ("memberCount", integer), ("composition", array(ref("CompositionItem"))),
                                ("compositionPassed", boolean), ("version", integer)],
                               required: ["id", "slug", "name", "area", "councils", "memberCount", "composition", "compositionPassed", "version"])),
        ("PartnershipInput", object([("name", text(120)), ("description", nullableText(4000)),
                                     ("lto", ["type": ["string", "null"], "description": "Slug of an LTO organisation"]),
                                     ("version", integer)], required: ["version"])),
        ("PersonRef", object([("id", uuid), ("name", string), ("email", ["type": "string", "description": "Only for those allowed to see members' contacts"])],
                             required: ["id", "name"])),
        ("Member", object([("id", uuid), ("person", ref("PersonRef")), ("role", enumeration(MembershipRoleNames.all)),
                           ("roleLabel", string), ("votes", boolean), ("livesInArea", boolean), ("startsOn", date),
                           ("endsOn", nullableDate), ("current", boolean), ("organisation", nullable("Ref")), ("version", integer)],
                          required: ["id", "person", "role", "roleLabel", "votes", "livesInArea", "startsOn", "current", "version"])),
        ("MemberInput", object([("person", ["type": "string", "description": "Registered email address or person id (on create)"]),
                                ("role", enumeration(MembershipRoleNames.all)), ("votes", boolean), ("livesInArea", boolean),
                                ("startsOn", date), ("endsOn", nullableDate),
                                ("organisation", ["type": ["string", "null"], "description": "Organisation slug"]),
                                ("version", ["type": "integer", "description": "Required when changing a membership"])],
                               required: [])),
        ("Team", object([("id", uuid), ("slug", string), ("name", string), ("remit", nullableString)], required: ["id", "slug", "name"])),
        ("TeamInput", object([("name", text(120)), ("remit", nullableText(2000))], required: ["name"])),
        ("Organisation", object([("id", uuid), ("slug", string), ("name", string), ("kind", enumeration(OrganisationKindNames.all)),
                                 ("identifier", nullableString), ("description", nullableString), ("website", nullableString),
                                 ("holdsMoney", ["type": "boolean", "description": "Holds partnerships' money as a locally trusted organisation"]),
                                 ("teams", array(ref("Team"))), ("version", integer)],
                                required: ["id", "slug", "name", "kind", "holdsMoney", "teams", "version"])),
        ("OrganisationInput", object([("name", text(120)), ("kind", enumeration(OrganisationKindNames.all)),
                                      ("identifier", ["type": ["string", "null"], "description": "org-id style, e.g. GB-CHC-1145268"]),
                                      ("description", nullableText(4000)), ("website", nullableText(300)),
                                      ("holdsMoney", ["type": "boolean", "description": "Also holds partnerships' money (administrators only); always true for an LTO"]),
                                      ("version", ["type": "integer", "description": "Required when changing an organisation"])],
                                     required: [])),
        ("Change", object([("field", string), ("before", nullableString), ("after", nullableString)], required: ["field"])),
        ("AuditEntry", object([("id", uuid), ("at", ["type": "string", "format": "date-time"]), ("actor", string),
                               ("action", string), ("entityType", string), ("entityId", string), ("entityLabel", string),
                               ("changes", array(ref("Change")))],
                              required: ["id", "at", "actor", "action", "entityType", "entityId", "entityLabel", "changes"])),
        ("MembershipSummary", object([("partnership", ref("Ref")), ("roles", array(string))], required: ["partnership", "roles"])),
        ("Me", object([("id", uuid), ("name", string), ("email", string), ("isAdmin", boolean),
                       ("memberships", array(ref("MembershipSummary")))],
                      required: ["id", "name", "email", "isAdmin", "memberships"])),
    ]
}

import RebalanceCore

enum MembershipRoleNames { static let all = MembershipRole.allCases.map(\.rawValue) }
enum OrganisationKindNames { static let all = OrganisationKind.allCases.map(\.rawValue) }
