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

    @Test("HMAC-SHA256 matches RFC 4231 test cases 1, 2 and 6", arguments: [
        ([UInt8](repeating: 0x0b, count: 20), "Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        (Array("Jefe".utf8), "what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        ([UInt8](repeating: 0xaa, count: 131), "Test Using Larger Than Block-Size Key - Hash Key First",
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
    ])
    func hmac(key: [UInt8], message: String, code: String) {
        #expect(HMACSHA256.hexCode(Array(message.utf8), key: key) == code)
    }
}
