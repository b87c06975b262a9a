import Foundation
import Synchronization
import Testing
import VigilCore
import VigilIngest
import VigilPrecursors
import VigilStore
import VigilTestSupport

@testable import VigilKit

@Suite("Screening pipeline")
struct ScreeningPipelineTests {
    struct Broken: Error, Equatable {}

    @Test("a read-ahead hands over every chunk in order, then nil")
    func readAheadOrder() throws {
        let counter = Mutex(0)
        let reading = ReadAhead<Int>(depth: 2) {
            counter.withLock { count in
                count += 1
                return count <= 50 ? count : nil
            }
        }
        var received: [Int] = []
        while let chunk = try reading.next() { received.append(chunk) }
        #expect(received == Array(1...50))
        #expect(try reading.next() == nil)
    }

    @Test("a read-ahead passes on what reading threw, after the chunks read before it")
    func readAheadError() throws {
        let counter = Mutex(0)
        let reading = ReadAhead<Int>(depth: 3) {
            try counter.withLock { count in
                count += 1
                if count == 4 { throw Broken() }
                return count
            }
        }
        #expect(try reading.next() == 1)
        #expect(try reading.next() == 2)
        #expect(try reading.next() == 3)
        #expect(throws: Broken.self) { try reading.next() }
        // Reading stopped at the error: the reader was not asked again.
        Thread.sleep(forTimeInterval: 0.05)
        #expect(counter.withLock { $0 } == 4)
    }

    @Test("an abandoned read-ahead stops reading")
    func readAheadAbandoned() throws {
        let counter = Mutex(0)
        let reading = ReadAhead<Int>(depth: 1) { counter.withLock { count in count += 1; return count } }
        #expect(try reading.next() == 1)
        reading.abandon()
        Thread.sleep(forTimeInterval: 0.05)
        let reads = counter.withLock { $0 }
        Thread.sleep(forTimeInterval: 0.05)
        #expect(reads <= 3)
        #expect(counter.withLock { $0 } == reads)
    }

    @Test("work blocks cover every index once, whoever takes them")
    func blocks() {
        let blocks = WorkBlocks(count: 1000, size: 64)
        let taken = Mutex<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            while let block = blocks.next() { taken.withLock { $0 += Array(block) } }
        }
        #expect(taken.withLock { $0.sorted() } == Array(0..<1000))
        #expect(WorkBlocks(count: 0, size: 8).next() == nil)
    }

    @Test("fields no risk factor reads are still checked: a bad date, quantity or UTF-8 there is reported")
    func unweighedFieldsAreChecked() throws {
        let header = "shipment_id,line,date,description,hs_code,cas,quantity,unit,value,shipper,consignee,notify_party,origin,destination,"
            + "port_of_loading,transshipment_ports,port_of_discharge\n"
        var bytes = Array((header + "S1,1,2026-13-40,NPP,2933.39,,25,kg,100,").utf8)
        bytes += [0xFF] + Array("Bad,Acme,,CN,MX,Shanghai,Colombo,Manzanillo\nS1,2,2026-01-05,cotton shirts,6109.10,,abc,kg,10,Shipper,Acme,,CN,MX,,,\n".utf8)
        let report = try PrecursorScreening(watchlist: try WatchlistCatalog.load())
            .run(.init(manifest: .bytes(bytes, origin: "manifest.csv", isNDJSON: false)))
        let found = report.issues.map { "\($0.line) \($0.issue.column ?? "")" }
        #expect(found.sorted() == ["2 date", "2 shipper", "3 quantity"])
        #expect(report.linesScreened == 2 && report.linesFlagged == 1)
        #expect(report.rows.first?.screened.match?.chemical.rawValue == "npp")
    }

    @Test("with notifications, the fields their checks read are kept: a larger quantity and another port are weighed")
    func notificationFieldsAreKept() throws {
        let manifest = """
            shipment_id,line,date,description,quantity,unit,shipper,consignee,destination,port_of_discharge
            S1,1,2026-03-12,N-phenethyl-4-piperidone,150,kg,Alpha Chemical Co. Ltd,Beta Imports LLC,MX,Lazaro Cardenas

            """
        let pens = """
            pen_id,exporter,importer,substance,quantity,unit,exporting_country,importing_country,point_of_entry,expected_dispatch,status
            PEN-1,"Alpha Chemical Co., Ltd.",Beta Imports LLC,N-phenethyl-4-piperidone,100,kg,CN,MX,Manzanillo,2026-03-10,cleared

            """
        let report = try PrecursorScreening(watchlist: try WatchlistCatalog.load()).run(
            .init(manifest: .bytes(Array(manifest.utf8), origin: "manifest.csv", isNDJSON: false),
                  notifications: .bytes(Array(pens.utf8), origin: "pens.csv", isNDJSON: false)))
        #expect(report.issues.isEmpty)
        let line = try #require(report.rows.first?.screened)
        #expect(line.notification == "PEN-1")
        #expect(Set(line.reasons.map(\.factor)) == [.controlledMatch, .quantityAbovePEN, .routeDiffersFromPEN])
    }

    @Test("a screening gives the same report whatever the chunk size")
    func chunkSizeDoesNotMatter() throws {
        let watchlist = try WatchlistCatalog.load()
        let path = Fixtures.path("precursors/labelled-manifest.csv")
        let whole = try PrecursorScreening(watchlist: watchlist).run(.init(manifest: .file(path), includeAll: true))
        let chunked = try PrecursorScreening(watchlist: watchlist).run(.init(manifest: .file(path), includeAll: true, chunkSize: 7))
        #expect(whole.linesScreened > 300)
        #expect(chunked.rows == whole.rows)
        #expect(chunked.issues == whole.issues)
        #expect(chunked.consignees == whole.consignees)
        #expect(chunked.linesFlagged == whole.linesFlagged)
    }
}
