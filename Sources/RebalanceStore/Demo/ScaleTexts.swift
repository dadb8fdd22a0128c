import Foundation

/// What generated people write: short, plausible sentences with `{area}`, `{street}`,
/// `{landmark}` and `{amount}` filled in per area, so pages read like a real partnership's.
enum ScaleTexts {
    static func fill(_ template: String, _ area: ScaleArea, _ rng: inout ScaleRandom) -> String {
        var text = template
        if text.contains("{area}") { text = text.replacingOccurrences(of: "{area}", with: area.name) }
        if text.contains("{street}") { text = text.replacingOccurrences(of: "{street}", with: rng.pick(ScaleNames.streets)) }
        if text.contains("{landmark}") { text = text.replacingOccurrences(of: "{landmark}", with: rng.pick(ScaleNames.landmarks)) }
        if text.contains("{amount}") {
            text = text.replacingOccurrences(of: "{amount}", with: pounds(rng.pick([300, 500, 750, 1_200, 2_000, 3_500, 5_000, 8_000, 12_000, 20_000])))
        }
        if text.contains("{n}") { text = text.replacingOccurrences(of: "{n}", with: String(rng.int(4...40) * 10)) }
        return text
    }

    /// "£1,200": written out here rather than by a formatter, whose output depends on the platform's locale data.
    static func pounds(_ amount: Int) -> String {
        let digits = String(amount)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return "£" + out
    }

    static let priorities = [
        "Things for young people to do in the evenings.", "A cleaner, greener {area}: parks, verges and alleys.",
        "Feeling safe: lighting, crossings and fewer empty shops.", "Help with money, food and warm homes.",
        "Getting people into work and training.", "Older people less alone.", "A community building run by the community.",
        "Better buses and safer walking routes to school.", "Local history and pride in {area}.", "Health and wellbeing on the doorstep.",
    ]

    // Meetings
    static let decisions = [
        "Agreed to fund the summer fun day ({amount}), no objections.", "Agreed the youth club pilot for six months with the school.",
        "Asked the council's Neighbourhoods team who owns the land behind {street}.", "Agreed the small grants panel's recommendations.",
        "Agreed to consult residents on the future of {landmark} before the next meeting.", "Approved the quarterly spending report from the LTO.",
        "Agreed to write to the county council about the bus route through {street}.", "Agreed the winter warm space rota.",
        "Agreed to buy a defibrillator for {landmark} ({amount}).", "Agreed to commission a community survey this spring.",
        "Agreed to match-fund the residents' association's garden project ({amount}).", "Deferred the decision on the mural until costs are in.",
    ]
    static let wentWell = [
        "The litter pick brought out 40 people, half of them new faces.", "Parks cut back the overgrown path within a week of asking.",
        "The councillor came to every meeting this quarter.", "The LTO's spending report was clear and on time.",
        "The food bank's figures showed fewer families in crisis than last winter.", "Young people ran part of the meeting themselves.",
        "The council answered the question about {street} before the meeting.", "Two new volunteers signed up for the garden.",
        "The open evening at {landmark} was full.",
    ]
    static let wentBadly = [
        "We promised the bus shelter repair by spring and it has not happened; we will ask for a date in writing.",
        "Only two residents came to the drop-in: Saturday mornings clash with football, so next time a weekday evening.",
        "The grant form was too long for small groups; we will write a shorter one for grants under £500.",
        "The estates team still owes us an answer about {landmark}.", "We ran out of time for the youth club item again.",
        "Papers went out the night before; members asked for a week's notice.", "The meeting room at {landmark} was cold and too small.",
        "Nobody from the council came; the officer sent apologies on the day.",
    ]
    static let agendaItems = [
        "Spending report from the LTO", "Youth club: the last three months", "Small grants: applications received",
        "{landmark}: what residents told us", "Council update: Neighbourhoods team", "The community survey",
        "Summer fun day planning", "Winter warm space", "The partnership's plan review", "Walkabout on {street}: findings",
        "Volunteers and thank-yous", "Health check results",
    ]

    // News
    static let news: [(String, String)] = [
        ("Summer fun day: thank you", "Over {n} people came to the park on Saturday.\n\nThanks to the **Friends of {area} Park**, the school and the council's parks team."),
        ("Small grants round now open", "Groups can apply for up to £500 for activities that bring people together.\n\n- closing date: the end of next month\n- decided by residents on the partnership"),
        ("What you told us", "{n} residents answered our survey. The top three wishes were things for young people, cleaner streets and a warm place to meet."),
        ("The bus shelter on {street}: where things stand", "We said the shelter would be fixed by spring. It has not been.\n\nThe council re-tendered the contract; we will report back at the next meeting."),
        ("Youth club moves to Thursdays", "From next week the youth club meets on Thursdays, 6pm to 8pm, at {landmark}.\n\n- ages 11 to 16\n- free"),
        ("New chair for the partnership", "At the annual meeting members chose a new chair. Thank you to everyone who stood, and to the outgoing chair for their years of work."),
        ("Volunteers wanted for the garden", "The community garden behind {landmark} needs help on Saturday mornings. No experience needed: tools and tea provided."),
        ("Warm space open all winter", "{landmark} is open Monday to Friday, 10am to 3pm, with hot drinks and company. Everyone welcome."),
        ("Our plan for the next three years", "After {n} conversations on doorsteps and at events, the partnership has agreed its plan. Read it at the library or ask any member."),
        ("Defibrillator installed", "A public-access defibrillator is now on the wall of {landmark}. Free training sessions next month."),
    ]
}
