import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// A person's own data through the API: the same document as the download on the account page.
enum PrivacyAPI {
    static func endpoints() -> [Endpoint] {
        [
            .api(.GET, .myData, .fixed(.account(.useOwn)),
                 doc: APIDoc(summary: "Everything the site holds about the signed-in person (their data under UK GDPR), as one document",
                             tag: "accounts", response: .object("PersonalData"), errors: [401])) { req in
                let person = try req.requirePerson()
                let response = try API.json(try await PersonalData.collect(for: try person.requireID(), on: req.db))
                response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
                return response
            },
        ]
    }

    typealias S = APISchemas
    static let dateTime: JSONValue = ["type": "string", "format": "date-time"]
    static let nullableDateTime: JSONValue = ["type": ["string", "null"], "format": "date-time"]

    static let schemas: [(String, JSONValue)] = [
        ("PersonalData", S.object([
            ("exportedAt", dateTime),
            ("account", S.object([("id", S.uuid), ("name", S.string), ("email", S.string), ("isAdministrator", S.boolean),
                                  ("createdAt", nullableDateTime), ("pendingEmail", S.nullableString), ("disabledAt", nullableDateTime)],
                                 required: ["id", "name", "email", "isAdministrator"])),
            ("notificationPreferences", S.object([("noEmailAtAll", S.boolean)], required: ["noEmailAtAll"])),
            ("memberships", S.array(S.object([("partnership", S.string), ("partnershipSlug", S.string), ("role", S.string),
                                                ("votes", S.boolean), ("livesInArea", S.boolean), ("startsOn", S.date),
                                                ("endsOn", S.nullableDate)],
                                               required: ["partnership", "partnershipSlug", "role", "votes", "livesInArea", "startsOn"]))),
            ("staffRoles", S.array(S.object([("organisation", S.string), ("team", S.nullableString), ("jobTitle", S.string)],
                                              required: ["organisation", "jobTitle"]))),
            ("commitmentsOwned", S.array(S.object([("id", S.uuid), ("partnership", S.string), ("title", S.string), ("promisedTo", S.string),
                                                     ("state", S.string), ("dueOn", S.date)],
                                                    required: ["id", "partnership", "title", "promisedTo", "state", "dueOn"]))),
            ("positions", S.array(S.object([("proposal", S.string), ("position", S.string), ("reason", S.nullableString), ("at", dateTime)],
                                             required: ["proposal", "position", "at"]))),
            ("interestsDeclared", S.array(S.object([("proposal", S.string), ("interest", S.string), ("declaredAt", dateTime)],
                                                     required: ["proposal", "interest", "declaredAt"]))),
            ("namedPollVotes", S.array(S.object([("poll", S.string), ("ballot", S.string), ("castAt", dateTime)],
                                                  required: ["poll", "ballot", "castAt"]))),
            ("anonymousPollsVotedIn", S.array(S.string)),
            ("healthCheckInvitations", S.array(S.object([("partnership", S.string), ("opensOn", S.date), ("closesOn", S.date), ("seat", S.string),
                                                           ("answered", S.boolean), ("answers", ["type": ["object", "null"]])],
                                                          required: ["partnership", "opensOn", "closesOn", "seat", "answered"]))),
            ("enquiriesRaised", S.array(S.object([("id", S.uuid), ("partnership", S.string), ("title", S.string), ("question", S.string),
                                                    ("receivedOn", S.date), ("state", S.string), ("answer", S.nullableString)],
                                                   required: ["id", "partnership", "title", "question", "receivedOn", "state"]))),
            ("meetings", S.array(S.object([("partnership", S.string), ("meeting", S.string), ("day", S.date), ("status", S.string)],
                                            required: ["partnership", "meeting", "day", "status"]))),
            ("joinRequests", S.array(S.object([("partnership", S.string), ("kind", S.enumeration(JoinRequestKind.allCases.map(\.rawValue))),
                                                 ("message", S.nullableString), ("state", S.enumeration(JoinRequestState.allCases.map(\.rawValue))),
                                                 ("reply", S.nullableString), ("askedAt", dateTime)],
                                                required: ["partnership", "kind", "state", "askedAt"]))),
            ("apiTokens", S.array(S.object([("name", S.string), ("createdAt", nullableDateTime), ("lastUsedAt", nullableDateTime)],
                                             required: ["name"]))),
            ("mailSent", S.array(S.object([("subject", S.string), ("text", S.string), ("status", S.string), ("queuedAt", dateTime),
                                             ("sentAt", nullableDateTime)], required: ["subject", "text", "status", "queuedAt"]))),
            ("changesMade", S.array(S.object([("at", dateTime), ("action", S.string), ("recordType", S.string), ("record", S.string),
                                                ("fields", S.array(S.string))], required: ["at", "action", "recordType", "record", "fields"]))),
        ], required: ["exportedAt", "account", "notificationPreferences", "memberships", "staffRoles", "commitmentsOwned", "positions",
                      "interestsDeclared", "namedPollVotes", "anonymousPollsVotedIn", "healthCheckInvitations", "enquiriesRaised",
                      "meetings", "joinRequests", "apiTokens", "mailSent", "changesMade"],
           description: "A person's own data: other people appear only by names needed for context, anonymous ballots never")),
    ]
}
