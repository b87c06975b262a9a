import Foundation
import Hummingbird

/// The dashboard's stylesheet and script, bundled with the server.
enum StaticFiles {
    static let types = ["vigil.css": "text/css; charset=utf-8", "vigil.js": "text/javascript; charset=utf-8"]

    static func response(_ name: String) throws -> Response {
        guard let type = types[name], let url = Bundle.module.url(forResource: name, withExtension: nil) else { throw APIError.notFound }
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "max-age=300"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: Array(try Data(contentsOf: url)))))
    }
}
