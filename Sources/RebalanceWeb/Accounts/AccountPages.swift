import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

enum AccountPages {
    static func endpoints() -> [Endpoint] {
        [
            .page(.GET, .signIn, .fixed(.viewPublic)) { req in
                try await signInPage(req, form: signInForm(req, next: safeNext(req.query[String.self, at: "next"])))
            },
            .page(.POST, .signIn, .fixed(.viewPublic), handler: signIn),
            .page(.GET, .register, .fixed(.viewPublic)) { req in
                try await req.render("accounts/register", FormPage(chrome: await PageChrome(req, title: "Create an account"), form: registerForm(req)))
            },
            .page(.POST, .register, .fixed(.viewPublic), handler: register),
            .page(.POST, .signOut, .fixed(.viewPublic)) { req in
                if let person = req.person {
                    try await Audit.record(.signedOut, PersonRecord.auditType, id: person.id, label: person.name,
                                           before: nil, after: nil, by: req.actor, on: req.db)
                }
                req.webSession.destroy()
                return req.seeOther(.home)
            },
            .page(.GET, .account, .fixed(.account(.useOwn))) { req in try await accountPage(req, newToken: nil) },
            .page(.POST, .accountTokens, .fixed(.account(.useOwn)), handler: createToken),
            .page(.POST, .revokeToken(":id"), .fixed(.account(.useOwn))) { req in
                let person = try req.requirePerson()
                guard let id = req.parameters.get("id", as: UUID.self) else { throw NotFound("API token") }
                try await AccountCommands.revokeToken(id, person: try person.requireID(), by: req.actor, on: req.db)
                req.flash("The token has been revoked: programs using it can no longer sign in.")
                return req.seeOther(.account)
            },
            .page(.GET, .accountDetails, .fixed(.account(.useOwn))) { req in
                let person = try req.requirePerson()
                return try await detailsPage(req, form: detailsForm(req).showing(["name": person.name, "email": person.pendingEmail ?? person.email], errors: []))
            },
            .page(.POST, .accountDetails, .fixed(.account(.useOwn)), handler: changeDetails),
            .page(.GET, .accountPassword, .fixed(.account(.useOwn))) { req in
                try await req.render("accounts/password", FormPage(chrome: await PageChrome(req, title: "Change your password"), form: passwordForm(req)))
            },
            .page(.POST, .accountPassword, .fixed(.account(.useOwn)), handler: changePassword),
            .page(.POST, .resetLinks, .fixed(.account(.useOwn))) { req in
                let person = try req.requirePerson()
                try await AccountCommands.resetLinks(person: try person.requireID(), by: req.actor, on: req.db)
                req.flash("Your calendar address and unsubscribe links have been reset: the old ones no longer work. Subscribe again with the new calendar address below.")
                return req.seeOther(.account)
            },
        ]
    }

    // MARK: sign in

    static func signInForm(_ req: Request, next: String) -> FormView {
        FormView(req, action: SiteURL.signIn.path, submit: "Sign in", fields: [
            .email("email", "Email address", autocomplete: "username"),
            .password("password", "Password", autocomplete: "current-password"),
        ], secondary: .init(href: SiteURL.register.path, label: "Create an account")).hiding("next", next)
    }

    static func signInPage(_ req: Request, form: FormView, status: HTTPResponseStatus = .ok) async throws -> Response {
        try await req.render("accounts/sign-in", SignInView(chrome: await PageChrome(req, title: "Sign in"), form: form,
                                                            resetHref: SiteURL.passwordReset.path), status: status)
    }

    struct SignInView: Encodable {
        let chrome: PageChrome
        let form: FormView
        let resetHref: String
    }

    /// Only paths on this site, so a crafted link cannot send someone elsewhere after signing in.
    static func safeNext(_ raw: String?) -> String {
        let path = LocalRedirect.path(raw)
        if path == SiteURL.signIn.path || path.hasPrefix(SiteURL.signIn.path + "?") { return "/" }
        return path
    }

    static func signIn(_ req: Request) async throws -> Response {
        let input = FormInput(req)
        let email = TextRules.trimmed(input["email"]).lowercased()
        let password = input["password"] ?? ""
        let next = safeNext(input["next"])
        let address = req.throttleAddress
        let throttle = req.application.webSettings.throttle.signIn
        let form = signInForm(req, next: next)

        var missing = FieldErrorList()
        if email.isEmpty { missing.add("email", "Enter your email address") }
        if password.isEmpty { missing.add("password", "Enter your password") }
        if !missing.isEmpty {
            return try await signInPage(req, form: form.showing(input.values, errors: missing.errors), status: .unprocessableEntity)
        }

        func decide(excluding attempt: UUID?) async throws -> SignInThrottle.Decision {
            let now = Date()
            let f = try await SignInAttempts.recentFailures(email: email, address: address, since: now.addingTimeInterval(-throttle.window),
                                                            excluding: attempt, on: req.db)
            return throttle.decide(pairFailures: f.pair, addressFailures: f.address, accountFailures: f.account, now: now)
        }
        // A first look writes nothing, so waiting attempts cost the database nothing. Then the
        // attempt is counted as a failure before the password is checked, and the count looked at
        // again: of any number of simultaneous guesses, only those within the allowance go on.
        var decision = try await decide(excluding: nil)
        var attempt: UUID?
        if decision == .allowed {
            let id = try await SignInAttempts.begin(email: email, address: address, on: req.db)
            attempt = id
            decision = try await decide(excluding: id)
            if decision != .allowed { try await SignInAttempts.withdraw(id, on: req.db) }
        }
        guard decision == .allowed, let attempt else {
            let response = try await signInPage(req, form: form.showing(input.values, errors: [FieldError("email", decision.message ?? "")]),
                                                status: .tooManyRequests)
            if let wait = decision.retryAfter { response.headers.replaceOrAdd(name: .retryAfter, value: String(Int(wait))) }
            return response
        }

        let person = try await AccountQueries.person(email: email, on: req.db)
        let hasher = req.application.passwordHasher
        // Without an account, still spend the time of a hash check, so timing does not reveal who is registered.
        let ok = try await hasher.verify(password, against: person?.passwordHash ?? req.application.dummyHash)
        guard let person, ok else {
            return try await signInPage(req, form: form.showing(input.values, errors: [
                FieldError("email", "The email address or password is not right. Check them and try again"),
            ]), status: .unauthorized)
        }
        try await SignInAttempts.succeeded(attempt, on: req.db)
        try await SignInAttempts.clearFailures(email: email, on: req.db)
        // Said only to whoever knows the password, so it reveals nothing about who is registered.
        guard !person.isDisabled else {
            return try await signInPage(req, form: form.showing(input.values, errors: [
                FieldError("email", "This account has been disabled by a site administrator. Ask them if you think it should not be"),
            ]), status: .forbidden)
        }
        startSession(for: person, req)
        try await Audit.record(.signedIn, PersonRecord.auditType, id: person.id, label: person.name,
                               before: nil, after: nil, by: Actor(personID: person.id, name: person.name), on: req.db)
        // Someone taking over a council seat starts with the note their predecessor left.
        if let waiting = try await HandoverQueries.unread(for: try person.requireID(), on: req.db) {
            return req.redirect(to: SiteURL.handoverNote(waiting.slug, try waiting.note.requireID().uuidString).path, redirectType: .normal)
        }
        // Anyone with something to do starts from it, unless they were on their way somewhere.
        if next == SiteURL.home.path,
           !(try await WorkQueries.items(for: try await ActorLoader.load(person, on: req.db), on: req.db)).isEmpty {
            return req.seeOther(.yourWork)
        }
        return req.redirect(to: next, redirectType: .normal)
    }

    static func startSession(for person: PersonRecord, _ req: Request) {
        let session = req.webSession
        session.rotate()
        session["person"] = person.id?.uuidString
        session["csrf"] = WebSessionMiddleware.newKey()
    }

    // MARK: register

    static func registerForm(_ req: Request) -> FormView {
        FormView(req, action: SiteURL.register.path, submit: "Create account", fields: [
            .text("name", "Full name", hint: "Shown to other members of partnerships you join", autocomplete: "name", required: true),
            .email("email", "Email address", hint: "You will sign in with this. We will send a link to it to check it is yours"),
            .password("password", "Create a password",
                      hint: "At least \(PasswordRules.minimumLength) characters. Three random words make a strong password that is easy to remember",
                      autocomplete: "new-password"),
            .password("passwordConfirmation", "Type the password again", autocomplete: "new-password"),
        ], secondary: .init(href: SiteURL.signIn.path, label: "I already have an account"))
    }

    static func register(_ req: Request) async throws -> Response {
        let input = FormInput(req)
        func refuse(_ errors: [FieldError], status: HTTPResponseStatus) async throws -> Response {
            try await req.render("accounts/register", FormPage(
                chrome: await PageChrome(req, title: "Create an account"),
                form: registerForm(req).showing(input.values, errors: errors)), status: status)
        }
        do {
            let draft = try RegistrationDraft.validate(name: input["name"], email: input["email"],
                                                       password: input["password"], confirmation: input["passwordConfirmation"])
            let limits = req.application.webSettings.throttle
            if let wait = try await ActionAttempts.admit("register", key: req.throttleAddress,
                                                         limit: RateLimit(limit: limits.registrationsPerHour, window: 3600), on: req.db) {
                let response = try await refuse([FieldError("email", "Too many accounts have been created from your network recently. Try again in \(SignInThrottle.readable(wait))")],
                                                status: .tooManyRequests)
                response.headers.replaceOrAdd(name: .retryAfter, value: String(Int(wait)))
                return response
            }
            let links = try await AccountLinks.load(req.db)
            let base = req.application.webSettings.mail.baseURL
            let person = try await AccountCommands.register(draft, hasher: req.application.passwordHasher, welcome: { person in
                try AccountMail.verification(person, link: base + SiteURL.verifyEmail.path + "?token=" + (try links.verification(for: person)))
            }, on: req.db)
            startSession(for: person, req)
            req.flash("Your account has been created and you are signed in. We have sent a link to \(person.email): open it to confirm the address is yours.")
            return req.seeOther(.account)
        } catch let failure as ValidationFailure {
            return try await refuse(failure.errors, status: .unprocessableEntity)
        }
    }

    // MARK: account

    struct AccountView: Encodable {
        let chrome: PageChrome
        let calendarHref: String
        let name: String
        let email: String
        let isAdmin: Bool
        let emailVerified: Bool
        let pendingEmail: String?
        let detailsHref: String
        let sendVerificationAction: String
        let resetLinksAction: String
        let memberships: [MembershipLine]
        let staff: [StaffLine]
        let tokens: [TokenLine]
        let newToken: String?
        let tokenForm: FormView
        let csrf: String

        struct MembershipLine: Encodable { let href: String; let partnership: String; let role: String; let period: String }
        struct StaffLine: Encodable { let href: String; let organisation: String; let jobTitle: String }
        struct TokenLine: Encodable {
            let id: String; let name: String; let created: String; let lastUsed: String; let expires: String; let expired: Bool
            let revokeAction: String
        }
    }

    static func tokenForm(_ req: Request) -> FormView {
        FormView(req, action: SiteURL.accountTokens.path, submit: "Make a token", fields: [
            .text("tokenName", "Token name", hint: "What will use it, for example “ward newsletter script”", required: true),
            .select("tokenDays", "How long it lasts", hint: "After this the token stops working and you make a new one",
                    options: AccountCommands.tokenLifetimes.sorted().map { .init(value: String($0), label: $0 == 365 ? "1 year" : "\($0) days") },
                    value: String(AccountCommands.tokenLifetimes[0])),
        ])
    }

    static func accountPage(_ req: Request, newToken: String?, tokenForm form: FormView? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let person = try req.requirePerson()
        let id = try person.requireID()
        let memberships = try await MembershipRecord.query(on: req.db).filter(\.$person.$id == id).with(\.$partnership).all()
        let staff = try await StaffRecord.query(on: req.db).filter(\.$person.$id == id).with(\.$organisation).all()
        let tokens = try await AccountQueries.tokens(of: id, on: req.db)
        let view = AccountView(
            chrome: await PageChrome(req, title: "Your account"),
            calendarHref: req.application.webSettings.mail.baseURL + (try await MeetingFeeds.personalFeedPath(for: person, on: req.db)),
            name: person.name, email: person.email, isAdmin: person.isAdmin, emailVerified: person.isEmailVerified,
            pendingEmail: person.pendingEmail, detailsHref: SiteURL.accountDetails.path,
            sendVerificationAction: SiteURL.sendVerification.path, resetLinksAction: SiteURL.resetLinks.path,
            memberships: memberships.map {
                .init(href: SiteURL.partnership($0.partnership.slug).path, partnership: $0.partnership.name, role: $0.role.label,
                      period: Format.period($0.startsOn, $0.endsOn))
            },
            staff: staff.map { .init(href: SiteURL.organisation($0.organisation.slug).path, organisation: $0.organisation.name, jobTitle: $0.jobTitle) },
            tokens: tokens.map {
                .init(id: $0.id?.uuidString ?? "", name: $0.name, created: Format.dateTime($0.createdAt),
                      lastUsed: $0.lastUsedAt.map { Format.dateTime($0) } ?? "Never",
                      expires: $0.expiresAt.map { Format.dateTime($0) } ?? "Expired", expired: ($0.expiresAt ?? .distantPast) <= Date(),
                      revokeAction: SiteURL.revokeToken($0.id?.uuidString ?? "").path)
            },
            newToken: newToken, tokenForm: form ?? tokenForm(req), csrf: req.csrfToken)
        return try await req.render("accounts/account", view, status: status)
    }

    static func createToken(_ req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let input = FormInput(req)
        let token = APITokens.make()
        do {
            _ = try await AccountCommands.createToken(person: try person.requireID(), name: input["tokenName"], days: input["tokenDays"],
                                                      tokenHash: APITokens.hash(token), by: req.actor, on: req.db)
            // Shown once, on this response; only its hash is kept.
            return try await accountPage(req, newToken: token, status: .created)
        } catch let failure as ValidationFailure {
            return try await accountPage(req, newToken: nil, tokenForm: tokenForm(req).showing(input.values, errors: failure.errors),
                                         status: .unprocessableEntity)
        }
    }

    // MARK: name and address

    static func detailsForm(_ req: Request) -> FormView {
        FormView(req, action: SiteURL.accountDetails.path, submit: "Save", fields: [
            .text("name", "Full name", hint: "Shown to other members of partnerships you join", autocomplete: "name", required: true),
            .email("email", "Email address",
                   hint: "You sign in with this. If you change it, we will send a link to the new address; your account moves to it when you open the link"),
        ], secondary: .init(href: SiteURL.account.path, label: "Cancel"))
    }

    static func detailsPage(_ req: Request, form: FormView, status: HTTPResponseStatus = .ok) async throws -> Response {
        try await req.render("form-page", FormPage(chrome: await PageChrome(req, title: "Change your name or email address"), form: form),
                             status: status)
    }

    static func changeDetails(_ req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let id = try person.requireID()
        let input = FormInput(req)
        func refuse(_ errors: [FieldError], status: HTTPResponseStatus) async throws -> Response {
            try await detailsPage(req, form: detailsForm(req).showing(input.values, errors: errors), status: status)
        }
        var check = FieldErrorList()
        let wanted = EmailRules.normalised(input["email"], into: &check)
        // Each new address gets a message, so how many are sent is limited like the verification link.
        if check.isEmpty, wanted != person.email, wanted != person.pendingEmail,
           let wait = try await ActionAttempts.admit("verify-mail", key: id.uuidString, limit: RateLimit(limit: 3, window: 3600), on: req.db) {
            let response = try await refuse([FieldError("email", "We have sent several links recently. Try again in \(SignInThrottle.readable(wait))")],
                                            status: .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(Int(wait)))
            return response
        }
        do {
            let links = try await AccountLinks.load(req.db)
            let base = req.application.webSettings.mail.baseURL
            let change = try await AccountCommands.changeDetails(person: id, name: input["name"], email: input["email"], confirmation: { moving in
                guard let address = moving.pendingEmail, let token = try links.emailChange(for: moving) else { return [] }
                return [try AccountMail.emailChange(moving, to: address, link: base + SiteURL.verifyEmail.path + "?token=" + token),
                        try AccountMail.emailChangeNotice(moving, to: address)]
            }, on: req.db)
            var said: [String] = []
            if change.nameChanged { said.append("Your name has been changed.") }
            if let address = change.confirmationSentTo {
                said.append("We have sent a link to \(address): open it within 48 hours to move your account to that address. Until then you keep signing in with \(person.email).")
            }
            if change.pendingCancelled { said.append("The change of email address you asked for has been cancelled.") }
            req.flash(said.isEmpty ? "Nothing has changed." : said.joined(separator: " "))
            return req.seeOther(.account)
        } catch let failure as ValidationFailure {
            return try await refuse(failure.errors, status: .unprocessableEntity)
        }
    }

    // MARK: password

    static func passwordForm(_ req: Request) -> FormView {
        FormView(req, action: SiteURL.accountPassword.path, submit: "Change password", fields: [
            .password("currentPassword", "Current password", autocomplete: "current-password"),
            .password("newPassword", "New password", hint: "At least \(PasswordRules.minimumLength) characters", autocomplete: "new-password"),
            .password("newPasswordConfirmation", "Type the new password again", autocomplete: "new-password"),
        ], secondary: .init(href: SiteURL.account.path, label: "Cancel"))
    }

    static func changePassword(_ req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let input = FormInput(req)
        do {
            try await AccountCommands.changePassword(person: try person.requireID(), current: input["currentPassword"],
                                                     new: input["newPassword"], confirmation: input["newPasswordConfirmation"],
                                                     hasher: req.application.passwordHasher, on: req.db)
            // Every session and API token of this person was ended; this browser gets a fresh session.
            startSession(for: person, req)
            req.flash("Your password has been changed. Any other browsers signed in to your account have been signed out, and your API tokens revoked.")
            return req.seeOther(.account)
        } catch let failure as ValidationFailure {
            return try await req.render("accounts/password", FormPage(
                chrome: await PageChrome(req, title: "Change your password"),
                form: passwordForm(req).showing([:], errors: failure.errors)), status: .unprocessableEntity)
        }
    }
}

/// A page whose main content is one form.
struct FormPage: Encodable {
    let chrome: PageChrome
    let form: FormView
    var intro: String? = nil
    var back: FormView.Link? = nil
}
