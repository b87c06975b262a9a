import Testing
import VigilCore

@Suite("Hashing, randomness and codes")
struct SupportTests {
    @Test("SHA-256 matches the FIPS 180-4 examples and Python's hashlib", arguments: [
        ([UInt8](), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (Array("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ([UInt8](repeating: 0x61, count: 1000), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"),
        (Array((0..<768).map { UInt8($0 % 256) }), "f3a25aa93aa2fbba28d79260535bbd6a5eb0fc1c24a8b0f04e12b484c1dfe363"),
    ])
    func sha256(message: [UInt8], digest: String) {
        #expect(SHA256.hexDigest(message) == digest)
    }

    @Test("SplitMix64 gives the reference sequence and repeats for the same seed")
    func splitMix() {
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        var first = SplitMix64(seed: 42)
        var second = SplitMix64(seed: 42)
        #expect((0..<10).map { _ in first.next() } == (0..<10).map { _ in second.next() })
    }

    @Test("outcome, sex, source kind and age codes parse or say what is accepted")
    func codes() throws {
        #expect(try Outcome(code: "Non-Fatal") == .nonFatal)
        #expect(try Outcome(code: " FATAL ") == .fatal)
        #expect(throws: DomainError.self) { try Outcome(code: "overdose") }
        #expect(try Sex.parse("F") == .female)
        #expect(try Sex.parse("") == nil)
        #expect(throws: DomainError.self) { try Sex.parse("q") }
        #expect(try SourceKind(code: "medical-examiner") == .medicalExaminer)
        #expect(try AgeBand(age: 14) == .under15)
        #expect(try AgeBand(age: 85) == .from85)
        #expect(try AgeBand(label: "25–34") == .from25to34)
        #expect(throws: DomainError.self) { try AgeBand(age: -1) }
        do {
            _ = try Outcome(code: "overdose")
        } catch {
            #expect(error.message.contains("fatal, nonfatal or unknown"))
        }
    }
}
