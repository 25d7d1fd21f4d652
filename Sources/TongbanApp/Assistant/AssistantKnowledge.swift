import Fluent
import Foundation
import NIOConcurrencyHelpers
import TongbanCore
import Vapor

/// The assistant's knowledge: every service item and life event of the catalogue, and the administrators' FAQ entries.
/// Rebuilt when the catalogue changes or an FAQ entry is saved, so a new answer is used at once.
enum AssistantKnowledge {
    static let lifeEventPrefix = CatalogSnapshot.lifeEventPrefix
    static let faqPrefix = "faq:"

    static func entries(_ snapshot: CatalogSnapshot, faqs: [AssistantFAQ]) -> [AssistantEntry] {
        var entries: [AssistantEntry] = snapshot.itemOrder.compactMap { snapshot.items[$0] }.map(entry)
        for event in snapshot.lifeEvents {
            let title = event.name.hasSuffix("一件事") ? event.name : event.name + "一件事"
            var entry = AssistantEntry(id: lifeEventPrefix + event.code, kind: .lifeEvent, title: title, summary: event.summary)
            entry.keywords = event.keywords
            entry.parts = event.items.compactMap { snapshot.items[$0]?.name }
            entry.promisedDays = event.promisedLimitDays
            entry.online = "全程网办"
            entries.append(entry)
        }
        for faq in faqs {
            var entry = AssistantEntry(id: faqPrefix + (faq.id?.uuidString ?? UUID().uuidString), kind: .faq,
                                       title: faq.questionList.first ?? "", summary: faq.answer)
            entry.questions = faq.questionList
            entry.answer = faq.answer
            entry.itemID = faq.itemCode.flatMap { snapshot.items[$0] == nil ? nil : $0 }
            entries.append(entry)
        }
        return entries
    }

    static func entry(_ item: ServiceItemRecord) -> AssistantEntry {
        var entry = AssistantEntry(id: item.code, kind: .item, title: item.name, summary: item.guide.summary)
        entry.keywords = item.guide.keywords
        entry.conditions = item.guide.conditions
        entry.materials = item.guide.materials.map { .init(name: $0.name, form: $0.form, required: $0.required, exempt: $0.replaceableBy != nil) }
        entry.fee = item.guide.fee.text
        entry.promisedDays = item.promisedLimitDays
        entry.legalDays = item.legalLimitDays
        entry.online = item.onlineDepth
        entry.places = item.guide.places.map { place in
            [place.name, place.window, place.address].compactMap { $0 }.joined(separator: " ") + "（\(place.hours)）"
        }
        entry.phone = item.guide.consultPhone
        entry.steps = item.guide.steps
        entry.details = item.guide.materials.compactMap { material in material.note.map { "\(material.name)：\($0)" } }
            + [item.guide.visitReason, item.guide.result].compactMap { $0 } + item.guide.legalBasis + [item.guide.fee.text]
        return entry
    }
}

/// One assistant per catalogue revision and FAQ version, shared by all requests. An FAQ entry saved here is used at
/// once; one saved on another instance within `recheck` seconds (the table's row count and latest edit are compared).
final class AssistantCache: Sendable {
    static let recheck: TimeInterval = 30

    private struct Built {
        var revision: String
        var faqStamp: String
        var checkedAt: Date
        var assistant: Assistant
    }

    private let built = NIOLockedValueBox<Built?>(nil)

    func assistant(_ app: Application) async throws -> Assistant {
        let snapshot = app.catalogCache.snapshot
        let now = Date()
        if let current = built.withLockedValue({ $0 }), current.revision == snapshot.revision {
            if now.timeIntervalSince(current.checkedAt) < Self.recheck { return current.assistant }
            let stamp = try await Self.stamp(app.db)
            if stamp == current.faqStamp {
                built.withLockedValue { $0?.checkedAt = now }
                return current.assistant
            }
        }
        let stamp = try await Self.stamp(app.db)
        let faqs = try await AssistantFAQ.query(on: app.db).all()
        let assistant = Assistant(entries: AssistantKnowledge.entries(snapshot, faqs: faqs), synonyms: snapshot.synonyms)
        built.withLockedValue { $0 = Built(revision: snapshot.revision, faqStamp: stamp, checkedAt: now, assistant: assistant) }
        return assistant
    }

    /// After an FAQ entry is saved or deleted on this instance: the next question rebuilds.
    func faqChanged() { built.withLockedValue { $0 = nil } }

    private static func stamp(_ db: any Database) async throws -> String {
        let count = try await AssistantFAQ.query(on: db).count()
        let latest = try await AssistantFAQ.query(on: db).max(\.$updatedAt)
        return "\(count)/\(latest?.timeIntervalSince1970 ?? 0)"
    }
}

extension Application {
    private struct AssistantCacheKey: StorageKey { typealias Value = AssistantCache }

    var assistantCache: AssistantCache {
        if let cache = storage[AssistantCacheKey.self] { return cache }
        let cache = AssistantCache()
        storage[AssistantCacheKey.self] = cache
        return cache
    }
}
