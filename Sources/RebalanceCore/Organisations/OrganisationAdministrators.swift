import Foundation

/// Once an organisation has an administrator it keeps one while it lists any staff, so no
/// council is left with teams nobody may edit short of asking a site administrator.
public enum OrganisationAdministrators {
    /// Checks the staff list a removal or a change of role would leave behind.
    public static func check(administratorsBefore: Int, administratorsAfter: Int, staffAfter: Int, organisation: String) throws {
        guard administratorsBefore > 0, administratorsAfter == 0, staffAfter > 0 else { return }
        throw ValidationFailure("administrator",
                                "\(organisation) needs at least one administrator: make someone else an administrator first")
    }
}
