import Foundation
import Vapor

/// GET /interviews/{id}/events: server-sent events for the live page. Each answer given after the client's cursor
/// (`Last-Event-ID` on a reconnect, else `?after=` from the page), then each change of state; the event id is the
/// interview's revision, so a reconnecting browser resumes exactly where it stopped. SSE rather than WebSocket:
/// the page only listens, EventSource reconnects by itself, and it is plain HTTP through any proxy.
enum InterviewStream {
    /// A stream ends after this and the browser reconnects, so no connection outlives a restart or a dead client for long.
    static let lifetime: Duration = .seconds(300)
    /// A comment line now and then keeps proxies from closing an idle stream and notices a client that has gone.
    static let heartbeat: Duration = .seconds(15)

    static func response(_ request: Request, interviewID: UUID, knownState: InterviewState?) -> Response {
        let after = request.headers.first(name: "Last-Event-ID").flatMap { Int($0) } ?? request.query[Int.self, at: "after"] ?? 0
        let db = request.application.db
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "event-stream", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        headers.replaceOrAdd(name: "X-Accel-Buffering", value: "no")
        let body = Response.Body(managedAsyncStream: { writer in
            var (cursor, state) = (after, knownState)
            let opened = ContinuousClock.now
            var lastWrite = opened
            try await writer.write(.buffer(ByteBuffer(string: "retry: 1000\n\n")))
            while ContinuousClock.now - opened < lifetime {
                guard let snapshot = try await InterviewFeed.shared.snapshot(interviewID, db: db) else { return }
                var out = ""
                for answer in snapshot.answers where answer.seq > cursor { out += event("answer", id: answer.seq, answer) }
                // An ended interview says so even to a page that knew, so its script closes instead of reconnecting.
                if snapshot.state != state || snapshot.state == .ended {
                    state = snapshot.state
                    out += event("state", id: snapshot.revision, StateChange(state: snapshot.state.rawValue, title: snapshot.state.title))
                }
                cursor = max(cursor, snapshot.revision)
                if out.isEmpty, ContinuousClock.now - lastWrite >= heartbeat { out = ": keep-alive\n\n" }
                if !out.isEmpty {
                    try await writer.write(.buffer(ByteBuffer(string: out)))
                    lastWrite = ContinuousClock.now
                }
                if snapshot.state == .ended { return }
                try await Task.sleep(for: InterviewFeed.pollInterval)
            }
        })
        return Response(status: .ok, headers: headers, body: body)
    }

    struct StateChange: Encodable {
        var state: String
        var title: String
    }

    /// One event; JSON keeps the data on one line (a newline inside text is escaped), as the format requires.
    static func event(_ name: String, id: Int, _ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let data = (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return "id: \(id)\nevent: \(name)\ndata: \(data)\n\n"
    }
}
