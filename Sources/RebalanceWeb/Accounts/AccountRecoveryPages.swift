import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// Proving who one is without a password: the first administrator's setup code, the link that
/// verifies an e-mail address, and the link that resets a forgotten password.
enum AccountRecoveryPages {
    static func endpoints() -> [Endpoint] {
        [
            .page(.GET, .setup, .fixed(.viewPublic)) { req in
                guard try await SetupCodes.isWaiting(on: req.db) else { throw NotFound("setup page") }
                return try await setupPage(req, form: setupForm(req))
            },
            .page(.POST, .setup, .fixed(.viewPublic), handler: setUp),
            .page(.GET, .verifyEmail, .fixed(.viewPublic), handler: verify),
            .page(.POST, .sendVerification, .fixed(.account(.useOwn)), handler: sendVerification),
            .page(.GET, .passwordReset, .fixed(.viewPublic)) { req in
                try await resetRequestPage(req, form: resetRequestForm(req))
            },
            .page(.POST, .passwordReset, .fixed(.viewPublic), handler: requestReset),
            .page(.GET, .passwordResetLink(":token"), .fixed(.viewPublic)) { req in
                _ = try await resetTarget(req)
                return try await newPasswordPage(req, form: newPasswordForm(req))
            },
            .page(.POST, .passwordResetLink(":token"), .fixed(.viewPublic), handler: resetPassword),
        ]
    }

    // MARK: the first administrator

    static func setupForm(_ req: Request) -> FormView {
        FormView(req, action: SiteURL.setup.path, submit: "Create the administrator account", fields: [
            .text("setupCode", "Setup code", hint: "Printed by the server when it started, for example ABCDE-FGHJK-MNPQR-STVWX",
                  autocomplete: "off", width: "medium", required: true),
            .text("name", "Full name", autocomplete: "name", required: true),
            .email("email", "Email address", hint: "You will sign in with this"),
            .password("password", "Create a password", hint: "At least \(PasswordRules.minimumLength) characters", autocomplete: "new-password"),
            .password("passwordConfirmation", "Type the password again", autocomplete: "new-password"),
        ])
    }

    static func setupPage(_ req: Request, form: FormView, status: HTTPResponseStatus = .ok) async throws -> Response {
        try await req.render("form-page", FormPage(chrome: await PageChrome(req, title: "Set up this site"), form: form,
                                                   intro: "No one administers this site yet. Enter the one-time code the server printed when it started, and your details: you become its first administrator."),
                             status: status)
    }

    static func setUp(_ req: Request) async throws -> Response {
        guard try await SetupCodes.isWaiting(on: req.db) else { throw NotFound("setup page") }
        let input = FormInput(req)
        do {
            if let wait = try await ActionAttempts.admit("setup", key: req.throttleAddress, limit: RateLimit(limit: 10, window: 3600), on: req.db) {
                throw ValidationFailure("setupCode", "Too many tries from your network. Try again in \(SignInThrottle.readable(wait))")
            }
            var errors = FieldErrorList()
            if TextRules.trimmed(input["setupCode"]).isEmpty { errors.add("setupCode", "Enter the setup code the server printed") }
            let draft: RegistrationDraft?
            do {
                draft = try RegistrationDraft.validate(name: input["name"], email: input["email"],
                                                       password: input["password"], confirmation: input["passwordConfirmation"])
            } catch let failure as ValidationFailure {
                draft = nil
                for e in failure.errors { errors.add(e.field, e.message) }
            }
            try errors.throwIfAny()
            let person = try await AccountCommands.createFirstAdministrator(draft!, setupCodeHash: SetupCode.hash(input["setupCode"] ?? ""),
                                                                            hasher: req.application.passwordHasher, on: req.db)
            AccountPages.startSession(for: person, req)
            req.flash("Welcome. You administer this site: add councils and LTOs, then the areas they serve.")
            return req.seeOther(.account)
        } catch let failure as ValidationFailure {
            return try await setupPage(req, form: setupForm(req).showing(input.values, errors: failure.errors), status: .unprocessableEntity)
        }
    }

    // MARK: verifying an address

    struct MessageView: Encodable {
        let chrome: PageChrome
        let message: String
        let link: FormView.Link?
    }

    static func verify(_ req: Request) async throws -> Response {
        let token = req.query[String.self, at: "token"] ?? ""
        let links = try await AccountLinks.load(req.db)
        // A link confirming a new address comes here too: it proves the same thing, for the address waiting.
        if let id = AccountLinks.person(in: token), let person = try await PersonRecord.find(id, on: req.db),
           links.isValidEmailChange(token, for: person) {
            return try await confirmEmailChange(req, person: person)
        }
        guard let id = AccountLinks.person(in: token), let person = try await PersonRecord.find(id, on: req.db),
              links.isValidVerification(token, for: person) else {
            return try await req.render("accounts/message", MessageView(
                chrome: await PageChrome(req, title: "This link does not work"),
                message: "The link may have expired (links last 48 hours) or been copied wrongly. Sign in and send yourself a new one from your account page.",
                link: .init(href: SiteURL.account.path, label: "Go to your account")), status: .notFound)
        }
        try await AccountCommands.verifyEmail(person: id, email: person.email, on: req.db)
        return try await req.render("accounts/message", MessageView(
            chrome: await PageChrome(req, title: "Your email address is confirmed"),
            message: "Thank you. Partnerships and councils can now add you, using \(person.email).",
            link: .init(href: SiteURL.account.path, label: "Go to your account")))
    }

    static func confirmEmailChange(_ req: Request, person: PersonRecord) async throws -> Response {
        let outcome: AccountCommands.EmailChangeOutcome
        do {
            outcome = try await AccountCommands.confirmEmailChange(person: try person.requireID(), to: person.pendingEmail ?? "", on: req.db)
        } catch let refusal as EmailChangeNotPossible {
            return try await req.render("accounts/message", MessageView(
                chrome: await PageChrome(req, title: "Your email address has not been changed"),
                message: refusal.reason, link: .init(href: SiteURL.account.path, label: "Go to your account")), status: .conflict)
        }
        // A GET that changed the account: what this instance keeps about it must not outlive it.
        req.application.signedInCache?.invalidate()
        req.application.pageCaches.invalidateAll()
        switch outcome {
        case .moved(let moved):
            return try await req.render("accounts/message", MessageView(
                chrome: await PageChrome(req, title: "Your new email address is confirmed"),
                message: "Your account now uses \(moved.email). Sign in with it from now on.",
                link: .init(href: SiteURL.account.path, label: "Go to your account")))
        case .taken(let address):
            return try await req.render("accounts/message", MessageView(
                chrome: await PageChrome(req, title: "Your email address has not been changed"),
                message: "Another account now uses \(address), so your address has not been changed. Choose a different one from your account page.",
                link: .init(href: SiteURL.account.path, label: "Go to your account")), status: .conflict)
        }
    }

    static func sendVerification(_ req: Request) async throws -> Response {
        let person = try req.requirePerson()
        guard !person.isEmailVerified else {
            req.flash("Your email address is already confirmed.")
            return req.seeOther(.account)
        }
        if let wait = try await ActionAttempts.admit("verify-mail", key: try person.requireID().uuidString,
                                                     limit: RateLimit(limit: 3, window: 3600), on: req.db) {
            req.flash("We have sent several links recently. Check your inbox (and spam folder), or try again in \(SignInThrottle.readable(wait)).")
            return req.seeOther(.account)
        }
        let links = try await AccountLinks.load(req.db)
        let link = req.application.webSettings.mail.baseURL + SiteURL.verifyEmail.path + "?token=" + (try links.verification(for: person))
        try await Outbox.enqueue(try AccountMail.verification(person, link: link), on: req.db)
        req.flash("We have sent a new link to \(person.email).")
        return req.seeOther(.account)
    }

    // MARK: a forgotten password

    static func resetRequestForm(_ req: Request) -> FormView {
        FormView(req, action: SiteURL.passwordReset.path, submit: "Send me a link", fields: [
            .email("email", "Email address", hint: "The address you sign in with", autocomplete: "username"),
        ], secondary: .init(href: SiteURL.signIn.path, label: "Back to sign in"))
    }

    static func resetRequestPage(_ req: Request, form: FormView, status: HTTPResponseStatus = .ok) async throws -> Response {
        try await req.render("form-page", FormPage(chrome: await PageChrome(req, title: "Reset your password"), form: form,
                                                   intro: "We will e-mail you a link to choose a new password. It works once, for an hour."),
                             status: status)
    }

    static func requestReset(_ req: Request) async throws -> Response {
        let input = FormInput(req)
        var errors = FieldErrorList()
        let email = EmailRules.normalised(input["email"], into: &errors)
        if !errors.isEmpty {
            return try await resetRequestPage(req, form: resetRequestForm(req).showing(input.values, errors: errors.errors), status: .unprocessableEntity)
        }
        let limits = req.application.webSettings.throttle
        // Per network, against sweeping the site; per address, so no one's inbox can be flooded.
        for (key, limit) in [("address:" + req.throttleAddress, limits.resetRequestsPerHour),
                             ("email:" + email, limits.resetRequestsPerAccountPerHour)] {
            if let wait = try await ActionAttempts.admit("password-reset", key: key, limit: RateLimit(limit: limit, window: 3600), on: req.db) {
                let response = try await resetRequestPage(req, form: resetRequestForm(req).showing(input.values, errors: [
                    FieldError("email", "Too many links have been asked for recently. Try again in \(SignInThrottle.readable(wait))"),
                ]), status: .tooManyRequests)
                response.headers.replaceOrAdd(name: .retryAfter, value: String(Int(wait)))
                return response
            }
        }
        if let person = try await AccountQueries.person(email: email, on: req.db) {
            let links = try await AccountLinks.load(req.db)
            let link = req.application.webSettings.mail.baseURL + SiteURL.passwordResetLink(try links.reset(for: person)).path
            try await Outbox.enqueue(try AccountMail.reset(person, link: link), on: req.db)
        }
        // The same answer whether or not the address has an account, so no one can find out who is registered.
        return try await req.render("accounts/message", MessageView(
            chrome: await PageChrome(req, title: "Check your e-mail"),
            message: "If \(email) belongs to an account here, we have sent it a link to reset the password. The link works once, for an hour.",
            link: .init(href: SiteURL.signIn.path, label: "Back to sign in")))
    }

    /// The person a reset link is for, or a page saying the link does not work.
    static func resetTarget(_ req: Request) async throws -> PersonRecord {
        let token = req.parameters.get("token") ?? ""
        let links = try await AccountLinks.load(req.db)
        guard let id = AccountLinks.person(in: token), let person = try await PersonRecord.find(id, on: req.db),
              links.isValidReset(token, for: person) else {
            throw Abort(.notFound, reason: "This password reset link does not work: it may have been used already or have expired (links last an hour). Ask for a new one.")
        }
        return person
    }

    static func newPasswordForm(_ req: Request) -> FormView {
        FormView(req, action: SiteURL.passwordResetLink(req.parameters.get("token") ?? "").path, submit: "Set my new password", fields: [
            .password("newPassword", "New password", hint: "At least \(PasswordRules.minimumLength) characters", autocomplete: "new-password"),
            .password("newPasswordConfirmation", "Type the new password again", autocomplete: "new-password"),
        ])
    }

    static func newPasswordPage(_ req: Request, form: FormView, status: HTTPResponseStatus = .ok) async throws -> Response {
        try await req.render("form-page", FormPage(chrome: await PageChrome(req, title: "Choose a new password"), form: form,
                                                   intro: "Setting it signs you out on every device and revokes your API tokens."),
                             status: status)
    }

    static func resetPassword(_ req: Request) async throws -> Response {
        let person = try await resetTarget(req)
        let input = FormInput(req)
        do {
            try await AccountCommands.resetPassword(person: try person.requireID(), expectedHash: person.passwordHash,
                                                    new: input["newPassword"], confirmation: input["newPasswordConfirmation"],
                                                    hasher: req.application.passwordHasher, on: req.db)
        } catch let failure as ValidationFailure {
            return try await newPasswordPage(req, form: newPasswordForm(req).showing([:], errors: failure.errors), status: .unprocessableEntity)
        } catch is ResetLinkUsed {
            throw Abort(.notFound, reason: "This password reset link has been used already. Ask for a new one if you need to.")
        }
        try await Audit.record(.signedOut, PersonRecord.auditType, id: person.id, label: person.name, before: nil, after: nil,
                               by: Actor(personID: person.id, name: person.name), on: req.db)
        // Whoever had this browser before starts afresh too.
        if req.hasWebSession { req.webSession.destroy() }
        return try await req.render("accounts/message", MessageView(
            chrome: await PageChrome(req, title: "Your password has been changed"),
            message: "You have been signed out everywhere and your API tokens were revoked. Sign in with your new password.",
            link: .init(href: SiteURL.signIn.path, label: "Sign in")))
    }
}

extension Request {
    /// Who the throttles count this request against: see `ClientAddress`.
    var throttleAddress: String {
        let client = ClientAddress.resolve(socket: remoteAddress?.ipAddress, forwardedFor: headers["X-Forwarded-For"],
                                           trustedProxies: application.webSettings.trustedProxies)
        return ClientAddress.throttleKey(client)
    }
}
