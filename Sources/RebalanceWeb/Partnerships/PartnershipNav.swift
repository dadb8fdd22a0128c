import Foundation
import RebalanceStore
import Vapor

/// The row of links between a partnership's pages, shown at the top of each of them.
struct PartnershipNav: Encodable {
    let links: [PageChrome.NavLink]

    init(_ req: Request, _ slug: String) {
        let all: [(SiteURL, String)] = [(.partnership(slug), "Partnership"), (.agreement(slug), "Agreement"),
                                        (.commitments(slug), "Commitments"), (.projects(slug), "Projects"),
                                        (.timeline(slug), "Timeline"), (.accountability(slug), "Accountability"),
                                        (.meetings(slug), "Meetings"), (.updates(slug), "News"),
                                        (.communicationPlan(slug), "Communication plan")]
        // Enquiries can name people, so only those who may read them see the link.
        var shown = all
        if let scope = try? req.storage[PartnershipKey.self].map(PartnershipQueries.scope(of:)),
           Gate.allows(.enquiry(.view(scope)), for: req) {
            shown.append((.enquiries(slug), "Enquiries to the council"))
        }
        // Proposals and polls name each member's position; the decision log is for everyone.
        if let scope = try? req.storage[PartnershipKey.self].map(PartnershipQueries.scope(of:)),
           Gate.allows(.decision(.view(scope)), for: req) {
            shown.append((.proposals(slug), "Proposals"))
            shown.append((.polls(slug), "Polls"))
        }
        shown.append((.decisions(slug), "Decisions"))
        // Health-check results are the partnership's own business (its members and councils).
        if let scope = try? req.storage[PartnershipKey.self].map(PartnershipQueries.scope(of:)),
           Gate.allows(.healthCheck(.viewResults(scope)), for: req) {
            shown.append((.healthCheck(slug), "Health check"))
        }
        let path = req.url.path
        links = shown.map { url, label in
            PageChrome.NavLink(href: url.path, label: label, current: url.path == path)
        }
    }
}
