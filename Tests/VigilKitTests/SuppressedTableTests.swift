import Testing
import VigilCore
import VigilKit

@Suite("Small-count suppression for public tables")
struct SuppressedTableTests {
    @Test("a hand-worked table: primary cells, then complements in the row, the column and the totals")
    func handWorked() {
        // Counties × years:           2022 2023 | total
        //   A                           25    4  |  29   4 is small; row A hides only 4: its smallest other cell, 25, goes;
        //   B                           30   40  |  70   column 2023 hides only 4: its smallest other non-zero cell, 15, goes;
        //   C                           12   15  |  27   row C then hides only 15: 12 goes;
        //   total                       67   59  | 126   column 2022 hides 25 and 12, and every sum hides 0 or 2.
        let table = SuppressedTable(rows: ["A", "B", "C"], columns: ["2022", "2023"], counts: [[25, 4], [30, 40], [12, 15]])
        #expect(table.cells == [[nil, nil], [30, 40], [nil, nil]])
        #expect(table.rowTotals == [29, 70, 27] && table.columnTotals == [67, 59] && table.total == 126)
    }

    @Test("a small total is suppressed, and zeros are published")
    func smallTotals() {
        let table = SuppressedTable(rows: ["A", "B"], columns: ["x", "y", "z"], counts: [[0, 3, 0], [20, 30, 40]])
        #expect(table.cells[0] == [0, nil, 0] && table.rowTotals[0] == nil)
        // Column y hides only 3: 30 goes. The column of row totals hides only A's 3: B's total, 90,
        // goes; row B then hides 30 and 90 and needs nothing more.
        #expect(table.cells[1] == [20, nil, 40] && table.rowTotals == [nil, nil])
        #expect(table.columnTotals == [20, 33, 40] && table.total == 93)
    }

    @Test("random tables: every small count is hidden, every sum hides none or at least two values, the rest is exact",
          arguments: 0..<200 as Range<UInt64>)
    func property(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let (height, width) = (Int.random(in: 1...6, using: &generator), Int.random(in: 1...5, using: &generator))
        let counts = (0..<height).map { _ in
            (0..<width).map { _ in Bool.random(using: &generator) ? Int.random(in: 0...12, using: &generator) : Int.random(in: 10...200, using: &generator) }
        }
        let table = SuppressedTable(rows: (0..<height).map { "r\($0)" }, columns: (0..<width).map { "c\($0)" }, counts: counts)
        var grid = table.cells.enumerated().map { $1 + [table.rowTotals[$0]] }
        grid.append(table.columnTotals + [table.total])
        var truth = counts.map { $0 + [$0.reduce(0, +)] }
        truth.append((0...width).map { column in truth.reduce(0) { $0 + $1[column] } })
        for row in 0...height {
            for column in 0...width {
                if let value = grid[row][column] {
                    #expect(value == truth[row][column] && !(1...9).contains(value))
                }
            }
        }
        for row in 0...height { #expect(grid[row].filter { $0 == nil }.count != 1, "row \(row) of \(counts)") }
        for column in 0...width { #expect(grid.map { $0[column] }.filter { $0 == nil }.count != 1, "column \(column) of \(counts)") }
    }
}
