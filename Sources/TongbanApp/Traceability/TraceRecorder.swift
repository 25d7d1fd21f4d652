import Crypto
import Fluent
import Foundation
import TongbanCore
import Vapor

/// Records EPCIS events for one company: each on the ledger, its batches and transformation edges
/// indexed for the chain query. No HTTP in here.
struct TraceRecorder {
    let db: any Database
    let now: Date
    var gate: WriteGate? = nil

    /// The company named by its credit code, if the person acts for it: only its own agents record its events.
    func company(_ creditCode: String, actingAs principal: Principal) async throws -> Company {
        guard let company = try await Company.query(on: db).filter(\.$creditCode == creditCode.uppercased()).first(),
              try await CompanyAgent.query(on: db).filter(\.$company.$id == company.requireID())
                  .filter(\.$user.$id == principal.userID).count() > 0
        else { throw AppError(.forbidden, "trace.not_agent", "只有该企业的经办人可以为其记录追溯事件") }
        return company
    }

    struct Recorded: Content {
        var recorded: Int
        /// eventIDs already on record (an import sent twice): skipped, not recorded again.
        var duplicates: [String]
        var events: [Event]

        struct Event: Content {
            var eventID: String
            var ledgerEntry: Int
            var batches: [String]
        }
    }

    func record(_ events: [TraceEvent], by company: Company) async throws -> Recorded {
        let companyID = try company.requireID()
        let (creditCode, companyName) = (company.creditCode, company.name)
        let now = now
        // Events without an ID get one now, before hashing, so the record names itself.
        let events = events.map { event in
            var event = event
            event.eventID = event.eventID ?? "urn:uuid:\(UUID().uuidString.lowercased())"
            return event
        }
        return try await serializedTransaction(db, gate: gate) { db in
            // Locked before looking: two instances importing the same document must not both find its events new.
            try await Ledger.lock(on: db)
            var known = Set<String>()
            for chunk in events.compactMap(\.eventID).chunked(500) {
                known.formUnion(try await TraceRecord.query(on: db).filter(\.$eventID ~~ Array(chunk)).all(\.$eventID))
            }
            var result = Recorded(recorded: 0, duplicates: [], events: [])
            var records: [TraceRecord] = [], lines: [TraceLine] = [], links: Set<[String]> = [], fresh: [TraceEvent] = []
            for event in events {
                let eventID = event.eventID!
                guard known.insert(eventID).inserted else {
                    result.duplicates.append(eventID)
                    continue
                }
                let record = Self.record(event, companyID: companyID, creditCode: creditCode, companyName: companyName, at: now)
                let entry = try await Ledger.append(
                    kind: "trace.event", subject: event.batches.first?.key ?? "",
                    fields: ["eventID": eventID, "recordHash": record.recordHash, "company": creditCode, "bizStep": event.bizStep.rawValue],
                    at: now, on: db)
                record.ledgerSeq = entry.seq
                records.append(record)
                fresh.append(event)
                lines += Self.lines(event, eventID: record.id!)
                for input in event.inputs { for output in event.quantities { links.insert([input.batch.key, output.batch.key]) } }
                result.events.append(.init(eventID: eventID, ledgerEntry: entry.seq, batches: event.batches.map(\.key)))
            }
            try await Self.ensureBatches(fresh, at: now, on: db)
            for chunk in records.chunked(200) { try await Array(chunk).create(on: db) }
            for chunk in lines.chunked(500) { try await Array(chunk).create(on: db) }
            try await Self.link(links, on: db)
            result.recorded = records.count
            return result
        }
    }

    static func record(_ event: TraceEvent, companyID: UUID, creditCode: String, companyName: String, at now: Date) -> TraceRecord {
        let record = TraceRecord()
        record.id = UUID()
        record.eventID = event.eventID ?? ""
        record.kind = event.kind.rawValue
        record.bizStep = event.bizStep.rawValue
        record.disposition = event.disposition?.rawValue
        record.eventTime = event.time
        record.place = event.place
        record.bizLocation = event.bizLocation
        record.companyID = companyID
        record.companyName = companyName
        record.creditCode = creditCode
        record.destinations = event.destinationCompanies.joined(separator: " ")
        record.record = event.canonicalJSON()
        record.recordHash = hash(record.record)
        record.recordedAt = now
        return record
    }

    static func hash(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).hexLower
    }

    static func lines(_ event: TraceEvent, eventID: UUID) -> [TraceLine] {
        let outputRole: TraceLine.Role = event.kind == .transformation ? .output : .object
        let items = event.inputs.map { ($0, TraceLine.Role.input) } + event.quantities.map { ($0, outputRole) }
        return items.map { quantity, role in
            let line = TraceLine()
            (line.eventID, line.batchKey, line.role) = (eventID, quantity.batch.key, role.rawValue)
            (line.quantity, line.uom) = (quantity.quantity, quantity.uom)
            return line
        }
    }

    /// New batches get a row; a product name fills in where none was known.
    static func ensureBatches(_ events: [TraceEvent], at now: Date, on db: any Database) async throws {
        var names: [String: String] = [:]
        var batches: [String: BatchID] = [:]
        for event in events {
            for batch in event.batches {
                batches[batch.key] = batch
                if names[batch.key] == nil { names[batch.key] = event.productName }
            }
        }
        var existing: [String: TraceBatch] = [:]
        for chunk in Array(batches.keys).chunked(500) {
            for batch in try await TraceBatch.query(on: db).filter(\.$key ~~ Array(chunk)).all() { existing[batch.key] = batch }
        }
        var created: [TraceBatch] = []
        for (key, id) in batches.sorted(by: { $0.key < $1.key }) {
            if let batch = existing[key] {
                if batch.productName == nil, let name = names[key] {
                    batch.productName = name
                    try await batch.save(on: db)
                }
                continue
            }
            let batch = TraceBatch()
            (batch.key, batch.gtin, batch.lot, batch.productName, batch.firstSeenAt) = (key, id.gtin, id.lot, names[key], now)
            created.append(batch)
        }
        for chunk in created.chunked(200) { try await Array(chunk).create(on: db) }
    }

    static func link(_ pairs: Set<[String]>, on db: any Database) async throws {
        guard !pairs.isEmpty else { return }
        var fresh = pairs
        for chunk in Array(Set(pairs.map { $0[0] })).chunked(500) {
            for link in try await TraceLink.query(on: db).filter(\.$fromKey ~~ Array(chunk)).all() { fresh.remove([link.fromKey, link.toKey]) }
        }
        let links = fresh.sorted { $0.joined() < $1.joined() }.map { pair in
            let link = TraceLink()
            (link.fromKey, link.toKey) = (pair[0], pair[1])
            return link
        }
        for chunk in links.chunked(200) { try await Array(chunk).create(on: db) }
    }
}

extension Request {
    var traceRecorder: TraceRecorder { TraceRecorder(db: db, now: application.clock.now(), gate: application.writeGate) }
}
