import Crypto
import Fluent
import Foundation
import Leaf
import LeafKit
import RebalanceCore
import RebalanceStore
import Vapor

/// Sets up a Vapor application as Rebalance: database, migrations, middleware, views, routes.
public enum RebalanceApp {
    public static func configure(_ app: Application, settings: WebSettings) async throws {
        app.storage[SettingsKey.self] = settings
        app.storage[HasherKey.self] = BcryptHasher(cost: settings.bcryptCost, pool: app.threadPool)
        app.storage[DummyHashKey.self] = try Bcrypt.hash("no such account", cost: settings.bcryptCost)
        app.storage[MetricsKey.self] = RequestMetrics()

        try DatabaseSetup.configure(app.databases, location: settings.database, maxConnections: settings.maxConnections)
        try await DatabaseSetup.prepare(app.db, location: settings.database)
        app.migrations.add(StoreMigrations.all)
        if settings.migrateOnStart {
            try await app.autoMigrate()
        }
        app.storage[FormKeyKey.self] = SymmetricKey(data: Data(try await SiteSecrets.secret("forms", on: app.db).utf8))

        // Views and static files ship inside the binary's resource bundle, so the server runs from any directory.
        let resources = Bundle.module.bundleURL.path + "/"
        app.directory = DirectoryConfiguration(workingDirectory: resources)
        app.directory.viewsDirectory = resources + "Resources/Views/"
        app.directory.publicDirectory = resources + "Public/"
        app.logger.debug("Resources: \(resources)")
        app.views.use(.leaf)
        // The bundle sits under .build/ when run from a checkout; Leaf's default limits refuse
        // any path with a hidden directory, so confine it to the views folder instead.
        app.leaf.sources = .singleSource(NIOLeafFiles(fileio: app.fileio, limits: [.toSandbox, .requireExtensions],
                                                      sandboxDirectory: app.directory.viewsDirectory,
                                                      viewDirectory: app.directory.viewsDirectory))
        app.leaf.cache.isEnabled = true
        app.leaf.tags["has"] = HasTag()

        app.middleware = Middlewares()
        app.middleware.use(MetricsMiddleware())
        // Outside the error pages, so a 404 or 500 carries the same headers as any page.
        app.middleware.use(SecurityHeadersMiddleware(hsts: settings.secureCookies))
        app.middleware.use(ErrorPagesMiddleware())
        app.middleware.use(FileMiddleware(publicDirectory: app.directory.publicDirectory))
        let pageCache = PublicPageCache(lifetime: .milliseconds(Int(settings.publicCacheSeconds * 1000)))
        let signedIn = SignedInCache(lifetime: .milliseconds(Int(settings.signedInCacheSeconds * 1000)))
        // Many small entries, one set per session: bounded by bytes rather than by count.
        let signedInPages = PublicPageCache(lifetime: .milliseconds(Int(settings.signedInPageCacheSeconds * 1000)),
                                            maxEntries: 20_000, maxTotalBytes: 64 * 1024 * 1024)
        app.storage[SignedInCacheKey.self] = signedIn
        app.storage[PageCachesKey.self] = PageCaches(anonymous: pageCache, signedInPages: signedInPages, signedIn: signedIn)
        let pageCacheSync = (pageCache.isEnabled || signedIn.isEnabled || signedInPages.isEnabled) && settings.publicCacheCheckSeconds > 0
            ? PageCacheSync(caches: app.pageCaches) : nil
        app.middleware.use(PublicPageCacheMiddleware(cache: pageCache, alsoEmptied: signedInPages, sync: pageCacheSync))
        app.middleware.use(WebSessionMiddleware(idleLimit: settings.sessionIdleLimit, absoluteLimit: settings.sessionAbsoluteLimit,
                                                secure: settings.secureCookies))
        app.middleware.use(CurrentActorMiddleware())
        app.middleware.use(SignedInPageCacheMiddleware(cache: signedInPages))
        app.middleware.use(CSRFMiddleware())
        app.routes.defaultMaxBodySize = "1mb"

        app.register(allEndpoints())
        if let pageCacheSync {
            app.lifecycle.use(PageCacheSyncWorker(sync: pageCacheSync, interval: settings.publicCacheCheckSeconds))
        }
        if settings.runsOutboxWorker, settings.mail.intervalSeconds > 0 {
            app.lifecycle.use(OutboxWorker(interval: settings.mail.intervalSeconds))
        }
    }

    static func allEndpoints() -> [Endpoint] {
        HealthEndpoints.endpoints()
            + AccountPages.endpoints() + AccountRecoveryPages.endpoints() + AdminPages.endpoints()
            + AreaPages.endpoints() + PartnershipPages.endpoints() + MemberPages.endpoints() + JoinRequestPages.endpoints() + MoneyPages.endpoints() + PlanPages.endpoints() + FunderPages.endpoints() + FundingPages.endpoints() + LTOPages.endpoints() + MoneyAPI.endpoints()
            + OrganisationPages.endpoints() + NotificationPages.endpoints()
            + AgreementPages.endpoints() + CommitmentPages.endpoints() + ProjectPages.endpoints()
            + TimelinePages.endpoints() + AccountabilityPages.endpoints()
            + OpenAPIEndpoints.endpoints() + AccountAPI.endpoints() + AreaAPI.endpoints()
            + PartnershipAPI.endpoints() + OrganisationAPI.endpoints()
            + AgreementAPI.endpoints() + CommitmentAPI.endpoints() + ProjectAPI.endpoints()
            + TimelineAPI.endpoints() + AccountabilityAPI.endpoints()
            + MeetingPages.endpoints() + MeetingFeeds.endpoints() + MeetingAPI.endpoints()
            + CommunicationPlanPages.endpoints() + CommunicationPlanAPI.endpoints()
            + UpdatePages.endpoints() + UpdateAPI.endpoints()
            + HandoverPages.endpoints() + HandoverAPI.endpoints()
            + EnquiryPages.endpoints() + CouncilInboxPage.endpoints() + DirectoryPages.endpoints() + EnquiryStatisticsPage.endpoints() + EnquiryAPI.endpoints()
            + HealthCheckPages.endpoints() + HealthCheckAcrossAreasPage.endpoints() + HealthCheckAPI.endpoints()
            + ProposalPages.endpoints() + PollPages.endpoints() + DecisionLogPages.endpoints() + DecisionAPI.endpoints()
            + PrivacyPages.endpoints() + PrivacyAPI.endpoints()
            + WorkPages.endpoints()
    }

    /// Loads the fictional demo area (idempotently) and returns the sign-in details to print.
    public static func loadDemo(_ app: Application, password: String = DemoData.password,
                                overExistingData: Bool = false) async throws -> DemoData.Summary {
        let hash = try await app.passwordHasher.hash(password)
        return try await DemoData.load(on: app.db, passwordHash: hash, overExistingData: overExistingData)
    }
}

struct SettingsKey: StorageKey { typealias Value = WebSettings }
struct HasherKey: StorageKey { typealias Value = BcryptHasher }
struct DummyHashKey: StorageKey { typealias Value = String }
struct MetricsKey: StorageKey { typealias Value = RequestMetrics }
struct FormKeyKey: StorageKey { typealias Value = SymmetricKey }

extension Application {
    var webSettings: WebSettings { storage[SettingsKey.self]! }
    /// The settings this application was configured with, for the command line.
    public var webSettingsForCommands: WebSettings { webSettings }
    var passwordHasher: BcryptHasher { storage[HasherKey.self]! }
    var dummyHash: String { storage[DummyHashKey.self]! }
    var requestMetrics: RequestMetrics { storage[MetricsKey.self]! }
    /// Signs visitors' form tokens (`FormCookie`).
    var formKey: SymmetricKey { storage[FormKeyKey.self]! }
    var sessionCookieName: String { WebSessionMiddleware.cookieName(secure: webSettings.secureCookies) }
}
