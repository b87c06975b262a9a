import Foundation
import VigilCore

/// Writes person records for the entity-resolution benchmark from a seed: people with first
/// names, surnames, birth dates, cities and phones, each appearing once or several times with the
/// corruptions of real record systems — typos, nicknames, first name and surname swapped, missing
/// values, day and month swapped in the birth date, a digit wrong in the phone. A `true_id` column
/// says which person each record is. The same seed and count give the same bytes.
public enum SyntheticPeople {
    /// The header of the file.
    public static let header = "id,first_name,surname,dob,city,phone,true_id"

    /// Writes about `records` records (people × their copies) to `path`.
    /// - Throws: File-system errors.
    public static func write(records: Int, to path: String, using generator: inout some RandomNumberGenerator) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        var text = header + "\n"
        var written = 0
        var person = 0
        while written < records {
            let first = firstNames.randomElement(using: &generator)!
            // Surnames from syllables: a realistic long tail of frequencies, few very common ones.
            let surname = (0..<Int.random(in: 2...3, using: &generator)).map { _ in syllables.randomElement(using: &generator)! }.joined()
            let dob = CalendarDate(dayNumber: -7000 + Int.random(in: 0..<25_000, using: &generator))
            let city = cities.randomElement(using: &generator)!
            let phone = "+1" + String(Int.random(in: 2_000_000_000...9_999_999_999, using: &generator))
            let copies = Int.random(in: 0..<10, using: &generator) < 6 ? 1 : Int.random(in: 2...4, using: &generator)
            for copy in 0..<min(copies, records - written) {
                var fields = [first, surname, dob.description, city, phone]
                if copy > 0 { corrupt(&fields, using: &generator) }
                text += "r\(written)," + fields.joined(separator: ",") + ",p\(person)\n"
                written += 1
            }
            person += 1
            if text.utf8.count > 1 << 22 {
                handle.write(Data(text.utf8))
                text.removeAll(keepingCapacity: true)
            }
        }
        handle.write(Data(text.utf8))
    }

    private static func corrupt(_ fields: inout [String], using generator: inout some RandomNumberGenerator) {
        for _ in 0..<Int.random(in: 1...2, using: &generator) {
            switch Int.random(in: 0..<7, using: &generator) {
            case 0: fields[1] = typo(fields[1], using: &generator)
            case 1: fields[0] = nicknames[fields[0]] ?? typo(fields[0], using: &generator)
            case 2: fields.swapAt(0, 1)
            case 3: fields[Int.random(in: 2...4, using: &generator)] = ""
            case 4:
                // Day and month swapped, when the day can be a month.
                let parts = fields[2].split(separator: "-")
                if parts.count == 3, let day = Int(parts[2]), day <= 12 { fields[2] = "\(parts[0])-\(parts[2])-\(parts[1])" }
            case 5:
                var digits = Array(fields[4])
                if digits.count > 4 {
                    let at = Int.random(in: 3..<digits.count, using: &generator)
                    digits[at] = Character(String(Int.random(in: 0...9, using: &generator)))
                    fields[4] = String(digits)
                }
            default: fields[0] = typo(fields[0], using: &generator)
            }
        }
    }

    private static func typo(_ word: String, using generator: inout some RandomNumberGenerator) -> String {
        var characters = Array(word)
        guard characters.count > 2 else { return word }
        let at = Int.random(in: 1..<(characters.count - 1), using: &generator)
        switch Int.random(in: 0..<3, using: &generator) {
        case 0: characters.swapAt(at, at + 1)
        case 1: characters.remove(at: at)
        default: characters[at] = "aeiourstln".randomElement(using: &generator)!
        }
        return String(characters)
    }

    private static let firstNames = [
        "james", "mary", "robert", "patricia", "john", "jennifer", "michael", "linda", "william", "elizabeth", "david", "barbara",
        "richard", "susan", "joseph", "jessica", "thomas", "sarah", "charles", "karen", "christopher", "nancy", "daniel", "lisa",
        "matthew", "betty", "anthony", "margaret", "mark", "sandra", "donald", "ashley", "steven", "kimberly", "paul", "emily",
        "andrew", "donna", "joshua", "michelle", "maria", "jose", "juan", "luis", "carmen", "ana", "miguel", "sofia", "wei", "li",
    ]
    private static let nicknames = [
        "james": "jim", "robert": "bob", "william": "bill", "richard": "dick", "joseph": "joe", "thomas": "tom", "charles": "chuck",
        "christopher": "chris", "daniel": "dan", "matthew": "matt", "anthony": "tony", "michael": "mike", "elizabeth": "liz",
        "jennifer": "jen", "patricia": "pat", "margaret": "peggy", "jessica": "jess", "kimberly": "kim", "andrew": "andy",
        "joshua": "josh", "steven": "steve", "donald": "don", "susan": "sue", "barbara": "barb", "jose": "pepe",
    ]
    private static let syllables = [
        "an", "ber", "cal", "dor", "el", "fan", "gar", "hol", "is", "jen", "kin", "lor", "man", "nor", "ol", "per", "quin", "ros",
        "sal", "tor", "ul", "ver", "wil", "xan", "yor", "zel", "son", "ton", "ley", "ford", "ez", "ska", "ov", "ini",
    ]
    private static let cities = [
        "hartford", "new haven", "bridgeport", "stamford", "waterbury", "norwalk", "danbury", "philadelphia", "pittsburgh",
        "allentown", "tijuana", "culiacan", "phoenix", "tempe", "mesa", "baltimore", "newark", "camden",
    ]
}
