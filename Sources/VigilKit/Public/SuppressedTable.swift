/// A two-way table of counts for public release, with small counts suppressed and enough other
/// cells suppressed that no suppressed value can be worked out from the published row and column
/// totals.
///
/// Primary suppression hides every cell and total from 1 to `threshold` − 1 (zero is published: it
/// reveals no person). Complementary suppression then looks at every row (its cells and its total),
/// every column, and the totals row, each of which is a sum that a reader could solve; wherever
/// exactly one value of such a sum is hidden, it also hides the smallest published non-zero cell
/// of that sum (or, if there is none, the sum's total), and repeats until every sum hides none or
/// at least two values.
public struct SuppressedTable: Sendable, Codable, Hashable {
    /// Row labels (e.g. counties).
    public let rows: [String]
    /// Column labels (e.g. years).
    public let columns: [String]
    /// Cell values, row-major; `nil` where suppressed.
    public let cells: [[Int?]]
    /// Row totals; `nil` where suppressed.
    public let rowTotals: [Int?]
    /// Column totals; `nil` where suppressed.
    public let columnTotals: [Int?]
    /// The grand total; `nil` where suppressed.
    public let total: Int?
    /// Counts from 1 to `threshold` − 1 are suppressed.
    public let threshold: Int

    /// Builds the published table from full counts.
    /// - Precondition: `counts` has one row per row label and one value per column label, none negative.
    public init(rows: [String], columns: [String], counts: [[Int]], threshold: Int = 10) {
        precondition(counts.count == rows.count && counts.allSatisfy { $0.count == columns.count }, "one count per row and column")
        precondition(counts.allSatisfy { $0.allSatisfy { $0 >= 0 } }, "counts are never negative")
        let (height, width) = (rows.count, columns.count)
        // The grid with totals: cells [0..<height][0..<width], row totals in column `width`, column
        // totals in row `height`, the grand total at [height][width].
        var grid = [[Int]](repeating: [Int](repeating: 0, count: width + 1), count: height + 1)
        for row in 0..<height {
            for column in 0..<width {
                grid[row][column] = counts[row][column]
                grid[row][width] += counts[row][column]
                grid[height][column] += counts[row][column]
                grid[height][width] += counts[row][column]
            }
        }
        var hidden = grid.map { $0.map { (1..<max(1, threshold)).contains($0) } }
        // Every row (including the totals row) and every column (including the totals column) is
        // a sum whose last entry is the total of the others.
        let sums: [[(Int, Int)]] = (0...height).map { row in (0...width).map { (row, $0) } }
            + (0...width).map { column in (0...height).map { ($0, column) } }
        var changed = true
        while changed {
            changed = false
            for sum in sums where sum.filter({ hidden[$0.0][$0.1] }).count == 1 {
                let parts = sum.dropLast().filter { !hidden[$0.0][$0.1] && grid[$0.0][$0.1] > 0 }
                let (row, column) = parts.min { (grid[$0.0][$0.1], $0.0, $0.1) < (grid[$1.0][$1.1], $1.0, $1.1) } ?? sum.last!
                if hidden[row][column] { continue }
                hidden[row][column] = true
                changed = true
            }
        }
        func published(_ row: Int, _ column: Int) -> Int? { hidden[row][column] ? nil : grid[row][column] }
        self.rows = rows
        self.columns = columns
        self.threshold = threshold
        cells = (0..<height).map { row in (0..<width).map { published(row, $0) } }
        rowTotals = (0..<height).map { published($0, width) }
        columnTotals = (0..<width).map { published(height, $0) }
        total = published(height, width)
    }
}
