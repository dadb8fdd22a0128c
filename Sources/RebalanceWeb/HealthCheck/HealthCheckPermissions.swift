import RebalanceCore
import Vapor

/// The health check's permissions for a request, resolved from the partnership in the URL.
enum HealthCheckAccess {
    static func view(_ req: Request) async throws -> Permission { .healthCheck(.viewResults(try await req.partnershipScope())) }
    static func run(_ req: Request) async throws -> Permission { .healthCheck(.runRounds(try await req.partnershipScope())) }
    static func answer(_ req: Request) async throws -> Permission { .healthCheck(.answer(try await req.partnershipScope())) }
    static func adopt(_ req: Request) async throws -> Permission { .healthCheck(.adoptSuggestion(try await req.partnershipScope())) }
    /// Staff see their own councils' partnerships; administrators see every one.
    static func acrossAreas(_ req: Request) async throws -> Permission {
        .healthCheck(.viewAcrossAreas(councilIDs: req.actor.councilsStaffed))
    }
    /// Which councils the cross-area table covers: nil (all) for administrators.
    static func councils(_ req: Request) -> Set<UUID>? { req.actor.isAdmin ? nil : req.actor.councilsStaffed }
}
