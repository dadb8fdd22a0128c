import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// The partnership agreement: the version in force, every version with its signatures, a
/// readable diff between any two, drafting a change and signing one off.
enum AgreementPages {
    static func endpoints() -> [Endpoint] {
        [
            .page(.GET, .agreement(":slug"), .fixed(.viewPublic), handler: overview),
            .page(.GET, .agreementVersion(":slug", ":id"), .fixed(.viewPublic)) { req in try await versionPage(req) },
            .page(.GET, .agreementDiff(":slug"), .fixed(.viewPublic), handler: diff),
            .page(.GET, .agreementDraft(":slug"), .resolved(draftPermission)) { req in
                let p = try await req.partnership()
                let latest = try await AgreementQueries.latest(in: try p.requireID(), on: req.db)
                let form = based(try await draftForm(req, p).showing(draftValues(latest), errors: []), on: latest)
                return try await draftPage(req, p, form: form, latest: latest)
            },
            .page(.POST, .agreementDraft(":slug"), .resolved(draftPermission), handler: saveDraft),
            .page(.POST, .signAgreement(":slug", ":id"), .resolved(signPermission), handler: sign),
        ]
    }

    static func draftPermission(_ req: Request) async throws -> Permission {
        .agreement(.draft(try await req.partnershipScope()))
    }

    static func signPermission(_ req: Request) async throws -> Permission {
        .agreement(.sign(try await req.partnershipScope()))
    }

    // MARK: views

    struct SectionView: Encodable {
        let title: String
        let lines: [String]
    }

    static func sections(_ content: AgreementContent) -> [SectionView] {
        content.sections.map { SectionView(title: $0.section.title, lines: $0.lines) }
    }

    struct VersionLine: Encodable {
        let number: Int
        let href: String
        let status: String
        let statusColour: String
        let drafted: String
        let summary: String
        let partnershipSigned: String?
        let councilSigned: String?
        let councilOfficer: String
    }

    static func versionLine(_ v: AgreementVersionRecord, status: AgreementVersionStatus, slug: String) -> VersionLine {
        VersionLine(number: v.number, href: SiteURL.agreementVersion(slug, String(v.number)).path, status: status.label,
                    statusColour: status.tagColour, drafted: "\(v.draftedByName), \(v.draftedOn.readable)", summary: v.changeSummary,
                    partnershipSigned: v.partnershipSignedByName.map { "\($0), \(v.partnershipSignedOn?.readable ?? "")" },
                    councilSigned: v.councilSignedByName.map { "\($0), \(v.councilSignedOn?.readable ?? "")" },
                    councilOfficer: v.councilOfficerName)
    }

    struct OverviewView: Encodable {
        let chrome: PageChrome
        let nav: PartnershipNav
        let partnership: String
        let partnershipHref: String
        let inForce: VersionLine?
        let effective: String?
        let sections: [SectionView]
        let versions: [VersionLine]
        let draftHref: String?
        let diffHref: String
        let diffOptions: [FieldView.Option]
        let diffFrom: String
        let diffTo: String
        /// "Version 2 is waiting for …": whose signature the newest unsigned version still needs.
        let waiting: Waiting?
        struct Waiting: Encodable { let text: String; let href: String }
    }

    /// Whose signatures a version still needs, in words.
    static func waitingFor(_ v: AgreementVersionRecord) -> String? {
        var who: [String] = []
        if v.partnershipSignedByID == nil { who.append("the partnership's chair") }
        if v.councilSignedByID == nil { who.append("\(v.councilOfficerName) for the council") }
        guard !who.isEmpty else { return nil }
        return "Version \(v.number) is waiting for the signature of " + who.joined(separator: " and of ") + "."
    }

    /// The sides this person may sign `v` for now, by the same rule the signing itself applies.
    static func sidesOffered(_ req: Request, _ p: PartnershipRecord, _ v: AgreementVersionRecord, latest: Int) -> [AgreementSide] {
        guard let pid = p.id, let scope = try? PartnershipQueries.scope(of: p) else { return [] }
        return AgreementSide.allCases.filter { side in
            (try? AgreementSignOff.check(side.rawValue, version: v.facts(latest: latest), actor: req.actor, partnershipID: pid,
                                         councilIDs: scope.councilIDs)) != nil
        }
    }

    static func overview(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let versions = try await AgreementQueries.versions(in: try p.requireID(), on: req.db)
        let statuses = AgreementQueries.statuses(versions)
        let current = AgreementQueries.inForce(versions)
        let newest = versions.last
        return try await req.render("agreements/show", OverviewView(
            chrome: await PageChrome(req, title: "Agreement: \(p.name)"), nav: PartnershipNav(req, p.slug),
            partnership: p.name, partnershipHref: SiteURL.partnership(p.slug).path,
            inForce: current.map { versionLine($0, status: .inForce, slug: p.slug) }, effective: current?.effectiveOn?.readable,
            sections: current.map { sections($0.content) } ?? [],
            versions: versions.reversed().map { versionLine($0, status: statuses[$0.number] ?? .draft, slug: p.slug) },
            draftHref: Gate.allows(try await draftPermission(req), for: req) ? SiteURL.agreementDraft(p.slug).path : nil,
            diffHref: SiteURL.agreementDiff(p.slug).path,
            diffOptions: versions.map { .init(value: String($0.number), label: "Version \($0.number)") },
            diffFrom: String(current?.number ?? max(1, (newest?.number ?? 1) - 1)), diffTo: String(newest?.number ?? 1),
            waiting: newest.flatMap { v in
                let status = statuses[v.number] ?? .draft
                guard status == .draft || status == .partlySigned, let text = waitingFor(v) else { return nil }
                return .init(text: text, href: SiteURL.agreementVersion(p.slug, String(v.number)).path)
            }))
    }

    struct VersionView: Encodable {
        let chrome: PageChrome
        let nav: PartnershipNav
        let backHref: String
        let number: Int
        let line: VersionLine
        let sections: [SectionView]
        let previousDiffHref: String?
        let printNote: String
        let signForm: FormView?
        let waiting: String?
    }

    static func versionPage(_ req: Request, form: FormView? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let p = try await req.partnership()
        let versions = try await AgreementQueries.versions(in: try p.requireID(), on: req.db)
        guard let number = req.parameters.get("id", as: Int.self), let v = versions.first(where: { $0.number == number }) else {
            throw NotFound("agreement version")
        }
        let statuses = AgreementQueries.statuses(versions)
        let versionStatus = statuses[v.number] ?? .draft
        let mayReachSigning = Gate.allows(try await signPermission(req), for: req)
        let signable = (versionStatus == .draft || versionStatus == .partlySigned) && mayReachSigning
        return try await req.render("agreements/version", VersionView(
            chrome: await PageChrome(req, title: "Agreement version \(v.number)"), nav: PartnershipNav(req, p.slug),
            backHref: SiteURL.agreement(p.slug).path, number: v.number,
            line: versionLine(v, status: versionStatus, slug: p.slug), sections: sections(v.content),
            previousDiffHref: v.number > 1 ? SiteURL.agreementDiff(p.slug).path + "?from=\(v.number - 1)&to=\(v.number)" : nil,
            printNote: "\(p.name) and its council: agreement version \(v.number), \(versionStatus.label.lowercased()).",
            // Only the sides this person may sign for; none, and there is no form.
            signForm: form ?? {
                let offered = signable ? sidesOffered(req, p, v, latest: versions.map(\.number).max() ?? v.number) : []
                return offered.isEmpty ? nil : signForm(req, p, v, sides: offered)
            }(),
            waiting: versionStatus == .draft || versionStatus == .partlySigned ? waitingFor(v) : nil), status: status)
    }

    /// `sides`: those offered; nil offers every side not yet signed (a refused attempt is shown again so).
    static func signForm(_ req: Request, _ p: PartnershipRecord, _ v: AgreementVersionRecord, sides: [AgreementSide]? = nil) -> FormView {
        var options: [FieldView.Option] = []
        let offered = sides ?? AgreementSide.allCases
        if v.partnershipSignedByID == nil, offered.contains(.partnership) { options.append(.init(value: "partnership", label: "The partnership (as its chair)")) }
        if v.councilSignedByID == nil, offered.contains(.council) { options.append(.init(value: "council", label: "The council (as the named officer, \(v.councilOfficerName))")) }
        return FormView(req, action: SiteURL.signAgreement(p.slug, String(v.number)).path, submit: "Sign this version", fields: [
            .select("side", "Signing for", hint: "Only the chair signs for the partnership; only \(v.councilOfficerName) signs for the council",
                    options: options, blank: "Choose a side"),
        ]).hiding("version", String(v.version))
    }

    static func sign(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let input = FormInput(req)
        guard let number = req.parameters.get("id", as: Int.self),
              let v = try await AgreementQueries.version(number, in: try p.requireID(), on: req.db) else { throw NotFound("agreement version") }
        do {
            let signed = try await AgreementCommands.sign(number: number, in: try p.requireID(), side: input["side"], expectedVersion: input.version,
                                                          by: req.actor, notify: req.noticeSender, on: req.db)
            let both = signed.partnershipSignedByID != nil && signed.councilSignedByID != nil
            req.flash(both ? "Version \(number) is signed by both sides and is now in force." : "Your signature has been recorded. Version \(number) takes effect when the other side signs.")
            return req.seeOther(.agreementVersion(p.slug, String(number)))
        } catch let failure as ValidationFailure {
            let form = signForm(req, p, v).showing(input.values, errors: failure.errors)
            return try await versionPage(req, form: form, status: .unprocessableEntity)
        } catch let conflict as VersionConflict {
            let current = try await AgreementQueries.version(number, in: try p.requireID(), on: req.db) ?? v
            var form = signForm(req, p, current)
            form.conflict = conflict.message
            return try await versionPage(req, form: form, status: .conflict)
        }
    }

    // MARK: diff

    struct DiffView: Encodable {
        let chrome: PageChrome
        let nav: PartnershipNav
        let backHref: String
        let from: Int
        let to: Int
        let fromHref: String
        let toHref: String
        let sections: [Section]
        let unchanged: Bool
        let action: String
        let options: [FieldView.Option]
        let toOptions: [FieldView.Option]
        struct Section: Encodable {
            let title: String
            let lines: [Line]
        }
        struct Line: Encodable { let kind: String; let text: String; let label: String }
    }

    static func diff(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let versions = try await AgreementQueries.versions(in: try p.requireID(), on: req.db)
        let from = req.query[String.self, at: "from"].flatMap(Int.init) ?? max(1, (versions.last?.number ?? 1) - 1)
        let to = req.query[String.self, at: "to"].flatMap(Int.init) ?? (versions.last?.number ?? 1)
        guard let a = versions.first(where: { $0.number == from }), let b = versions.first(where: { $0.number == to }) else {
            throw NotFound("agreement version")
        }
        let changed = AgreementDiff(from: a.content, to: b.content).changedSections
        func options(_ chosen: Int) -> [FieldView.Option] {
            versions.map { .init(value: String($0.number), label: "Version \($0.number)", selected: $0.number == chosen) }
        }
        return try await req.render("agreements/diff", DiffView(
            chrome: await PageChrome(req, title: "Changes from version \(from) to version \(to)"), nav: PartnershipNav(req, p.slug),
            backHref: SiteURL.agreement(p.slug).path, from: from, to: to,
            fromHref: SiteURL.agreementVersion(p.slug, String(from)).path, toHref: SiteURL.agreementVersion(p.slug, String(to)).path,
            sections: changed.map { s in
                .init(title: s.section.title, lines: s.lines.map { l in
                    .init(kind: l.kind.rawValue, text: l.text,
                          label: l.kind == .added ? "Added" : l.kind == .removed ? "Removed" : "Unchanged")
                })
            },
            unchanged: changed.isEmpty, action: SiteURL.agreementDiff(p.slug).path, options: options(from), toOptions: options(to)))
    }

    // MARK: drafting

    /// The hidden fields that tie a draft form to what the editor saw: the newest version number,
    /// and that draft's row version when it is an unsigned draft being edited.
    static func based(_ form: FormView, on latest: AgreementVersionRecord?) -> FormView {
        var form = form.hiding("basedOn", String(latest?.number ?? 0))
        if let latest, !latest.hasAnySignature { form = form.hiding("version", String(latest.version)) }
        return form
    }

    static func draftForm(_ req: Request, _ p: PartnershipRecord) async throws -> FormView {
        let officers = try await AgreementQueries.officers(of: try p.requireID(), on: req.db)
        return FormView(req, action: SiteURL.agreementDraft(p.slug).path, submit: "Save draft", fields: [
            .textarea("aims", "What each partner is trying to achieve", hint: "One line per partner or aim"),
            .textarea("roles", "Roles and responsibilities", hint: "The partnership, council teams, councillors, the LTO and the rep: one line each"),
            .textarea("priorities", "Mutual priorities", hint: "One per line"),
            .textarea("fixedLegal", "Fixed items that are legal duties", hint: "One per line, for example due diligence or data protection"),
            .textarea("fixedHabit", "Fixed items that are organisational habits", hint: "One per line. Habits are open to challenge; legal duties are not"),
            .textarea("negotiable", "Negotiable items", hint: "One per line"),
            .textarea("liabilities", "Liabilities and way of working", hint: "Due diligence, data protection, insurance"),
            .textarea("decisionMaking", "How decisions are made", hint: "In words: when you look for consensus, who chairs, what happens if you cannot agree"),
            .text("consensusAgreement", "Consensus: how many of those taking a side must agree",
                  hint: "Out of those who agree or disagree; abstaining is standing aside, and any block stops a proposal. For example at least 3/4 or 75%", width: "medium"),
            .text("majority", "Majority votes: share of yes votes needed",
                  hint: "Out of the yes and no votes cast. More than 1/2 is a simple majority; at least 2/3 asks for more", width: "medium"),
            .text("quorum", "Quorum", hint: "How many must take part in consensus and majority votes: a number of members like 5, a share of those who can take part like 1/2, or none", width: "medium"),
            .checkboxes("excludedRoles", "Roles that take no part in some proposals",
                        hint: "Some partnerships ask councillors to step out of key votes so residents have the final say. Residents can never be excluded",
                        options: ProposalTopic.allCases.flatMap { topic in
                            AgreementPages.excludableRoles.map { role in
                                FieldView.Option(value: "\(topic.rawValue):\(role.rawValue)", label: "\(topic.label) proposals: \(role.pluralPhrase)")
                            }
                        }, checked: []),
            .date("reviewOn", "Review date", hint: "When both sides will look at the agreement again, for example 30 April 2027"),
            .textarea("changeSummary", "What this version changes", hint: "A sentence both sides will see in the list of versions"),
            .select("councilOfficer", "Council officer who signs for the council", hint: "The chair signs for the partnership",
                    options: officers.map { .init(value: $0.id.uuidString, label: $0.name) }, blank: "Choose an officer"),
        ])
    }

    /// Roles a partnership might keep out of some topics: the voting seats that are not residents.
    static let excludableRoles: [MembershipRole] = [.councillor, .councilOfficer, .ltoRepresentative, .localOrganisation]

    static func draftValues(_ latest: AgreementVersionRecord?) -> [String: String] {
        let content = latest?.content ?? .empty
        let input = AgreementDraft.Input(content, changeSummary: latest?.hasAnySignature == false ? latest?.changeSummary : "",
                                         councilOfficer: latest?.councilOfficerID)
        let rules = input.decisionRules ?? DecisionRules.Input(.bigLocalDefault)
        return ["aims": input.aims ?? "", "roles": input.roles ?? "", "priorities": input.priorities ?? "",
                "fixedLegal": input.fixedLegal ?? "", "fixedHabit": input.fixedHabit ?? "", "negotiable": input.negotiable ?? "",
                "liabilities": input.liabilities ?? "", "decisionMaking": input.decisionMaking ?? "", "reviewOn": input.reviewOn ?? "",
                "changeSummary": input.changeSummary ?? "", "councilOfficer": input.councilOfficer ?? "",
                "consensusAgreement": rules.consensusAgreement ?? "", "majority": rules.majority ?? "", "quorum": rules.quorum ?? "",
                "excludedRoles": (rules.excludedRoles ?? [:]).sorted { $0.key < $1.key }
                    .flatMap { topic, roles in roles.map { "\(topic):\($0)" } }.joined(separator: ",")]
    }

    /// What the form sent, with the ticked exclusions joined as the checkbox group shows them.
    static func formValues(_ input: FormInput) -> [String: String] {
        var values = input.values
        values["excludedRoles"] = input.list("excludedRoles").joined(separator: ",")
        return values
    }

    static func draftPage(_ req: Request, _ p: PartnershipRecord, form: FormView, latest: AgreementVersionRecord?,
                          status: HTTPResponseStatus = .ok) async throws -> Response {
        let intro: String
        if let latest, !latest.hasAnySignature {
            intro = "You are changing the draft of version \(latest.number). Nobody has signed it yet."
        } else {
            intro = "Saving makes version \((latest?.number ?? 0) + 1). It takes effect once the chair and the named council officer have both signed it."
        }
        return try await req.render("form-page", FormPage(chrome: await PageChrome(req, title: "Draft a change to the agreement"), form: form,
                                                          intro: intro, back: .init(href: SiteURL.agreement(p.slug).path, label: "Back")),
                                    status: status)
    }

    static func draftInput(_ input: FormInput) -> AgreementDraft.Input {
        var excluded: [String: [String]] = [:]
        for pair in input.list("excludedRoles") {
            let parts = pair.split(separator: ":", maxSplits: 1).map(String.init)
            if parts.count == 2 { excluded[parts[0], default: []].append(parts[1]) } else { excluded[pair, default: []] = [] }
        }
        return .init(aims: input["aims"], roles: input["roles"], priorities: input["priorities"], fixedLegal: input["fixedLegal"],
                     fixedHabit: input["fixedHabit"], negotiable: input["negotiable"], liabilities: input["liabilities"],
                     decisionMaking: input["decisionMaking"],
                     decisionRules: .init(consensusAgreement: input["consensusAgreement"], majority: input["majority"],
                                          quorum: input["quorum"], excludedRoles: excluded),
                     reviewOn: input["reviewOn"], changeSummary: input["changeSummary"], councilOfficer: input["councilOfficer"])
    }

    static func saveDraft(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let input = FormInput(req)
        let seen = Int(input["basedOn"] ?? "") ?? -1
        do {
            let v = try await AgreementCommands.saveDraft(in: try p.requireID(), draftInput(input), seenLatest: seen,
                                                          expectedVersion: input["version"].flatMap { Int($0) }, by: req.actor, on: req.db)
            req.flash("Version \(v.number) has been saved as a draft. It needs both sides' signatures to take effect.")
            return req.seeOther(.agreementVersion(p.slug, String(v.number)))
        } catch let failure as ValidationFailure {
            let latest = try await AgreementQueries.latest(in: try p.requireID(), on: req.db)
            var form = try await draftForm(req, p).showing(formValues(input), errors: failure.errors)
                .hiding("basedOn", input["basedOn"] ?? "")
            if let v = input["version"] { form = form.hiding("version", v) }
            return try await draftPage(req, p, form: form, latest: latest, status: .unprocessableEntity)
        } catch let conflict as VersionConflict {
            let latest = try await AgreementQueries.latest(in: try p.requireID(), on: req.db)
            var form = based(try await draftForm(req, p).showing(formValues(input), errors: []), on: latest)
            form.conflict = conflict.message
            return try await draftPage(req, p, form: form, latest: latest, status: .conflict)
        }
    }
}

