import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// The links between a partnership's pages, shown at the top of each of them: the partnership's
/// home, then its pages in a few groups named for what people come to do (issue 14: fourteen
/// links on two lines were hard to scan, and more pages are coming). Every page is one click
/// away, on a phone too, where the groups stack.
struct PartnershipNav: Encodable {
    struct Group: Encodable {
        let label: String
        let links: [PageChrome.NavLink]
        /// The group holding the page shown, so it can be marked.
        let current: Bool
    }

    let home: PageChrome.NavLink
    let groups: [Group]

    init(_ req: Request, _ slug: String) {
        let scope = try? req.storage[PartnershipKey.self].map(PartnershipQueries.scope(of:))
        func allowed(_ permission: (PartnershipScope) -> Permission) -> Bool {
            scope.map { Gate.allows(permission($0), for: req) } ?? false
        }
        let trust: [(SiteURL, String)] = [(.agreement(slug), "Agreement"), (.commitments(slug), "Commitments"),
                                          (.projects(slug), "Projects"), (.accountability(slug), "Accountability"),
                                          (.timeline(slug), "Timeline")]
        var talking: [(SiteURL, String)] = [(.meetings(slug), "Meetings"), (.updates(slug), "News"),
                                            (.communicationPlan(slug), "Communication plan")]
        // Enquiries can name people, so only those who may read them see the link.
        if allowed({ .enquiry(.view($0)) }) { talking.append((.enquiries(slug), "Enquiries to the council")) }
        var deciding: [(SiteURL, String)] = []
        // Proposals and polls name each member's position; the decision log is for everyone.
        if allowed({ .decision(.view($0)) }) { deciding += [(.proposals(slug), "Proposals"), (.polls(slug), "Polls")] }
        deciding.append((.decisions(slug), "Decisions"))
        // Health-check results are the partnership's own business (its members and councils).
        if allowed({ .healthCheck(.viewResults($0)) }) { deciding.append((.healthCheck(slug), "Health check")) }

        let money: [(SiteURL, String)] = [(.plan(slug), "Plan"), (.money(slug), "Spend against plan")]

        let path = req.url.path
        func link(_ url: SiteURL, _ label: String) -> PageChrome.NavLink {
            PageChrome.NavLink(href: url.path, label: label, current: url.path == path)
        }
        home = link(.partnership(slug), "Overview")
        groups = [("Trust", trust), ("Talking", talking), ("Deciding", deciding), ("Money", money)].map { label, pages in
            let links = pages.map { link($0.0, $0.1) }
            return Group(label: label, links: links, current: links.contains(where: \.current))
        }
    }
}
