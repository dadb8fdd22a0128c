import Testing
@testable import RebalanceCore

@Suite struct HTMLAllowListTests {
    let list = HTMLAllowList.markdown

    @Test func keepsStructureAndWritesItCanonically() {
        #expect(list.clean("<P>One <EM>two</EM></P><ol start=3><li>x</li></ol>") == #"<p>One <em>two</em></p><ol start="3"><li>x</li></ol>"#)
        #expect(list.clean(#"<a href="https://example.org/a?b=1&amp;c=2">ok</a>"#)
                == #"<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow">ok</a>"#)
        #expect(list.clean("Fish &amp; chips &lt;3 &#169; &eacute;") == "Fish &amp; chips &lt;3 &#169; &eacute;")
    }

    @Test func dropsTagsAndAttributesOffTheList() {
        #expect(list.clean(#"<meta/http-equiv="refresh"/content="0,https://evil.example">"#) == "")
        #expect(list.clean(#"<p onclick="x()" style="color:red">hi</p>"#) == "<p>hi</p>")
        #expect(list.clean("<script>alert(1)</script>after") == "after")
        #expect(list.clean("<svg><script>alert(1)</script></svg>ok") == "ok")
        #expect(list.clean("<img src=x onerror=alert(1)>") == "")
        #expect(list.clean("<!-- <a href='https://x'> -->text") == "text")
        #expect(list.clean(#"<code class="language-swift">x</code>"#) == #"<code class="language-swift">x</code>"#)
        #expect(list.clean(#"<code class="x&quot; onmouseover=&quot;y">x</code>"#) == "<code>x</code>")
    }

    @Test(arguments: ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:x", "//evil.example", "/\\evil.example",
                      "data:text/html,x", "&#106;avascript:alert(1)", "java\tscript:alert(1)", "/\t/evil.example",
                      "vbscript:x", "https\u{0}://x"])
    func refusesUnsafeLinksAndKeepsTheirText(_ href: String) {
        let html = "<a href=\"\(HTMLAllowList.escapeAttribute(href))\">Sign in</a>"
        #expect(list.clean(html) == "Sign in")
    }

    @Test func escapesStrayMarkupAndAmpersands() {
        #expect(list.clean("a < b && c > d") == "a &lt; b &amp;&amp; c &gt; d")
        #expect(list.clean("<p>unterminated <a href=\"https://x") == "<p>unterminated &lt;a href=\"https://x</p>")
        #expect(list.clean("&<b>;") == "&amp;;")
    }

    @Test func closesWhatIsLeftOpenAndIgnoresStrayEndTags() {
        #expect(list.clean(#"<a href="https://x.example">link"#) == #"<a href="https://x.example" rel="nofollow">link</a>"#)
        #expect(list.clean("<ul><li>one</ul></li></div>") == "<ul><li>one</li></ul>")
        #expect(list.clean("<em><strong>x</em>y") == "<em><strong>x</strong></em>y")
    }

    @Test func attributeValuesAreDecodedBeforeTheyAreCheckedAndEscapedAfter() {
        // A reference that decodes to // must not make a scheme-relative link.
        #expect(list.clean(#"<a href="/&#47;evil.example">x</a>"#) == "x")
        #expect(list.clean(#"<a href='/news?a=1&amp;b="2"'>x</a>"#) == #"<a href="/news?a=1&amp;b=&quot;2&quot;" rel="nofollow">x</a>"#)
    }
}
