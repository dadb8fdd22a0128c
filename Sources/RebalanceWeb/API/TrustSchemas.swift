import RebalanceCore

// The JSON Schemas of the agreement, commitments, projects, timeline and accountability
// bodies, next to each other so the trust features' API reads as one piece.

extension AgreementAPI {
    typealias S = APISchemas
    static let schemas: [(String, JSONValue)] = [
        ("FixedItem", S.object([("text", S.string), ("basis", S.enumeration(FixedBasis.allCases.map(\.rawValue)))], required: ["text", "basis"])),
        ("AgreementContent", S.object([("aims", S.string), ("roles", S.string), ("priorities", S.string),
                                       ("fixedItems", S.array(S.ref("FixedItem"))), ("negotiable", S.array(S.string)),
                                       ("liabilities", S.string), ("decisionMaking", S.string),
                                       ("decisionRules", ["oneOf": [S.ref("DecisionRules"), ["type": "null"]],
                                                          "description": "Null when this version sets none: proposals then use the Big Local defaults"]),
                                       ("reviewOn", S.nullableDate)],
                                      required: ["aims", "roles", "priorities", "fixedItems", "negotiable", "liabilities", "decisionMaking",
                                                 "decisionRules", "reviewOn"])),
        ("Signature", S.object([("name", S.string), ("on", S.date)], required: ["name", "on"])),
        ("AgreementVersion", S.object([("number", S.integer),
                                       ("status", S.enumeration(["draft", "partly_signed", "in_force", "superseded", "abandoned"])),
                                       ("changeSummary", S.string), ("draftedBy", S.string), ("draftedOn", S.date),
                                       ("councilOfficer", S.string), ("partnershipSignature", S.nullable("Signature")),
                                       ("councilSignature", S.nullable("Signature")), ("effectiveOn", S.nullableDate),
                                       ("content", S.ref("AgreementContent")), ("version", S.integer)],
                                      required: ["number", "status", "changeSummary", "draftedBy", "draftedOn", "councilOfficer",
                                                 "partnershipSignature", "councilSignature", "effectiveOn", "content", "version"])),
        ("Agreement", S.object([("inForce", S.nullable("AgreementVersion")), ("latest", S.nullable("AgreementVersion"))],
                               required: ["inForce", "latest"])),
        ("AgreementDraftInput", S.object([("aims", S.text(8000)), ("roles", S.text(8000)), ("priorities", S.text(8000)),
                                          ("fixedLegal", S.array(S.string)), ("fixedHabit", S.array(S.string)),
                                          ("negotiable", S.array(S.string)), ("liabilities", S.text(8000)), ("decisionMaking", S.text(8000)),
                                          ("decisionRules", S.ref("DecisionRulesInput")),
                                          ("reviewOn", S.date), ("changeSummary", S.text(1000)),
                                          ("councilOfficer", ["type": "string", "format": "uuid", "description": "Person id of the officer who signs for the council"]),
                                          ("basedOn", ["type": "integer", "description": "Number of the newest version you read; 0 if none"]),
                                          ("version", ["type": "integer", "description": "Required when the newest version is an unsigned draft"])],
                                         required: ["basedOn"])),
        ("AgreementSignInput", S.object([("side", S.enumeration(AgreementSide.allCases.map(\.rawValue))), ("version", S.integer)],
                                        required: ["side", "version"])),
    ]
}

extension CommitmentAPI {
    typealias S = APISchemas
    static let schemas: [(String, JSONValue)] = [
        ("CommitmentParty", S.object([("key", S.string), ("kind", S.enumeration(CommitmentParty.Kind.allCases.map(\.rawValue))), ("name", S.string)],
                                     required: ["key", "kind", "name"])),
        ("CommitmentEvent", S.object([("on", S.date), ("kind", S.enumeration(["created", "state", "renegotiated", "reassigned"])),
                                      ("fromState", S.nullableString), ("toState", S.nullableString), ("fromDue", S.nullableDate),
                                      ("toDue", S.nullableDate), ("reason", S.nullableString), ("actor", S.string)],
                                     required: ["on", "kind", "fromState", "toState", "fromDue", "toDue", "reason", "actor"])),
        ("ProjectRef", S.object([("id", S.uuid), ("title", S.string)], required: ["id", "title"])),
        ("Commitment", S.object([("id", S.uuid), ("title", S.string), ("description", S.nullableString),
                                 ("owner", S.ref("CommitmentParty")), ("recipient", S.ref("CommitmentParty")),
                                 ("size", S.enumeration(CommitmentSize.allCases.map(\.rawValue))),
                                 ("state", S.enumeration(CommitmentState.allCases.map(\.rawValue))),
                                 ("createdOn", S.date), ("originalDueOn", S.date), ("dueOn", S.date), ("deliveredOn", S.nullableDate),
                                 ("deliveredOnTime", ["type": ["boolean", "null"]]), ("overdue", S.boolean), ("renegotiations", S.integer),
                                 ("reason", S.nullableString), ("project", S.nullable("ProjectRef")), ("meeting", S.nullableString),
                                 ("decision", S.nullableString),
                                 ("decisionId", ["type": ["string", "null"], "format": "uuid", "description": "The decision-log entry it carries out"]),
                                 ("history", S.array(S.ref("CommitmentEvent"))), ("version", S.integer)],
                                required: ["id", "title", "description", "owner", "recipient", "size", "state", "createdOn", "originalDueOn",
                                           "dueOn", "deliveredOn", "deliveredOnTime", "overdue", "renegotiations", "reason", "project",
                                           "meeting", "decision", "decisionId", "history", "version"])),
        ("CommitmentInput", S.object([("title", S.text(200)), ("description", S.optionalText(4000)),
                                      ("owner", ["type": "string", "description": "Party key: partnership, team:<id>, lto:<id> or person:<id>"]),
                                      ("recipient", ["type": "string", "description": "Party key, as for owner"]),
                                      ("dueOn", S.date), ("size", S.enumeration(CommitmentSize.allCases.map(\.rawValue))),
                                      ("project", ["type": "string", "format": "uuid"]), ("meeting", S.optionalText(200)), ("decision", S.optionalText(200)),
                                      ("decisionId", ["type": "string", "format": "uuid", "description": "The decision-log entry the promise carries out"]),
                                      ("state", S.enumeration(["proposed", "agreed"])),
                                      ("confirmOverPromise", ["type": "boolean", "description": "Needed when the party already has 2 or more overdue commitments"])],
                                     required: ["title", "owner", "recipient", "dueOn", "size"])),
        ("CommitmentTransitionInput", S.object([("state", S.enumeration(CommitmentState.allCases.map(\.rawValue))),
                                                ("reason", ["type": "string", "description": "Required to withdraw"]),
                                                ("on", ["type": "string", "format": "date", "description": "When it happened; today if left out"]),
                                                ("version", S.integer)], required: ["state", "version"])),
        ("CommitmentRenegotiationInput", S.object([("dueOn", S.date), ("reason", S.text(2000)), ("version", S.integer)],
                                                  required: ["dueOn", "reason", "version"])),
    ]
}

extension ProjectAPI {
    typealias S = APISchemas
    static let schemas: [(String, JSONValue)] = [
        ("Milestone", S.object([("title", S.string), ("dueOn", S.date), ("doneOn", S.nullableDate)], required: ["title", "dueOn", "doneOn"])),
        ("ProjectPermissionStatus", S.object([("kind", S.enumeration(ProjectPermissionKind.allCases.map(\.rawValue))),
                                              ("status", S.enumeration(ProjectPermissionStatus.allCases.map(\.rawValue))), ("note", S.nullableString)],
                                             required: ["kind", "status", "note"])),
        ("Project", S.object([("id", S.uuid), ("title", S.string), ("description", S.nullableString), ("planPriority", S.nullableString),
                              ("communityLead", S.string), ("councilContact", S.string),
                              ("stage", S.enumeration(ProjectStage.allCases.map(\.rawValue))), ("endpoint", S.string),
                              ("endsOn", S.nullableDate), ("councilResponsibilities", S.nullableString), ("lastingImpact", S.nullableString),
                              ("milestones", S.array(S.ref("Milestone"))), ("permissions", S.array(S.ref("ProjectPermissionStatus"))),
                              ("version", S.integer)],
                             required: ["id", "title", "description", "planPriority", "communityLead", "councilContact", "stage", "endpoint",
                                        "endsOn", "councilResponsibilities", "lastingImpact", "milestones", "permissions", "version"])),
        ("ProjectInput", S.object([("title", S.text(200)), ("description", S.nullableText(8000)), ("planPriority", S.nullableText(200)),
                                   ("communityLead", S.text(200)), ("councilContact", S.text(200)),
                                   ("stage", S.enumeration(ProjectStage.allCases.map(\.rawValue))), ("endpoint", S.text(2000)),
                                   ("endsOn", S.nullableDate), ("councilResponsibilities", S.nullableText(4000)), ("lastingImpact", S.nullableText(4000)),
                                   ("version", ["type": "integer", "description": "Required when changing a project"])],
                                  required: [], description: "On create, title, communityLead, councilContact, stage and endpoint are required")),
    ]
}

extension TimelineAPI {
    typealias S = APISchemas
    static let schemas: [(String, JSONValue)] = [
        ("TimelineEntry", S.object([("on", S.date), ("kind", S.enumeration(TimelineEntry.Kind.allCases.map(\.rawValue))), ("title", S.string),
                                    ("detail", S.nullableString), ("link", S.nullableString)],
                                   required: ["on", "kind", "title", "detail", "link"])),
    ]
}

extension AccountabilityAPI {
    typealias S = APISchemas
    static let schemas: [(String, JSONValue)] = [
        ("TrackRecord", S.object([("onTime", S.integer), ("late", S.integer), ("missed", S.integer), ("open", S.integer),
                                  ("overdue", S.integer), ("withdrawn", S.integer), ("renegotiated", S.integer),
                                  ("onTimeAfterRenegotiation", S.integer)],
                                 required: ["onTime", "late", "missed", "open", "overdue", "withdrawn", "renegotiated", "onTimeAfterRenegotiation"])),
        ("AccountabilityParty", S.object([("party", S.ref("CommitmentParty")), ("trackRecord", S.ref("TrackRecord")),
                                          ("open", S.array(S.ref("Commitment"))), ("delivered", S.array(S.ref("Commitment")))],
                                         required: ["party", "trackRecord", "open", "delivered"])),
        ("Accountability", S.object([("asOf", S.date), ("parties", S.array(S.ref("AccountabilityParty")))], required: ["asOf", "parties"])),
    ]
}
