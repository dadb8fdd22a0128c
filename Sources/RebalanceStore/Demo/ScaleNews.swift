import FluentKit
import Foundation
import RebalanceCore

/// News posts, five or six a year, by the chair or the project worker.
enum ScaleNews: ScalePart {
    static let name = "news"

    static func generate(_ area: ScaleArea, rng: inout ScaleRandom) throws {
        var day = area.formedOn.adding(days: rng.int(20...60))
        while day <= area.ends {
            let (title, body) = rng.pick(ScaleTexts.news)
            let author = area.secretary(on: day, &rng)
            let draft = try UpdateDraft.validate(.init(title: ScaleTexts.fill(title, area, &rng), body: ScaleTexts.fill(body, area, &rng)))
            let u = UpdateRecord()
            u.id = rng.uuid()
            u.$partnership.id = area.partnershipID
            u.title = draft.title
            u.body = draft.body
            u.$author.id = author.id
            u.publishedAt = ScaleCalendar.at(day, 12, rng.int(0...59))
            u.version = 1
            area.rows.created(u, partnership: area.partnershipID, by: author.actor, at: u.publishedAt, rng: &rng)
            area.rows.add(u)
            day = day.adding(days: rng.int(30...100))
        }
    }
}
