import Testing
import VigilCore

@Suite("Substances")
struct SubstanceCatalogTests {
    let catalog = SubstanceCatalog.standard

    @Test("every substance the foundation issue names is in the catalogue")
    func requiredSubstances() {
        let required = [
            "fentanyl", "fentanyl-analogue", "carfentanil", "acetylfentanyl", "para-fluorofentanyl", "furanylfentanyl",
            "heroin", "morphine", "codeine", "oxycodone", "hydrocodone", "hydromorphone", "oxymorphone", "methadone",
            "buprenorphine", "tramadol", "tapentadol", "cocaine", "methamphetamine", "amphetamine", "mdma", "xylazine",
            "medetomidine", "nitazene", "isotonitazene", "metonitazene", "protonitazene", "n-pyrrolidino-etonitazene",
            "benzodiazepine", "alprazolam", "bromazolam", "etizolam", "gabapentin", "ethanol",
        ]
        for id in required { #expect(catalog.substance(SubstanceID(rawValue: id)) != nil, "missing \(id)") }
    }

    @Test("free-text mentions resolve", arguments: [
        ("FENTANYL ANALOGUE", "fentanyl-analogue"), ("heroin/morph", "heroin-morphine-codeine"), ("Xylazine Y", "xylazine"),
        ("Fentanyl HCl", "fentanyl"), ("Acetyl Fentanyl", "acetylfentanyl"), ("acetylfentanyl", "acetylfentanyl"),
        ("Para-Fluorofentanyl", "para-fluorofentanyl"), ("p-fluorofentanyl", "para-fluorofentanyl"), ("Bupren", "buprenorphine"),
        ("Fentanyl or Analog", "fentanyl-or-analogue"), ("Meth/Amphetamine", "methamphetamine"), ("Alcohol", "ethanol"),
        ("N-Pyrrolidino Etonitazene(Etonitazepyne)", "n-pyrrolidino-etonitazene"), ("  cocaine  ", "cocaine"),
    ])
    func resolves(text: String, id: String) {
        #expect(catalog.resolve(text)?.rawValue == id)
    }

    @Test("unknown mentions resolve to nothing", arguments: ["Diphenhydramine", "mystery powder", "", "Y", "PCP NEG"])
    func unknown(text: String) {
        #expect(catalog.resolve(text) == nil)
    }

    @Test("every entry has a class and a name that resolves back to it")
    func entriesResolveToThemselves() {
        for substance in catalog.substances {
            #expect(catalog.resolve(substance.name) == substance.id)
            #expect(catalog.resolve(substance.id.rawValue) == substance.id)
        }
    }
}
