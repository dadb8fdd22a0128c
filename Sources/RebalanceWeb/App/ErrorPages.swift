import RebalanceCore
import Vapor

/// Turns every error into a page (for people) or a JSON body (for `/api`), with a message
/// that says what happened and what to do; internal details go to the log only.
struct ErrorPagesMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: req)
        } catch let thrown {
            let error = MethodNotAllowed.refine(thrown, for: req)
            if error is MethodNotAllowed, let page = MethodNotAllowed.pageAbove(req.url.path, method: req.method, in: req.application.endpoints) {
                return req.redirect(to: page, redirectType: .normal)
            }
            let response = try await answer(error, req)
            if let refused = error as? MethodNotAllowed { response.headers.replaceOrAdd(name: .allow, value: refused.allowHeader) }
            return response
        }
    }

    private func answer(_ error: any Error, _ req: Request) async throws -> Response {
        let problem = Problem(error)
        if problem.status == .internalServerError {
            req.logger.report(error: error)
        }
        if req.url.path.hasPrefix("/api/") {
            return try APIProblem(problem).response(for: req)
        }
        if problem.status == .unauthorized, req.method == .GET {
            let next = req.url.string
            return req.redirect(to: SiteURL.signIn.path + "?next=" + (next.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? "/"))
        }
        let page = ErrorPage(chrome: await PageChrome(req, title: problem.title), title: problem.title,
                             message: problem.message, status: Int(problem.status.code))
        do {
            let response = try await req.view.render("error", page).encodeResponse(for: req)
            response.status = problem.status
            return response
        } catch {
            // The error page itself failed (a broken template): still answer, in plain words.
            req.logger.report(error: error)
            let response = Response(status: problem.status, body: .init(string: "\(problem.title)\n\n\(problem.message)\n"))
            response.headers.contentType = .plainText
            return response
        }
    }
}

struct ErrorPage: Encodable {
    let chrome: PageChrome
    let title: String
    let message: String
    let status: Int
}

/// An error, classified once for both pages and the API.
struct Problem {
    let status: HTTPResponseStatus
    let code: String
    let title: String
    let message: String
    var fields: [FieldError] = []

    init(_ error: any Error) {
        switch error {
        case let failure as ValidationFailure:
            status = .unprocessableEntity; code = "validation_failed"; title = "There is a problem"
            message = failure.errors.map(\.message).joined(separator: ". "); fields = failure.errors
        case let conflict as VersionConflict:
            status = .conflict; code = "version_conflict"; title = "Changed by someone else"; message = conflict.message
        case let missing as NotFound:
            status = .notFound; code = "not_found"; title = "Page not found"
            message = "There is no such \(missing.entity). Check the address, or go back to the list."
        case Refusal.signInNeeded:
            status = .unauthorized; code = "sign_in_needed"; title = "Sign in to continue"
            message = "You need to sign in to do this."
        case Refusal.forbidden:
            status = .forbidden; code = "forbidden"; title = "You cannot do this"
            message = "Your account does not have permission to do this. If you think it should, ask the partnership's chair or a site administrator."
        case Refusal.badCSRF:
            status = .forbidden; code = "csrf_failed"; title = "This form has expired"
            message = "The form you sent has expired or did not come from this site, so nothing was saved. Go back, reload the page and try again."
        case let refused as MethodNotAllowed:
            status = .methodNotAllowed; code = "method_not_allowed"; title = "Method not allowed"
            message = "This address does not take \(refused.allowed.isEmpty ? "that method" : "that method: use \(refused.allowHeader)")."
        case Refusal.throttled(let text):
            status = .tooManyRequests; code = "throttled"; title = "Too many attempts"; message = text
        case let decoding as DecodingError:
            status = .badRequest; code = "bad_request"; title = "The request could not be read"
            message = Problem.describe(decoding)
        case let abort as any AbortError:
            status = abort.status
            code = switch abort.status.code { case 401: "unauthorized"; case 404: "not_found"; case 415: "unsupported_media_type"; default: "bad_request" }
            title = abort.status.code == 404 ? "Page not found" : abort.status.reasonPhrase
            message = abort.status.code == 404 ? "There is nothing at this address. Check it, or start from the home page." : abort.reason
        default:
            status = .internalServerError; code = "internal_error"; title = "Sorry, something went wrong"
            message = "Something went wrong on our side and nothing was saved. Try again in a few minutes."
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ ctx: DecodingError.Context) -> String {
            ctx.codingPath.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case .typeMismatch(_, let ctx): return "\(path(ctx).isEmpty ? "The body" : path(ctx)) has the wrong type: \(ctx.debugDescription)"
        case .valueNotFound(_, let ctx): return "\(path(ctx)) is missing"
        case .keyNotFound(let key, _): return "\(key.stringValue) is missing"
        case .dataCorrupted(let ctx): return path(ctx).isEmpty ? "The body is not valid JSON" : "\(path(ctx)): \(ctx.debugDescription)"
        @unknown default: return "The body could not be read"
        }
    }
}
