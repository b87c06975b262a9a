import Foundation
import Hummingbird
import VigilCore
import VigilKit

/// The HTML frame of every dashboard page: navigation by role, the page's content, and only
/// Vigil's own stylesheet and script.
enum Page {
    static func render(_ title: String, token: (role: Role, name: String)?, csrf: String? = nil, _ body: String) -> Response {
        var navigation = ""
        if let token {
            var links: [(String, String)] = []
            if token.role.allows(.readAlerts) { links.append(("/", "Overview")) }
            if token.role.allows(.submitEvents) { links += [("/report", "Report an overdose"), ("/upload", "Upload")] }
            if token.role.allows(.readEvents) { links.append(("/access", "Access to care")) }
            if token.role.allows(.readSamples) { links.append(("/drug-market", "Drug market")) }
            if token.role.allows(.screenPrecursors) { links.append(("/screening", "Screening")) }
            if token.role.allows(.investigateNetworks) { links.append(("/network", "Network")) }
            if token.role.allows(.administer) { links.append(("/admin", "Administration")) }
            navigation = "<nav aria-label=\"Main\"><ul>" + links.map { "<li><a href=\"\($0.0)\">\($0.1)</a></li>" }.joined()
            navigation += "</ul><form method=\"post\" action=\"/logout\" class=\"logout\">\(csrfField(csrf))"
            navigation += "<span>\(escape(token.name)) (\(token.role.rawValue))</span> <button type=\"submit\">Sign out</button></form></nav>"
        }
        let html = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title)) · Vigil</title>
            <link rel="stylesheet" href="/static/vigil.css">
            <script src="/static/vigil.js" defer></script>
            </head>
            <body>
            <header><a class="brand" href="/">Vigil</a>\(navigation)</header>
            <main id="main">
            <h1>\(escape(title))</h1>
            \(body)
            </main>
            </body>
            </html>
            """
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func csrfField(_ csrf: String?) -> String {
        csrf.map { "<input type=\"hidden\" name=\"csrf\" value=\"\($0)\">" } ?? ""
    }

    static func redirect(_ location: String, cookie: String? = nil) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        if let cookie { headers[.setCookie] = cookie }
        return Response(status: .seeOther, headers: headers)
    }

    static func escape(_ text: String) -> String { Markup.escape(text) }
}
