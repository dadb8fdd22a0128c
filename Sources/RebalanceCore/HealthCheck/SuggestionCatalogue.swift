/// Next steps for each principle and each side, in our own words, drawn from the report's
/// "Actions for councils" and "Actions for Big Local partnerships and other resident-led groups"
/// (Rebalancing the Power, NLGN / Local Trust, 2018, end of each section). Within a principle
/// and side, the most broadly useful come first.
public enum SuggestionCatalogue {
    public static func action(id: String) -> SuggestedAction? { all.first { $0.id == id } }

    public static let all: [SuggestedAction] = [
        // 1. Recognition — council
        a("recognition-council-responsibilities", .recognition, .council, "Say plainly what the council will do",
          "For each joint project, write down what the council is and is not responsible for, so nobody assumes more or less.", .small, 30),
        a("recognition-council-local-knowledge", .recognition, .council, "Use residents' knowledge in a decision",
          "Choose one coming council decision that affects the area, involve the partnership in shaping it, and record what changed as a result.", .larger, 90),
        a("recognition-council-listen", .recognition, .council, "Meet residents on their own ground",
          "Councillors and officers join an informal community event or walkabout to hear residents' priorities first hand, outside formal meetings.", .small, 30),
        a("recognition-council-bridge", .recognition, .council, "Councillors link an ambition to the right team",
          "A ward councillor takes one of the partnership's ambitions to the council team with the expertise to help, and reports back what they said.", .larger, 60),
        // 1. Recognition — partnership
        a("recognition-partnership-map", .recognition, .community, "Map who is who in the council",
          "List the council teams and people your projects depend on, and find at least one ally in each.", .small, 30),
        a("recognition-partnership-volunteers", .recognition, .community, "Agree a volunteer plan",
          "Set out which volunteer roles exist, what support volunteers get, and where paid or outside expertise is needed.", .larger, 90),
        a("recognition-partnership-constraints", .recognition, .community, "Learn one of the council's constraints",
          "Invite an officer to explain a duty or budget rule the council works under, and note what it means for your plans.", .small, 45),
        a("recognition-partnership-share-plan", .recognition, .community, "Walk the council through your plan",
          "Send the council the partnership's plan and priorities, with an offer to talk them through.", .small, 30),

        // 2. Trust — council
        a("trust-council-small-promise", .trust, .council, "Make one small promise and keep it",
          "Pick one concrete thing the council can deliver within a month, record it here as a commitment, and deliver it.", .small, 30),
        a("trust-council-timelines", .trust, .council, "Agree timelines and end points",
          "For each joint project, agree milestones and an end date with the partnership, and keep them where new staff will find them.", .larger, 60),
        a("trust-council-handover", .trust, .council, "Put handovers in place",
          "Agree that anyone leaving a council role linked to the partnership hands over in writing and introduces their successor.", .larger, 60),
        a("trust-council-briefing", .trust, .council, "Brief colleagues about the partnership",
          "Send a short internal note on what the partnership is and how it works to the teams most likely to deal with it.", .small, 30),
        a("trust-council-check-promises", .trust, .council, "Check before promising",
          "Before a councillor or officer commits to something, check with the team concerned that it can be delivered, and say so when it cannot.", .small, 14),
        a("trust-council-liabilities", .trust, .council, "Settle liabilities and ways of working once",
          "Write down the legal and data-protection requirements and who carries which liability, so they are agreed once rather than argued each time.", .larger, 90),
        // 2. Trust — partnership
        a("trust-partnership-milestones", .trust, .community, "Set milestones with a council contact",
          "Work with a named council contact to agree a timeframe and milestones for one shared project.", .larger, 60),
        a("trust-partnership-link", .trust, .community, "Keep in regular touch with key council people",
          "Arrange regular catch-ups with one or two people in the council who can advance the partnership's aims, such as a ward councillor.", .small, 30),
        a("trust-partnership-checks", .trust, .community, "Ask which checks a project needs",
          "Find out which legal, financial or due-diligence checks a project will need, and build the time into the plan.", .small, 30),
        a("trust-partnership-evidence", .trust, .community, "Make the case with evidence",
          "Gather the evidence for one project you want the council to back (need, costs, who supports it) and share it.", .larger, 60),
        a("trust-partnership-allies", .trust, .community, "Bring in a local ally",
          "Ask a parish council or established local organisation to help with one stuck project.", .small, 45),

        // 3. Dialogue — council
        a("dialogue-council-review-meetings", .dialogue, .council, "Hold regular review meetings",
          "Set a regular meeting with the partnership, for example each quarter, to look at what went well and what did not.", .small, 30),
        a("dialogue-council-communication-plan", .dialogue, .council, "Agree who needs to hear what",
          "With the partnership, agree which people need close contact and which need periodic updates, and how each will hear.", .larger, 60),
        a("dialogue-council-staff-changes", .dialogue, .council, "Give notice of staff changes",
          "Tell the partnership about changes to council contacts or leadership before they happen, and who takes over.", .small, 14),
        a("dialogue-council-bad-news", .dialogue, .council, "Share bad news early",
          "When the answer is no or a project slips, tell the partnership promptly, explain why and say what could happen instead.", .small, 14),
        // 3. Dialogue — partnership
        a("dialogue-partnership-senior", .dialogue, .community, "Meet senior councillors early",
          "Invite the council leader or a cabinet member to meet the partnership and hear its plans.", .small, 45),
        a("dialogue-partnership-residents", .dialogue, .community, "Help residents talk to the council",
          "Set up a simple, regular way for residents to raise issues with the council and hear back, such as a drop-in session.", .larger, 60),
        a("dialogue-partnership-ground-rules", .dialogue, .community, "Agree ground rules for meetings",
          "Agree with the council how joint meetings are run, so disagreements stay constructive.", .small, 30),

        // 4. Flexibility — council
        a("flexibility-council-procedure", .flexibility, .council, "Review one procedure",
          "Take one procedure that slows the partnership down, check whether it is a legal requirement or a habit, and simplify it if it is a habit.", .larger, 60),
        a("flexibility-council-negotiable", .flexibility, .council, "Say what is negotiable",
          "On a current issue, tell the partnership which of the council's positions are open to negotiation and which are fixed, and why.", .small, 30),
        a("flexibility-council-local-insight", .flexibility, .council, "Ask for local insight first",
          "Ask the partnership what it knows about local conditions before finalising a policy or service change in the area.", .small, 30),
        a("flexibility-council-blank-sheet", .flexibility, .council, "Start something from a blank sheet",
          "Begin one new piece of work without a fixed outcome, and shape it with the partnership as it goes.", .larger, 90),
        // 4. Flexibility — partnership
        a("flexibility-partnership-room", .flexibility, .community, "Agree where you can give ground",
          "Before a negotiation, agree among members which points you can compromise on and which you cannot.", .small, 30),
        a("flexibility-partnership-feedback", .flexibility, .community, "Say thank you for flexibility",
          "When the council adapts or responds well, say so, especially to councillors who can champion it inside the council.", .small, 14),
        a("flexibility-partnership-history", .flexibility, .community, "Judge new proposals on their merits",
          "Agree to consider new council proposals on their merits, and deal with past grievances separately so they do not block new work.", .small, 30),

        // 5. Shared ownership — council
        a("ownership-council-step-back", .sharedOwnership, .council, "Let residents have the final say",
          "Councillors on the partnership agree to stand back from key votes so that residents decide.", .small, 30),
        a("ownership-council-support", .sharedOwnership, .council, "Build involvement rather than take over",
          "Where residents' involvement is low, work with community allies to build it up instead of taking the lead.", .larger, 60),
        a("ownership-council-credit", .sharedOwnership, .council, "Share the credit",
          "Agree with the partnership how joint work is publicised, and name the community's part first.", .small, 14),
        a("ownership-council-lasting", .sharedOwnership, .council, "Plan what lasts",
          "Agree with the partnership what the council will keep going after the funding ends.", .larger, 90),
        // 5. Shared ownership — partnership
        a("ownership-partnership-small-joint", .sharedOwnership, .community, "Deliver one small thing together",
          "Choose one small action to deliver with the council within two months, then build on it if it works.", .small, 60),
        a("ownership-partnership-survey", .sharedOwnership, .community, "Run a residents' survey with the council",
          "Work with the council on a survey of residents' priorities, door to door or online.", .larger, 90),
        a("ownership-partnership-who-leads", .sharedOwnership, .community, "Show who leads what",
          "Publish which parts of each project residents are leading, so ownership is visible.", .small, 30),
        a("ownership-partnership-reach", .sharedOwnership, .community, "Reach residents a new way",
          "Try a channel you have not used before, such as door-knocking, posters or social media, to reach residents who do not usually take part.", .small, 45),
        a("ownership-partnership-grassroots", .sharedOwnership, .community, "Keep the grassroots in view",
          "Make sure someone's role covers growing grassroots involvement, not only planning and delivery.", .larger, 90),
    ]

    private static func a(_ id: String, _ principle: Principle, _ side: Side, _ title: String, _ description: String,
                          _ size: SuggestedAction.Size, _ days: Int) -> SuggestedAction {
        SuggestedAction(id: id, principle: principle, promisedBy: side, title: title, description: description,
                        size: size, dueInDays: days)
    }
}
