import Testing
@testable import RebalanceCore

@Suite struct OrgIdentifierTests {
    @Test(arguments: ["GB-CHC-1145268", "gb-chc-200001", "GB-COH-09506232", "GB-COH-SC123456",
                      "GB-COH-OC301234", "GB-LAE-MAN", "GB-LAE-KIRK", "GB-SC-SC012345", "GB-NIC-100502",
                      "GB-LANI-BEL", "GB-EDU-100000", " GB-CHC-1145268 "])
    func acceptsWellFormedIdentifiers(_ raw: String) throws {
        let id = try OrgIdentifier.parse(raw).get()
        #expect(id.description == raw.uppercased().trimmingCharacters(in: .whitespaces))
    }

    @Test func rejectsUnknownPrefixes() {
        #expect(throws: OrgIdentifier.Problem.unknownPrefix) { try OrgIdentifier.parse("US-EIN-123456789").get() }
        #expect(throws: OrgIdentifier.Problem.unknownPrefix) { try OrgIdentifier.parse("1145268").get() }
    }

    @Test(arguments: ["GB-CHC-12345", "GB-CHC-12345678", "GB-CHC-11A5268", "GB-COH-1234567",
                      "GB-COH-ABC12345", "GB-LAE-MA", "GB-LAE-MAN1", "GB-SC-012345", "GB-CHC-"])
    func rejectsBadShapesNamingTheRegister(_ raw: String) {
        guard case .failure(let problem) = OrgIdentifier.parse(raw) else {
            Issue.record("\(raw) should be refused"); return
        }
        guard case .badShape = problem else { Issue.record("wrong problem for \(raw)"); return }
        #expect(problem.message.contains("should look like"))
    }

    @Test func organisationDraftReportsEveryBadField() {
        let input = OrganisationDraft.Input(name: " ", kind: "club", identifier: "GB-CHC-12", website: "example.org")
        #expect(throws: ValidationFailure.self) { try OrganisationDraft.validate(input) }
        do { _ = try OrganisationDraft.validate(input) } catch let failure as ValidationFailure {
            #expect(failure.errors.map(\.field) == ["name", "kind", "identifier", "website"])
        } catch { Issue.record("unexpected \(error)") }
    }
}
