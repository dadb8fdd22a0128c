import FluentKit

/// Every migration, in order. Each has a fixed `name`, so renaming or moving a type never makes
/// a migration run twice. Later features append their own.
public enum StoreMigrations {
    public static let all: [any AsyncMigration] = [
        CreateAccounts(),
        CreateOrganisations(),
        CreateAreasAndPartnerships(),
        CreateAuditLog(),
        CreateOutbox(),
        AddEmailOptOut(),
        CreateSiteSecrets(),
        CreateMeetings(),
        CreateCommunicationPlans(),
        CreateUpdates(),
        CreateAgreementVersions(),
        CreateProjects(),
        CreateCommitments(),
        AddCommitmentMeetingLink(),
        CreateEnquiries(),
        CreateHandovers(),
        CreateHealthCheck(),
        CreateDecisions(),
        AddAccountSecurity(),
        MoveAuditActorNames(),
        DetachHealthCheckAnswers(),
        CreateSQLiteWriteGate(),
        AddIndexesForScale(),
        CreateChangeCounters(),
        AddIndexesForParentsAndPeople(),
        CreateNotices(),
        AddStaffAdministrators(),
        CreateJoinRequests(),
        AddAccountAdministration(),
        CreateMoney(),
        AddOrganisationHoldsMoney(),
    ]
}
