import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VigilCore
import VigilServer
import VigilStore
import VigilStoreSQLite

@Suite("Precursor screening API and pages")
struct ScreeningAPITests {
    /// Three lines: a listed chemical by its abbreviation, ordinary goods, and a quantity that is
    /// not a number (file line 4).
    static let manifest = """
        shipment_id,line,description,quantity,unit,consignee
        S1,1,NPP 25kg drums,25,kg,Acme Trading Ltd
        S2,1,cotton t-shirts,200,pcs,Shirt Co
        S3,1,sodium chloride,abc,kg,Salt Co

        """

    @Test("an investigator screens a CSV: the NPP line is flagged with its reasons, the bad quantity is reported, the run is stored")
    func screen() async throws {
        let fixture = try await ServiceFixture()
        let investigator = fixture.connecticut[.investigator]!
        let tokenID = try #require(try await fixture.store.fetchTokens().first { $0.name == "CT investigator" }?.id)
        try await fixture.test { client in
            let answer = try await client.call(.post, "/api/v1/screen", token: investigator, body: Self.manifest, contentType: "text/csv")
            #expect(answer.status == .ok, "\(answer.body)")
            let report = try object(answer.body)
            #expect(report["lines_screened"] as? Int == 3 && report["lines_flagged"] as? Int == 1)
            #expect((report["watchlist_version"] as? String)?.isEmpty == false)
            #expect((report["absent_fields"] as? [String])?.contains("cas") == true)
            let lines = try #require(report["lines"] as? [[String: Any]])
            #expect(lines.count == 1)
            let npp = try #require(lines.first)
            #expect(npp["matched_id"] as? String == "npp" && npp["shipment_id"] as? String == "S1" && npp["line"] as? Int == 1)
            #expect(npp["matched_name"] as? String == "N-phenethyl-4-piperidone" && npp["match_rule"] as? String == "synonym")
            #expect((npp["control"] as? String)?.contains("UN Table I") == true && (npp["confidence"] as? Double ?? 0) > 0.5)
            #expect((npp["risk"] as? Double ?? 0) >= 20)
            let reasons = try #require(npp["reasons"] as? [[String: Any]])
            let controlled = try #require(reasons.first { $0["factor"] as? String == "controlled-match" })
            #expect((controlled["points"] as? Double ?? 0) > 0 && (controlled["detail"] as? String)?.contains("NPP") == true)
            let issue = try #require((report["issues"] as? [[String: Any]])?.first)
            #expect(issue["line"] as? Int == 4 && issue["column"] as? String == "quantity" && issue["value"] as? String == "abc")
            #expect((issue["reason"] as? String)?.contains("not a number") == true)
            // The run is stored, by the token, and listed with its line.
            let run = try #require(report["run"] as? Int)
            let runs = try #require(try object(try await client.call(.get, "/api/v1/screenings", token: investigator).body)["runs"] as? [[String: Any]])
            #expect(runs.count == 1)
            #expect(runs.first?["id"] as? Int == run && runs.first?["origin"] as? String == "api" && runs.first?["started_by"] as? String == tokenID)
            #expect(runs.first?["lines_screened"] as? Int == 3 && runs.first?["lines_flagged"] as? Int == 1)
            let detail = try object(try await client.call(.get, "/api/v1/screenings/\(run)", token: investigator).body)
            let stored = try #require((detail["lines"] as? [[String: Any]])?.first)
            #expect(stored["matched_id"] as? String == "npp" && stored["position"] as? Int == npp["position"] as? Int)
            #expect(stored["description"] as? String == "NPP 25kg drums" && stored["decision"] == nil)
            #expect((stored["reasons"] as? [[String: Any]])?.count == reasons.count)
            #expect(try await client.call(.get, "/api/v1/screenings/9999", token: investigator).status == .notFound)
        }
        // The audit log says what was screened, without the manifest's contents.
        let audit = try await fixture.store.fetchAudit(before: nil, limit: 20).first { $0.action == "POST /api/v1/screen" }
        #expect(audit?.tokenID == tokenID && audit?.status == 200 && audit?.detail.contains("3 lines screened, 1 flagged") == true)
        #expect(audit?.detail.contains("Acme") == false)
    }

    @Test("only investigators and admins may screen, list runs, read a run or decide", arguments: Role.allCases)
    func roles(role: Role) async throws {
        let fixture = try await ServiceFixture()
        let investigator = fixture.connecticut[.investigator]!
        let token = fixture.connecticut[role]!
        let allowed = role == .investigator || role == .admin
        try await fixture.test { client in
            let run = try #require(try object(
                try await client.call(.post, "/api/v1/screen", token: investigator, body: Self.manifest, contentType: "text/csv").body)["run"] as? Int)
            let calls: [(HTTPRequest.Method, String, String?, String)] = [
                (.post, "/api/v1/screen", Self.manifest, "text/csv"),
                (.get, "/api/v1/screenings", nil, "application/json"),
                (.get, "/api/v1/screenings/\(run)", nil, "application/json"),
                (.post, "/api/v1/screenings/\(run)/lines/0/decision", #"{"decision":"cleared"}"#, "application/json"),
            ]
            for (method, path, body, type) in calls {
                let answer = try await client.call(method, path, token: token, body: body, contentType: type)
                #expect(answer.status == (allowed ? .ok : .forbidden), "\(role) \(method) \(path): \(answer.body)")
            }
            for (method, path, body, type) in calls {
                #expect(try await client.call(method, path, token: nil, body: body, contentType: type).status == .unauthorized)
            }
        }
    }

    @Test("a manifest without a description column is 422, another media type 415; store=false keeps nothing and all=true reports every line")
    func badInputAndOptions() async throws {
        let fixture = try await ServiceFixture()
        let admin = fixture.connecticut[.admin]!
        try await fixture.test { client in
            let missing = try await client.call(.post, "/api/v1/screen", token: admin, body: "shipment_id,goods\nS1,NPP\n", contentType: "text/csv")
            #expect(missing.status == .unprocessableContent, "\(missing.body)")
            #expect(missing.body.contains("'description' column"))
            let json = try await client.call(.post, "/api/v1/screen", token: admin, body: #"{"description":"NPP"}"#, contentType: "application/json")
            let message = (try object(json.body)["error"] as? [String: Any])?["message"] as? String
            #expect(json.status == .unsupportedMediaType && message?.contains("text/csv or application/x-ndjson") == true, "\(json.body)")
            let flag = try await client.call(.post, "/api/v1/screen?all=maybe", token: admin, body: Self.manifest, contentType: "text/csv")
            #expect(flag.status == .badRequest && flag.body.contains("all 'maybe'"))
            let all = try object(
                try await client.call(.post, "/api/v1/screen?all=true&store=false", token: admin, body: Self.manifest, contentType: "text/csv; charset=utf-8").body)
            #expect((all["lines"] as? [[String: Any]])?.count == 3)
            #expect(all.keys.contains("run") && all["run"] is NSNull)
            let ndjson = "{\"shipment_id\":\"N1\",\"description\":\"N-phenethyl-4-piperidone\",\"quantity\":\"10\",\"unit\":\"kg\"}\n{\"description\":\"paper cups\"}\n"
            let screened = try object(
                try await client.call(.post, "/api/v1/screen?store=false", token: admin, body: ndjson, contentType: "application/x-ndjson").body)
            #expect(screened["lines_screened"] as? Int == 2)
            #expect((screened["lines"] as? [[String: Any]])?.first?["matched_id"] as? String == "npp")
        }
        #expect(try await fixture.store.fetchScreeningRuns(limit: 10).isEmpty)
    }

    @Test("a decision is recorded and read back; a line that does not exist is 404; a decision other than cleared or referred is 422")
    func decisions() async throws {
        let fixture = try await ServiceFixture()
        let investigator = fixture.connecticut[.investigator]!
        let tokenID = try #require(try await fixture.store.fetchTokens().first { $0.name == "CT investigator" }?.id)
        try await fixture.test { client in
            let report = try object(try await client.call(.post, "/api/v1/screen", token: investigator, body: Self.manifest, contentType: "text/csv").body)
            let run = try #require(report["run"] as? Int)
            let position = try #require((report["lines"] as? [[String: Any]])?.first?["position"] as? Int)
            let path = "/api/v1/screenings/\(run)/lines/\(position)/decision"
            let decided = try await client.call(.post, path, token: investigator, body: #"{"decision":"referred","note":"drums held at the port"}"#)
            #expect(decided.status == .ok, "\(decided.body)")
            let line = try object(decided.body)
            #expect(line["decision"] as? String == "referred" && line["decided_by"] as? String == tokenID && line["note"] as? String == "drums held at the port")
            let stored = try #require((try object(try await client.call(.get, "/api/v1/screenings/\(run)", token: investigator).body)["lines"] as? [[String: Any]])?.first)
            #expect(stored["decision"] as? String == "referred" && stored["note"] as? String == "drums held at the port" && stored["decided_at"] is Int)
            let unknown = try await client.call(.post, "/api/v1/screenings/\(run)/lines/9999/decision", token: investigator, body: #"{"decision":"cleared"}"#)
            #expect(unknown.status == .notFound && unknown.body.contains("no reported line at position 9999"), "\(unknown.body)")
            let noRun = try await client.call(.post, "/api/v1/screenings/9999/lines/0/decision", token: investigator, body: #"{"decision":"cleared"}"#)
            #expect(noRun.status == .notFound)
            let bad = try await client.call(.post, path, token: investigator, body: #"{"decision":"ignored"}"#)
            #expect(bad.status == .unprocessableContent && bad.body.contains("cleared or referred"), "\(bad.body)")
            #expect(try await client.call(.post, path, token: investigator, body: "not json").status == .badRequest)
        }
    }

    @Test("the screening page shows an investigator the flagged line with every reason and records a decision; an analyst has no link and is refused")
    func dashboard() async throws {
        let fixture = try await ServiceFixture()
        try await fixture.test { client in
            let (cookie, csrf) = try await DashboardTests.signIn(client, secret: fixture.connecticut[.investigator]!, page: "/screening")
            var headers = HTTPFields()
            headers[.cookie] = cookie
            let page = try await client.execute(uri: "/screening", method: .get, headers: headers) { ($0.status, String(buffer: $0.body)) }
            #expect(page.0 == .ok && page.1.contains("href=\"/screening\"") && page.1.contains("id=\"screen\"") && page.1.contains("id=\"no-runs\""))
            // Uploading a manifest shows its flagged line, ranked, with the watchlist match and every reason.
            let boundary = "vigil-screening-boundary"
            let manifest = Self.manifest.replacingOccurrences(of: "Acme Trading Ltd", with: "Acme <Trading> Ltd")
            let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf)\r\n"
                + "--\(boundary)\r\nContent-Disposition: form-data; name=\"manifest\"; filename=\"m.csv\"\r\nContent-Type: text/csv\r\n\r\n\(manifest)\r\n"
                + "--\(boundary)--\r\n"
            var upload = headers
            upload[.contentType] = "multipart/form-data; boundary=\(boundary)"
            let result = try await client.execute(uri: "/screening", method: .post, headers: upload, body: ByteBuffer(string: body)) {
                ($0.status, String(buffer: $0.body))
            }
            #expect(result.0 == .ok, "\(result.1)")
            #expect(result.1.contains("Screened 3 lines, flagged 1"))
            #expect(result.1.contains("N-phenethyl-4-piperidone") && result.1.contains("rule synonym"))
            #expect(result.1.contains("controlled-match (+45): N-phenethyl-4-piperidone, UN Table I; US List I, by synonym 'NPP'"), "\(result.1)")
            #expect(result.1.contains("new-consignee (+5): consignee 'Acme &lt;Trading&gt; Ltd' not seen before"))
            #expect(!result.1.contains("Acme <Trading>"))
            #expect(result.1.contains("id=\"issues\"") && result.1.contains("<td>quantity</td><td>abc</td>"))
            let run = try #require(try await fixture.store.fetchScreeningRuns(limit: 1).first)
            #expect(run.origin == "dashboard")
            let position = try #require(try await fixture.store.fetchScreeningLines(run.id).first?.position)
            // A decision through the line's form.
            var form = headers
            form[.contentType] = "application/x-www-form-urlencoded"
            let decided = try await client.execute(
                uri: "/screening/runs/\(run.id)/lines/\(position)/decision", method: .post, headers: form,
                body: ByteBuffer(string: "csrf=\(csrf)&decision=cleared&note=known+importer%2C+licence+on+file")
            ) { $0 }
            #expect(decided.status == .seeOther && decided.headers[.location] == "/screening/runs/\(run.id)#line-\(position)")
            let runPage = try await client.execute(uri: "/screening/runs/\(run.id)", method: .get, headers: headers) { String(buffer: $0.body) }
            #expect(runPage.contains("<strong>cleared</strong>") && runPage.contains("known importer, licence on file"))
            let stale = try await client.execute(
                uri: "/screening/runs/\(run.id)/lines/\(position)/decision", method: .post, headers: form, body: ByteBuffer(string: "csrf=0000&decision=referred")
            ) { $0.status }
            #expect(stale == .forbidden)
            #expect(try await fixture.store.fetchScreeningLines(run.id).first?.decision == .cleared)
            let list = try await client.execute(uri: "/screening", method: .get, headers: headers) { String(buffer: $0.body) }
            #expect(list.contains("href=\"/screening/runs/\(run.id)\""))

            // An analyst's session has no link to the page and is refused there.
            let analyst = try await DashboardTests.signIn(client, secret: fixture.connecticut[.analyst]!, page: "/")
            var analystHeaders = HTTPFields()
            analystHeaders[.cookie] = analyst.cookie
            let overview = try await client.execute(uri: "/", method: .get, headers: analystHeaders) { String(buffer: $0.body) }
            #expect(!overview.contains("href=\"/screening\""))
            #expect(try await client.execute(uri: "/screening", method: .get, headers: analystHeaders) { $0.status } == .forbidden)
            #expect(try await client.execute(uri: "/screening/runs/\(run.id)", method: .get, headers: analystHeaders) { $0.status } == .forbidden)
            // An investigator signing in lands on the screening page.
            var login = HTTPFields()
            login[.contentType] = "application/x-www-form-urlencoded"
            let landing = try await client.execute(
                uri: "/login", method: .post, headers: login, body: ByteBuffer(string: "token=\(fixture.connecticut[.investigator]!)")) { $0.headers[.location] }
            #expect(landing == "/screening")
        }
    }
}
