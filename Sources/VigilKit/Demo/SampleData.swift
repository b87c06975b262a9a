import Foundation
import VigilIngest

/// The public data sets bundled with Vigil for `vigil demo`, each with the mapping that reads it.
public enum SampleData {
    /// A bundled file and its mapping.
    public struct Dataset: Sendable {
        /// The file name inside the bundle.
        public var fileName: String
        /// The built-in mapping for it.
        public var mapping: String
        /// Where the data comes from.
        public var credit: String
    }

    /// The bundled data sets.
    public static let datasets: [Dataset] = [
        Dataset(
            fileName: "ct_accidental_drug_related_deaths_2012_2022.csv", mapping: "ct-ocme",
            credit: "Connecticut OCME, Accidental Drug Related Deaths 2012-2022 (data.ct.gov)"),
        Dataset(
            fileName: "allegheny_fatal_accidental_overdoses_2007_2025.csv", mapping: "allegheny-me",
            credit: "Allegheny County OME, Fatal Accidental Overdoses (WPRDC)"),
        Dataset(
            fileName: "tempe_opioid_ems_calls_2017_2024.csv", mapping: "tempe-ems",
            credit: "City of Tempe, Opioid EMS Calls (Open Tempe, CC-BY)"),
    ]

    /// The path of a bundled file.
    /// - Throws: ``IngestError`` `cannotRead` when the installation lacks it.
    public static func path(of dataset: Dataset) throws -> String {
        guard let url = Bundle.module.url(forResource: dataset.fileName, withExtension: nil, subdirectory: "Samples") else {
            throw IngestError(
                code: .cannotRead, origin: dataset.fileName,
                message: "the sample file '\(dataset.fileName)' is missing from this installation; reinstall Vigil")
        }
        return url.path
    }
}
