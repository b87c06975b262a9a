extension SubstanceCatalog {
    /// Vigil's built-in catalogue: the opioids, stimulants, sedatives and adulterants that US
    /// overdose surveillance and drug checking report, plus group entries for sources that cannot
    /// tell members of a group apart.
    public static let standard = SubstanceCatalog(version: "2026.11", substances: standardEntries)

    private static func entry(
        _ id: String, _ name: String, _ substanceClass: SubstanceClass, _ synonyms: String...
    ) -> Substance {
        Substance(id: SubstanceID(rawValue: id), name: name, substanceClass: substanceClass, synonyms: synonyms)
    }

    private static let standardEntries: [Substance] = [
        // Fentanyl and its analogues.
        entry("fentanyl", "Fentanyl", .fentanyl, "fentanil", "fent", "illicitly manufactured fentanyl"),
        entry("fentanyl-analogue", "Fentanyl analogue (unspecified)", .fentanylAnalogue,
              "fentanyl analog", "fentanyl analogs", "fentanyl analogues", "fentanyl related substance"),
        entry("fentanyl-or-analogue", "Fentanyl or fentanyl analogue (not distinguished)", .fentanylAnalogue,
              "fentanyl or analog", "fentanyl or analogue"),
        entry("carfentanil", "Carfentanil", .fentanylAnalogue, "carfentanyl"),
        entry("acetylfentanyl", "Acetylfentanyl", .fentanylAnalogue, "acetyl fentanyl"),
        entry("para-fluorofentanyl", "para-Fluorofentanyl", .fentanylAnalogue,
              "p-fluorofentanyl", "4-fluorofentanyl", "pff", "para-fluoro fentanyl"),
        entry("furanylfentanyl", "Furanylfentanyl", .fentanylAnalogue, "furanyl fentanyl", "fu-f"),
        entry("cyclopropylfentanyl", "Cyclopropylfentanyl", .fentanylAnalogue, "cyclopropyl fentanyl"),
        entry("acrylfentanyl", "Acrylfentanyl", .fentanylAnalogue, "acryl fentanyl", "acryloylfentanyl"),
        entry("methoxyacetylfentanyl", "Methoxyacetylfentanyl", .fentanylAnalogue, "methoxyacetyl fentanyl"),
        entry("butyrylfentanyl", "Butyrylfentanyl or isobutyrylfentanyl", .fentanylAnalogue,
              "butyryl fentanyl", "butyryl fentanyl/isobutyryl fentanyl", "isobutyryl fentanyl"),
        entry("valerylfentanyl", "Valerylfentanyl", .fentanylAnalogue, "valeryl fentanyl"),
        entry("para-fluorobutyrylfentanyl", "para-Fluorobutyrylfentanyl (FBF/FIBF)", .fentanylAnalogue,
              "para-fluorobutyryl fentanyl/fibf", "para-fluoroisobutyrylfentanyl", "p-fluoroisobutyrylfentanyl",
              "fibf", "p-fluoroisobutyrylfentanyl/m-fibf"),
        entry("3-methylfentanyl", "3-Methylfentanyl", .fentanylAnalogue,
              "cis-3-methylfentanyl", "trans-3-methylfentanyl"),
        entry("benzylfentanyl", "Benzylfentanyl", .fentanylAnalogue, "benzyl fentanyl"),
        entry("4-anpp", "4-ANPP (despropionyl fentanyl)", .other, "despropionyl fentanyl 4-anpp", "despropionyl fentanyl"),
        // Nitazenes.
        entry("nitazene", "Nitazene (unspecified)", .nitazene, "nitazenes", "benzimidazole opioid"),
        entry("isotonitazene", "Isotonitazene", .nitazene, "n-desethyl isotonitazene"),
        entry("metonitazene", "Metonitazene", .nitazene),
        entry("protonitazene", "Protonitazene", .nitazene),
        entry("n-pyrrolidino-etonitazene", "N-Pyrrolidino etonitazene (etonitazepyne)", .nitazene,
              "etonitazepyne", "n-pyrrolidino etonitazene(etonitazepyne)", "n-pyrrolidino etonitazene"),
        // Other synthetic opioids.
        entry("methadone", "Methadone", .syntheticOpioid, "eddp"),
        entry("tramadol", "Tramadol", .syntheticOpioid, "tramad", "o-desmethyltramadol"),
        entry("tapentadol", "Tapentadol", .syntheticOpioid),
        entry("u-47700", "U-47700", .syntheticOpioid, "u-47700 synthetic opioid"),
        // Heroin, natural and semi-synthetic opioids.
        entry("heroin", "Heroin", .naturalOrSemiSyntheticOpioid,
              "diacetylmorphine", "6-mam", "6-monoacetylmorphine", "heroin death certificate (dc)", "heroin dc"),
        entry("heroin-morphine-codeine", "Heroin, morphine or codeine (not distinguished)",
              .naturalOrSemiSyntheticOpioid, "heroin/morph/codeine", "heroin/morph", "heroin/morphine"),
        entry("morphine", "Morphine", .naturalOrSemiSyntheticOpioid, "morphine (not heroin)"),
        entry("codeine", "Codeine", .naturalOrSemiSyntheticOpioid),
        entry("oxycodone", "Oxycodone", .naturalOrSemiSyntheticOpioid, "oxycontin", "percocet"),
        entry("hydrocodone", "Hydrocodone", .naturalOrSemiSyntheticOpioid, "vicodin"),
        entry("hydromorphone", "Hydromorphone", .naturalOrSemiSyntheticOpioid, "hydromorph", "dilaudid"),
        entry("oxymorphone", "Oxymorphone", .naturalOrSemiSyntheticOpioid),
        entry("buprenorphine", "Buprenorphine", .naturalOrSemiSyntheticOpioid, "bupren", "suboxone", "subutex"),
        entry("opioid", "Opioid (unspecified)", .unspecifiedOpioid,
              "opioids", "opiate", "opiates", "opiate nos", "other opioid", "any opioid", "down (unknown opioid)"),
        // Stimulants.
        entry("cocaine", "Cocaine", .cocaine, "crack", "crack cocaine", "benzoylecgonine", "cocaethylene"),
        entry("methamphetamine", "Methamphetamine", .stimulant, "meth", "meth/amphetamine", "crystal meth"),
        entry("amphetamine", "Amphetamine", .stimulant, "amphet", "amphetamines"),
        entry("mdma", "MDMA", .stimulant, "ecstasy", "molly", "3,4-methylenedioxymethamphetamine"),
        // Veterinary sedatives.
        entry("xylazine", "Xylazine", .alpha2Agonist, "tranq"),
        entry("medetomidine", "Medetomidine", .alpha2Agonist, "dexmedetomidine"),
        // Benzodiazepines.
        entry("benzodiazepine", "Benzodiazepine (unspecified)", .benzodiazepine, "benzodiazepines", "benzo", "benzos"),
        entry("alprazolam", "Alprazolam", .benzodiazepine, "xanax"),
        entry("bromazolam", "Bromazolam", .benzodiazepine),
        entry("etizolam", "Etizolam", .benzodiazepine, "alpha-hydroxyetizolam"),
        entry("flualprazolam", "Flualprazolam", .benzodiazepine),
        entry("clonazepam", "Clonazepam", .benzodiazepine, "7-aminoclonazepam"),
        entry("diazepam", "Diazepam", .benzodiazepine, "nordiazepam"),
        entry("lorazepam", "Lorazepam", .benzodiazepine),
        // Others.
        entry("gabapentin", "Gabapentin", .gabapentinoid, "neurontin"),
        entry("ethanol", "Ethanol", .alcohol, "alcohol", "etoh", "ethyl alcohol"),
        entry("ketamine", "Ketamine", .other),
        entry("pcp", "Phencyclidine (PCP)", .other, "phencyclidine"),
        entry("mitragynine", "Mitragynine (kratom)", .other, "kratom"),
    ]
}
