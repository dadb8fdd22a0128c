extension QuestionSet {
    /// The questionnaire Rebalance ships with. Every statement is worded so that agreeing is the
    /// healthy answer, and so that people on either side can answer it about the relationship
    /// (a council officer rating "when the council says it will do something, it happens" is
    /// half of what makes the perception gap visible). Each statement rests on a finding of
    /// "Rebalancing the Power" (NLGN / Local Trust, 2018); the wording is ours.
    public static let rebalance2026 = QuestionSet(
        id: "rebalance-2026-1",
        version: 1,
        title: "Rebalance relationship health check",
        statements: [
            // 1. Recognition: the report's stories of residents ignored, of the fund treated as a
            // cash machine, and of residents' local knowledge as real expertise.
            s("recognition-1", .recognition, "The council values what residents know about this area."),
            s("recognition-2", .recognition, "The partnership understands the pressures and duties the council works under."),
            s("recognition-3", .recognition, "Everyone involved has been treated with respect from the start."),
            s("recognition-4", .recognition, "The council listens to the partnership before deciding things that affect the area."),
            s("recognition-5", .recognition, "The council treats the partnership's money as the community's to decide, not as extra council budget."),
            s("recognition-6", .recognition, "We know which people and teams in the council can help with what."),
            s("recognition-7", .recognition, "Residents' volunteer time is respected when meetings and requests are arranged."),
            // 2. Trust: kept promises, realistic expectations, written roles, timelines,
            // handovers, credit taken unilaterally, early wins, the need for written confirmation.
            s("trust-1", .trust, "When the council says it will do something, it happens."),
            s("trust-2", .trust, "Promises made between us are realistic, not made just to please."),
            s("trust-3", .trust, "Each side's role and responsibilities are written down and clear."),
            s("trust-4", .trust, "Projects we work on together have an agreed timeline and an end point."),
            s("trust-5", .trust, "When someone new joins the council side, they are told about our history and agreements."),
            s("trust-6", .trust, "Credit for the community's work goes to the community."),
            s("trust-7", .trust, "We have had small successes together that gave us confidence."),
            s("trust-8", .trust, "Each side can rely on what the other says without asking for it in writing."),
            // 3. Dialogue: contact only when things go badly, staff turnover, bad news, honest
            // reflection in meetings, an agreed way of communicating, duplicated work.
            s("dialogue-1", .dialogue, "We meet regularly, not only when something has gone wrong."),
            s("dialogue-2", .dialogue, "We hear about staff changes before they happen."),
            s("dialogue-3", .dialogue, "Disappointing news is shared early and honestly."),
            s("dialogue-4", .dialogue, "In our meetings, what went badly is discussed as openly as what went well."),
            s("dialogue-5", .dialogue, "We agreed how and how often we keep in touch, and we stick to it."),
            s("dialogue-6", .dialogue, "When one side asks the other a question, it gets a clear answer in reasonable time."),
            s("dialogue-7", .dialogue, "We share what we are each doing in the area, so no one duplicates work."),
            // 4. Flexibility: compromise, disproportionate procedure, law versus habit, shifting
            // goalposts, empathy, consensus over majority votes, old grievances.
            s("flexibility-1", .flexibility, "Both sides are willing to compromise to get the best outcome for the area."),
            s("flexibility-2", .flexibility, "The council's procedures are in proportion to what a community project needs."),
            s("flexibility-3", .flexibility, "The council can tell legal requirements from habits, and drops the habits that get in the way."),
            s("flexibility-4", .flexibility, "Plans can change as we learn, without anyone treating it as a failure."),
            s("flexibility-5", .flexibility, "Each side tries to understand the other's position before disagreeing with it."),
            s("flexibility-6", .flexibility, "We look for decisions everyone can accept, not just a majority vote."),
            s("flexibility-7", .flexibility, "Past disagreements do not stop new work going ahead."),
            // 5. Shared ownership: residents' final say, accountability, councillors as a
            // minority voice, shared credit, starting small, wider engagement, lasting impact.
            s("ownership-1", .sharedOwnership, "Residents lead the decisions that matter most to the area."),
            s("ownership-2", .sharedOwnership, "When something goes wrong, it is clear who is responsible for putting it right."),
            s("ownership-3", .sharedOwnership, "Councillors involved with the partnership support residents rather than steer them."),
            s("ownership-4", .sharedOwnership, "Successes are presented as joint achievements."),
            s("ownership-5", .sharedOwnership, "We start with small actions together and build on the ones that work."),
            s("ownership-6", .sharedOwnership, "Residents outside the partnership have real ways to get involved."),
            s("ownership-7", .sharedOwnership, "We are planning together for what lasts after the funding ends."),
        ],
        freeText: [
            QuestionSet.OpenQuestion(id: "recognition-open", principle: .recognition,
                             text: "What could either side do to show it values what the other brings?"),
            QuestionSet.OpenQuestion(id: "trust-open", principle: .trust,
                             text: "What one thing would most increase trust between the council and the partnership?"),
            QuestionSet.OpenQuestion(id: "dialogue-open", principle: .dialogue,
                             text: "How could we keep each other better informed?"),
            QuestionSet.OpenQuestion(id: "flexibility-open", principle: .flexibility,
                             text: "Where could either side be more flexible, and what would that make possible?"),
            QuestionSet.OpenQuestion(id: "ownership-open", principle: .sharedOwnership,
                             text: "What small thing could we do together next, and who should lead it?"),
        ])

    private static func s(_ id: String, _ principle: Principle, _ text: String) -> Statement {
        Statement(id: id, principle: principle, text: text)
    }

    /// The sets this installation knows, newest first. Adapted sets loaded by a programme are
    /// added by the store; the default is always available.
    public static let builtIn: [QuestionSet] = [rebalance2026]
}
