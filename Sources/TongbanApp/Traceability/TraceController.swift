import Fluent
import NIOFoundationCompat
import TongbanCore
import Vapor

/// The traceability JSON API: companies record (or import) EPCIS events, anyone reads a batch's
/// chain with its proofs, the market regulator orders recalls.
struct TraceController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let trace = routes.grouped("api", "v1", "trace")
        trace.post("companies", ":creditCode", "events", use: record)
        trace.get("batches", ":gtin", ":lot", use: chain)
        trace.post("batches", ":gtin", ":lot", "recall", use: recall)
    }

    /// One event, or an EPCISDocument of up to 1000; all recorded or, on any problem, none.
    @Sendable func record(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        let recorder = request.traceRecorder
        let company = try await recorder.company(request.parameters.get("creditCode") ?? "", actingAs: principal)
        let events = try Self.parse(request.body.data.map { Data(buffer: $0) } ?? Data())
        let recorded = try await recorder.record(events, by: company)
        request.logger.info("trace events recorded", metadata: ["company": .string(company.creditCode), "count": .stringConvertible(recorded.recorded)])
        return try await recorded.encodeResponse(status: .created, for: request)
    }

    static func parse(_ data: Data) throws -> [TraceEvent] {
        do throws(EPCISError) { return try EPCISParser().parse(data) } catch {
            throw AppError.invalid("trace.invalid_epcis", error.summary,
                                   details: Dictionary(error.problems.map { ($0.field, $0.message) }, uniquingKeysWith: { a, _ in a }))
        }
    }

    @Sendable func chain(_ request: Request) async throws -> TraceChainView {
        try await request.traceChain.chain(of: try Self.batch(request))
    }

    struct RecallInput: Content {
        var reason: String?
    }

    @Sendable func recall(_ request: Request) async throws -> TraceRecall.Result {
        let principal = try request.requirePrincipal()
        let reason = (try? request.content.decode(RecallInput.self))?.reason
        return try await request.traceRecall.recall(try Self.batch(request), reason: reason, by: principal)
    }

    static func batch(_ request: Request) throws -> BatchID {
        let gtin = request.parameters.get("gtin") ?? "", lot = request.parameters.get("lot") ?? ""
        do throws(TraceFieldError) { return try BatchID(gtin: gtin, lot: lot) } catch {
            throw AppError.invalid("trace.invalid_batch", error.message, details: ["batch": error.message])
        }
    }
}
