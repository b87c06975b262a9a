import Testing
import VigilNetwork

@Suite("Normalising record fields")
struct FieldNormalizationTests {
    @Test("names lose case, accents and punctuation; word order can be set aside")
    func names() {
        #expect(FieldNormalization.name("José  O'Connor-Ruiz") == "jose o connor ruiz")
        #expect(FieldNormalization.name("  MÜLLER, Jürgen ") == "muller jurgen")
        #expect(FieldNormalization.nameWordsSorted("Garcia, Maria") == FieldNormalization.nameWordsSorted("maria GARCÍA"))
        #expect(FieldNormalization.name("...") == "")
    }

    @Test("phone numbers become E.164 or nothing", arguments: [
        ("+52 55 1234 5678", nil, "+525512345678"),
        ("0052 (55) 1234-5678", nil, "+525512345678"),
        ("(215) 555-0142", "1", "+12155550142"),
        ("1-215-555-0142", "1", "+12155550142"),
        ("020 7946 0018", "44", "+442079460018"),
        ("555-0142", nil, nil),
        ("12", "1", nil),
        ("+0 123 456 789", nil, nil),
    ] as [(String, String?, String?)])
    func phones(text: String, country: String?, expected: String?) {
        #expect(FieldNormalization.phone(text, defaultCountryCode: country) == expected)
    }

    @Test("e-mail addresses are lower-cased and checked for shape")
    func emails() {
        #expect(FieldNormalization.email("  Ana.Example@Example.ORG ") == "ana.example@example.org")
        for bad in ["ana", "ana@", "@example.org", "ana@example", "ana@@example.org", "a na@example.org", "ana@example."] {
            #expect(FieldNormalization.email(bad) == nil, "\(bad)")
        }
    }
}
