/// Every page's address in one place: routes register from it, views link with it, tests
/// request it. Pass `":name"` as an argument to get the route pattern.
public enum SiteURL: Sendable {
    case home
    case health
    case signIn, signOut, register
    case yourWork, noticeSeen(String)
    case account, accountDetails, accountPassword, accountTokens, revokeToken(String), notifications, unsubscribe
    case setup, verifyEmail, sendVerification, passwordReset, passwordResetLink(String), resetLinks
    case adminPeople, adminPersonRole(String), adminOutbox
    case adminPerson(String), adminPersonDisable(String), adminPersonEnable(String), adminPersonPasswordReset(String)
    case adminOutboxMessage(String), adminOutboxResend(String)
    case privacy, accountData, accountErase, adminPersonErase(String)
    case newArea, area(String), editArea(String)
    case partnership(String), editPartnership(String), newMember(String), editMember(String, String), auditLog(String)
    case money(String), moneyLedger(String), newLedgerEntry(String), reverseLedgerEntry(String, String), moneyCSV(String), moneyImport(String)
    case plan(String), planVersion(String, String), draftPlan(String), signOffPlan(String, String), acceptPlan(String, String)
    case receiveTranche(String, String), funder(String), funderCSV(String), fundingOffer(String), tranches(String), reviewPlan(String)
    case moneyHolders(String), endMoneyHolder(String, String)
    case joinPartnership(String), joinRequests(String), joinRequest(String, String), answerJoinRequest(String, String)
    case withdrawJoinRequest(String, String), writeToChair(String)
    case agreement(String), agreementVersion(String, String), agreementDiff(String), agreementDraft(String), signAgreement(String, String)
    case commitments(String), commitmentsCSV(String), newCommitment(String), commitment(String, String)
    case commitmentTransition(String, String), renegotiateCommitment(String, String)
    case projects(String), projectsCSV(String), newProject(String), project(String, String), editProject(String, String)
    case projectMilestones(String, String), projectPermissions(String, String)
    case timeline(String), accountability(String)
    case organisations, newOrganisation, organisation(String), editOrganisation(String)
    case organisationTeams(String), organisationStaff(String), removeStaff(String, String), staffAdministrator(String, String)
    case meetings(String), meetingsFeed(String), newMeeting(String), meetingFromRhythm(String)
    case meeting(String, String, String), meetingChange(String, String, String), agenda(String, String, String)
    case minutes(String, String, String), meetingActions(String, String, String), personalFeed(String)
    case communicationPlan(String), planEntries(String), planEntryRemove(String), planRhythms(String)
    case updates(String), newUpdate(String), update(String, String)
    case handover(String, String), handoverNote(String, String)
    case councilDirectory(String), removeDirectoryEntry(String, String), councilStatistics(String), councilInbox(String)
    case enquiries(String), newEnquiry(String), enquiry(String, String)
    case enquiryHandOff(String, String), enquiryAnswer(String, String), enquiryWithdraw(String, String)
    case healthCheck(String), newHealthCheckRound(String), healthCheckRound(String, String), closeHealthCheckRound(String, String)
    case answerHealthCheck(String, String), adoptHealthCheckSuggestion(String), healthCheckAcrossAreas, healthCheckAcrossAreasCSV
    case proposals(String), newProposal(String), proposal(String, String), proposalPosition(String, String)
    case proposalInterest(String, String), withdrawProposal(String, String), closeProposal(String, String), proposalOutcome(String, String)
    case polls(String), newPoll(String), poll(String, String), pollVote(String, String), closePoll(String, String), pollOutcome(String, String)
    case decisions(String), decisionsCSV(String), decision(String, String)
    case stylesheet

    public var path: String {
        switch self {
        case .home: return "/"
        case .health: return "/health"
        case .signIn: return "/sign-in"
        case .signOut: return "/sign-out"
        case .register: return "/register"
        case .yourWork: return "/your-work"
        case .noticeSeen(let id): return "/your-work/notices/\(id)/seen"
        case .account: return "/account"
        case .accountDetails: return "/account/details"
        case .accountPassword: return "/account/password"
        case .accountTokens: return "/account/tokens"
        case .revokeToken(let id): return "/account/tokens/\(id)/revoke"
        case .notifications: return "/account/notifications"
        case .unsubscribe: return "/unsubscribe"
        case .setup: return "/setup"
        case .verifyEmail: return "/verify-email"
        case .sendVerification: return "/account/verify-email"
        case .passwordReset: return "/password-reset"
        case .passwordResetLink(let token): return "/password-reset/\(token)"
        case .resetLinks: return "/account/links/reset"
        case .adminOutbox: return "/admin/outbox"
        case .adminPeople: return "/admin/people"
        case .privacy: return "/privacy"
        case .accountData: return "/account/data"
        case .accountErase: return "/account/erase"
        case .adminPersonErase(let id): return "/admin/people/\(id)/erase"
        case .adminPersonRole(let id): return "/admin/people/\(id)/administrator"
        case .adminPerson(let id): return "/admin/people/\(id)"
        case .adminPersonDisable(let id): return "/admin/people/\(id)/disable"
        case .adminPersonEnable(let id): return "/admin/people/\(id)/enable"
        case .adminPersonPasswordReset(let id): return "/admin/people/\(id)/password-reset"
        case .adminOutboxMessage(let id): return "/admin/outbox/\(id)"
        case .adminOutboxResend(let id): return "/admin/outbox/\(id)/resend"
        case .newArea: return "/areas/new"
        case .area(let slug): return "/areas/\(slug)"
        case .editArea(let slug): return "/areas/\(slug)/edit"
        case .partnership(let slug): return "/partnerships/\(slug)"
        case .editPartnership(let slug): return "/partnerships/\(slug)/edit"
        case .newMember(let slug): return "/partnerships/\(slug)/members/new"
        case .editMember(let slug, let id): return "/partnerships/\(slug)/members/\(id)/edit"
        case .auditLog(let slug): return "/partnerships/\(slug)/audit"
        case .money(let slug): return "/partnerships/\(slug)/money"
        case .moneyLedger(let slug): return "/partnerships/\(slug)/money/ledger"
        case .newLedgerEntry(let slug): return "/partnerships/\(slug)/money/entries/new"
        case .reverseLedgerEntry(let slug, let id): return "/partnerships/\(slug)/money/entries/\(id)/reverse"
        case .moneyCSV(let slug): return "/partnerships/\(slug)/money.csv"
        case .moneyImport(let slug): return "/partnerships/\(slug)/money/import"
        case .plan(let slug): return "/partnerships/\(slug)/plan"
        case .planVersion(let slug, let n): return "/partnerships/\(slug)/plan/versions/\(n)"
        case .draftPlan(let slug): return "/partnerships/\(slug)/plan/draft"
        case .signOffPlan(let slug, let n): return "/partnerships/\(slug)/plan/versions/\(n)/sign-off"
        case .acceptPlan(let slug, let n): return "/partnerships/\(slug)/plan/versions/\(n)/accept"
        case .receiveTranche(let slug, let id): return "/partnerships/\(slug)/money/tranches/\(id)/received"
        case .moneyHolders(let slug): return "/partnerships/\(slug)/money/ltos"
        case .endMoneyHolder(let slug, let id): return "/partnerships/\(slug)/money/ltos/\(id)/end"
        case .funder(let slug): return "/funders/\(slug)"
        case .fundingOffer(let slug): return "/partnerships/\(slug)/money/offer"
        case .tranches(let slug): return "/partnerships/\(slug)/money/tranches"
        case .reviewPlan(let slug): return "/partnerships/\(slug)/plan/review"
        case .funderCSV(let slug): return "/funders/\(slug)/areas.csv"
        case .joinPartnership(let slug): return "/partnerships/\(slug)/join"
        case .joinRequests(let slug): return "/partnerships/\(slug)/requests"
        case .joinRequest(let slug, let id): return "/partnerships/\(slug)/requests/\(id)"
        case .answerJoinRequest(let slug, let id): return "/partnerships/\(slug)/requests/\(id)/answer"
        case .withdrawJoinRequest(let slug, let id): return "/partnerships/\(slug)/requests/\(id)/withdraw"
        case .writeToChair(let slug): return "/partnerships/\(slug)/write-to-the-chair"
        case .agreement(let slug): return "/partnerships/\(slug)/agreement"
        case .agreementVersion(let slug, let n): return "/partnerships/\(slug)/agreement/versions/\(n)"
        case .agreementDiff(let slug): return "/partnerships/\(slug)/agreement/diff"
        case .agreementDraft(let slug): return "/partnerships/\(slug)/agreement/draft"
        case .signAgreement(let slug, let n): return "/partnerships/\(slug)/agreement/versions/\(n)/sign"
        case .commitments(let slug): return "/partnerships/\(slug)/commitments"
        case .commitmentsCSV(let slug): return "/partnerships/\(slug)/commitments.csv"
        case .newCommitment(let slug): return "/partnerships/\(slug)/commitments/new"
        case .commitment(let slug, let id): return "/partnerships/\(slug)/commitments/\(id)"
        case .commitmentTransition(let slug, let id): return "/partnerships/\(slug)/commitments/\(id)/transitions"
        case .renegotiateCommitment(let slug, let id): return "/partnerships/\(slug)/commitments/\(id)/renegotiate"
        case .projects(let slug): return "/partnerships/\(slug)/projects"
        case .projectsCSV(let slug): return "/partnerships/\(slug)/projects.csv"
        case .newProject(let slug): return "/partnerships/\(slug)/projects/new"
        case .project(let slug, let id): return "/partnerships/\(slug)/projects/\(id)"
        case .editProject(let slug, let id): return "/partnerships/\(slug)/projects/\(id)/edit"
        case .projectMilestones(let slug, let id): return "/partnerships/\(slug)/projects/\(id)/milestones"
        case .projectPermissions(let slug, let id): return "/partnerships/\(slug)/projects/\(id)/permissions"
        case .timeline(let slug): return "/partnerships/\(slug)/timeline"
        case .accountability(let slug): return "/partnerships/\(slug)/accountability"
        case .organisations: return "/organisations"
        case .newOrganisation: return "/organisations/new"
        case .organisation(let slug): return "/organisations/\(slug)"
        case .editOrganisation(let slug): return "/organisations/\(slug)/edit"
        case .organisationTeams(let slug): return "/organisations/\(slug)/teams"
        case .organisationStaff(let slug): return "/organisations/\(slug)/staff"
        case .removeStaff(let slug, let id): return "/organisations/\(slug)/staff/\(id)/remove"
        case .staffAdministrator(let slug, let id): return "/organisations/\(slug)/staff/\(id)/administrator"
        case .meetings(let slug): return "/partnerships/\(slug)/meetings"
        case .meetingsFeed(let slug): return "/partnerships/\(slug)/meetings.ics"
        case .newMeeting(let slug): return "/partnerships/\(slug)/meetings/new"
        case .meetingFromRhythm(let slug): return "/partnerships/\(slug)/meetings/from-rhythm"
        case .meeting(let slug, let series, let day): return "/partnerships/\(slug)/meetings/\(series)/\(day)"
        case .meetingChange(let slug, let series, let day): return "/partnerships/\(slug)/meetings/\(series)/\(day)/change"
        case .agenda(let slug, let series, let day): return "/partnerships/\(slug)/meetings/\(series)/\(day)/agenda"
        case .minutes(let slug, let series, let day): return "/partnerships/\(slug)/meetings/\(series)/\(day)/minutes"
        case .meetingActions(let slug, let series, let day): return "/partnerships/\(slug)/meetings/\(series)/\(day)/actions"
        case .personalFeed(let token): return "/calendars/\(token)/meetings.ics"
        case .communicationPlan(let slug): return "/partnerships/\(slug)/communication-plan"
        case .planEntries(let slug): return "/partnerships/\(slug)/communication-plan/entries"
        case .planEntryRemove(let slug): return "/partnerships/\(slug)/communication-plan/entries/remove"
        case .planRhythms(let slug): return "/partnerships/\(slug)/communication-plan/rhythms"
        case .updates(let slug): return "/partnerships/\(slug)/updates"
        case .newUpdate(let slug): return "/partnerships/\(slug)/updates/new"
        case .update(let slug, let id): return "/partnerships/\(slug)/updates/\(id)"
        case .handover(let slug, let membership): return "/partnerships/\(slug)/members/\(membership)/handover"
        case .handoverNote(let slug, let id): return "/partnerships/\(slug)/handovers/\(id)"
        case .councilDirectory(let slug): return "/councils/\(slug)/directory"
        case .removeDirectoryEntry(let slug, let id): return "/councils/\(slug)/directory/\(id)/remove"
        case .councilStatistics(let slug): return "/councils/\(slug)/enquiries/statistics"
        case .councilInbox(let slug): return "/councils/\(slug)/enquiries"
        case .enquiries(let slug): return "/partnerships/\(slug)/enquiries"
        case .newEnquiry(let slug): return "/partnerships/\(slug)/enquiries/new"
        case .enquiry(let slug, let id): return "/partnerships/\(slug)/enquiries/\(id)"
        case .enquiryHandOff(let slug, let id): return "/partnerships/\(slug)/enquiries/\(id)/hand-off"
        case .enquiryAnswer(let slug, let id): return "/partnerships/\(slug)/enquiries/\(id)/answer"
        case .enquiryWithdraw(let slug, let id): return "/partnerships/\(slug)/enquiries/\(id)/withdraw"
        case .healthCheck(let slug): return "/partnerships/\(slug)/health-check"
        case .newHealthCheckRound(let slug): return "/partnerships/\(slug)/health-check/rounds/new"
        case .healthCheckRound(let slug, let id): return "/partnerships/\(slug)/health-check/rounds/\(id)"
        case .closeHealthCheckRound(let slug, let id): return "/partnerships/\(slug)/health-check/rounds/\(id)/close"
        case .answerHealthCheck(let slug, let id): return "/partnerships/\(slug)/health-check/rounds/\(id)/answer"
        case .adoptHealthCheckSuggestion(let slug): return "/partnerships/\(slug)/health-check/next-steps"
        case .healthCheckAcrossAreas: return "/health-check"
        case .healthCheckAcrossAreasCSV: return "/health-check.csv"
        case .proposals(let slug): return "/partnerships/\(slug)/proposals"
        case .newProposal(let slug): return "/partnerships/\(slug)/proposals/new"
        case .proposal(let slug, let id): return "/partnerships/\(slug)/proposals/\(id)"
        case .proposalPosition(let slug, let id): return "/partnerships/\(slug)/proposals/\(id)/position"
        case .proposalInterest(let slug, let id): return "/partnerships/\(slug)/proposals/\(id)/interest"
        case .withdrawProposal(let slug, let id): return "/partnerships/\(slug)/proposals/\(id)/withdraw"
        case .closeProposal(let slug, let id): return "/partnerships/\(slug)/proposals/\(id)/close"
        case .proposalOutcome(let slug, let id): return "/partnerships/\(slug)/proposals/\(id)/outcome"
        case .polls(let slug): return "/partnerships/\(slug)/polls"
        case .newPoll(let slug): return "/partnerships/\(slug)/polls/new"
        case .poll(let slug, let id): return "/partnerships/\(slug)/polls/\(id)"
        case .pollVote(let slug, let id): return "/partnerships/\(slug)/polls/\(id)/vote"
        case .closePoll(let slug, let id): return "/partnerships/\(slug)/polls/\(id)/close"
        case .pollOutcome(let slug, let id): return "/partnerships/\(slug)/polls/\(id)/outcome"
        case .decisions(let slug): return "/partnerships/\(slug)/decisions"
        case .decisionsCSV(let slug): return "/partnerships/\(slug)/decisions.csv"
        case .decision(let slug, let id): return "/partnerships/\(slug)/decisions/\(id)"
        case .stylesheet: return "/css/site.css"
        }
    }
}

/// The JSON API's addresses, mirroring the pages under `/api/v1`.
public enum APIURL: Sendable {
    case openAPI
    case me, myData, myWork, noticeSeen(String)
    case areas, area(String)
    case partnerships, partnership(String), members(String), member(String, String), audit(String)
    case agreement(String), agreementVersions(String), agreementSignatures(String, String)
    case commitments(String), commitment(String, String), commitmentTransitions(String, String), commitmentRenegotiations(String, String)
    case projects(String), project(String, String)
    case timeline(String), accountability(String)
    case organisations, organisation(String), teams(String)
    case meetings(String), meeting(String, String, String), agenda(String, String, String), minutes(String, String, String)
    case meetingActions(String, String, String)
    case communicationPlan(String), planEntries(String)
    case updates(String), update(String, String)
    case handover(String, String), handoverNote(String, String)
    case money(String), moneyLedger(String), moneyEntries(String), moneyHolders(String), plan(String), funderAreas(String)
    case enquiries(String), enquiry(String, String), enquiryHandOff(String, String), enquiryAnswer(String, String), enquiryWithdraw(String, String)
    case councilDirectory(String), councilStatistics(String)
    case healthCheck(String), healthCheckRounds(String), healthCheckRoundClose(String, String), healthCheckAnswers(String, String)
    case healthCheckAcrossAreas
    case proposals(String), proposal(String, String), proposalPositions(String, String), proposalInterests(String, String)
    case proposalWithdraw(String, String), proposalClose(String, String), proposalOutcome(String, String)
    case polls(String), poll(String, String), pollVotes(String, String), pollClose(String, String), pollOutcome(String, String)
    case decisions(String), decision(String, String)

    public var path: String {
        switch self {
        case .openAPI: return "/api/v1/openapi.json"
        case .me: return "/api/v1/me"
        case .myWork: return "/api/v1/me/work"
        case .noticeSeen(let id): return "/api/v1/me/work/notices/\(id)/seen"
        case .myData: return "/api/v1/me/data"
        case .areas: return "/api/v1/areas"
        case .area(let slug): return "/api/v1/areas/\(slug)"
        case .partnerships: return "/api/v1/partnerships"
        case .partnership(let slug): return "/api/v1/partnerships/\(slug)"
        case .members(let slug): return "/api/v1/partnerships/\(slug)/members"
        case .member(let slug, let id): return "/api/v1/partnerships/\(slug)/members/\(id)"
        case .audit(let slug): return "/api/v1/partnerships/\(slug)/audit"
        case .agreement(let slug): return "/api/v1/partnerships/\(slug)/agreement"
        case .agreementVersions(let slug): return "/api/v1/partnerships/\(slug)/agreement/versions"
        case .agreementSignatures(let slug, let n): return "/api/v1/partnerships/\(slug)/agreement/versions/\(n)/signatures"
        case .commitments(let slug): return "/api/v1/partnerships/\(slug)/commitments"
        case .commitment(let slug, let id): return "/api/v1/partnerships/\(slug)/commitments/\(id)"
        case .commitmentTransitions(let slug, let id): return "/api/v1/partnerships/\(slug)/commitments/\(id)/transitions"
        case .commitmentRenegotiations(let slug, let id): return "/api/v1/partnerships/\(slug)/commitments/\(id)/renegotiations"
        case .projects(let slug): return "/api/v1/partnerships/\(slug)/projects"
        case .project(let slug, let id): return "/api/v1/partnerships/\(slug)/projects/\(id)"
        case .timeline(let slug): return "/api/v1/partnerships/\(slug)/timeline"
        case .accountability(let slug): return "/api/v1/partnerships/\(slug)/accountability"
        case .organisations: return "/api/v1/organisations"
        case .organisation(let slug): return "/api/v1/organisations/\(slug)"
        case .teams(let slug): return "/api/v1/organisations/\(slug)/teams"
        case .meetings(let slug): return "/api/v1/partnerships/\(slug)/meetings"
        case .meeting(let slug, let series, let day): return "/api/v1/partnerships/\(slug)/meetings/\(series)/\(day)"
        case .agenda(let slug, let series, let day): return "/api/v1/partnerships/\(slug)/meetings/\(series)/\(day)/agenda"
        case .minutes(let slug, let series, let day): return "/api/v1/partnerships/\(slug)/meetings/\(series)/\(day)/minutes"
        case .meetingActions(let slug, let series, let day): return "/api/v1/partnerships/\(slug)/meetings/\(series)/\(day)/actions"
        case .communicationPlan(let slug): return "/api/v1/partnerships/\(slug)/communication-plan"
        case .planEntries(let slug): return "/api/v1/partnerships/\(slug)/communication-plan/entries"
        case .updates(let slug): return "/api/v1/partnerships/\(slug)/updates"
        case .update(let slug, let id): return "/api/v1/partnerships/\(slug)/updates/\(id)"
        case .handover(let slug, let membership): return "/api/v1/partnerships/\(slug)/members/\(membership)/handover"
        case .handoverNote(let slug, let id): return "/api/v1/partnerships/\(slug)/handovers/\(id)"
        case .money(let slug): return "/api/v1/partnerships/\(slug)/money"
        case .moneyLedger(let slug): return "/api/v1/partnerships/\(slug)/money/ledger"
        case .moneyEntries(let slug): return "/api/v1/partnerships/\(slug)/money/entries"
        case .moneyHolders(let slug): return "/api/v1/partnerships/\(slug)/money/ltos"
        case .plan(let slug): return "/api/v1/partnerships/\(slug)/plan"
        case .funderAreas(let slug): return "/api/v1/funders/\(slug)/areas"
        case .enquiries(let slug): return "/api/v1/partnerships/\(slug)/enquiries"
        case .enquiry(let slug, let id): return "/api/v1/partnerships/\(slug)/enquiries/\(id)"
        case .enquiryHandOff(let slug, let id): return "/api/v1/partnerships/\(slug)/enquiries/\(id)/hand-off"
        case .enquiryAnswer(let slug, let id): return "/api/v1/partnerships/\(slug)/enquiries/\(id)/answer"
        case .enquiryWithdraw(let slug, let id): return "/api/v1/partnerships/\(slug)/enquiries/\(id)/withdraw"
        case .councilDirectory(let slug): return "/api/v1/councils/\(slug)/directory"
        case .councilStatistics(let slug): return "/api/v1/councils/\(slug)/enquiries/statistics"
        case .healthCheck(let slug): return "/api/v1/partnerships/\(slug)/health-check"
        case .healthCheckRounds(let slug): return "/api/v1/partnerships/\(slug)/health-check/rounds"
        case .healthCheckRoundClose(let slug, let id): return "/api/v1/partnerships/\(slug)/health-check/rounds/\(id)/close"
        case .healthCheckAnswers(let slug, let id): return "/api/v1/partnerships/\(slug)/health-check/rounds/\(id)/answers"
        case .healthCheckAcrossAreas: return "/api/v1/health-check"
        case .proposals(let slug): return "/api/v1/partnerships/\(slug)/proposals"
        case .proposal(let slug, let id): return "/api/v1/partnerships/\(slug)/proposals/\(id)"
        case .proposalPositions(let slug, let id): return "/api/v1/partnerships/\(slug)/proposals/\(id)/positions"
        case .proposalInterests(let slug, let id): return "/api/v1/partnerships/\(slug)/proposals/\(id)/interests"
        case .proposalWithdraw(let slug, let id): return "/api/v1/partnerships/\(slug)/proposals/\(id)/withdraw"
        case .proposalClose(let slug, let id): return "/api/v1/partnerships/\(slug)/proposals/\(id)/close"
        case .proposalOutcome(let slug, let id): return "/api/v1/partnerships/\(slug)/proposals/\(id)/outcome"
        case .polls(let slug): return "/api/v1/partnerships/\(slug)/polls"
        case .poll(let slug, let id): return "/api/v1/partnerships/\(slug)/polls/\(id)"
        case .pollVotes(let slug, let id): return "/api/v1/partnerships/\(slug)/polls/\(id)/votes"
        case .pollClose(let slug, let id): return "/api/v1/partnerships/\(slug)/polls/\(id)/close"
        case .pollOutcome(let slug, let id): return "/api/v1/partnerships/\(slug)/polls/\(id)/outcome"
        case .decisions(let slug): return "/api/v1/partnerships/\(slug)/decisions"
        case .decision(let slug, let id): return "/api/v1/partnerships/\(slug)/decisions/\(id)"
        }
    }
}
