@testable import RebalanceWeb
import Testing

@Suite struct FormatNumberTests {
    @Test func groupsThousandsAsBritishWritingDoes() {
        #expect(Format.number(nil) == nil)
        #expect(Format.number(0) == "0")
        #expect(Format.number(999) == "999")
        #expect(Format.number(1000) == "1,000")
        #expect(Format.number(12_345) == "12,345")
        #expect(Format.number(1_234_567) == "1,234,567")
        #expect(Format.number(-4_500) == "-4,500")
        #expect(Format.number(Int.min) == "-9,223,372,036,854,775,808")
    }
}
