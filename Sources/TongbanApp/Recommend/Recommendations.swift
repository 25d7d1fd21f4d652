import Fluent
import Foundation
import SQLKit
import TongbanCore
import Vapor

/// 为您推荐: for a signed-in person, the services due by their age, the rest of a 一件事 they have started, what people
/// usually apply for after what they did, and what is popular in their district — each with the reason.
struct Recommendations {
    let request: Request

    struct View: Content {
        var code: String
        var name: String
        var url: String
        var apply: String
        var reason: String
    }

    static let lifeStageKeys: LifeStageKeys = {
        var keys = LifeStageKeys()
        keys.idCardRenewal = "ga-sfz-hl"
        keys.retirement = "rs-yldy"
        keys.schoolEnrolment = "jy-rx"
        keys.annualReport = "scjg-ndbg"
        return keys
    }()

    func forPerson(_ person: Principal, limit: Int = 6) async throws -> [View] {
        let app = request.application
        let snapshot = app.catalogCache.snapshot
        let today = CalendarDay(app.clock.now())
        let cases = try await Case.query(on: request.db).filter(\.$applicant.$id == person.userID).sort(\.$submittedAt).all()
        let events = cases.map { ServiceEvent(code: $0.itemCode ?? $0.lifeEventCode ?? "", day: CalendarDay($0.submittedAt).dayNumber) }
        var seen = Set(events.map(\.code))
        var views: [View] = []
        func add(_ code: String, _ reason: String) {
            guard views.count < limit, !seen.contains(code), let view = Self.view(code, reason: reason, snapshot: snapshot) else { return }
            seen.insert(code)
            views.append(view)
        }

        // By the calendar of a life: retirement from the ID number's birth date and sex; the ID card's expiry and the
        // children starting school from 人口库; the annual report of each company the person acts for.
        let rules = LifeStageRules(keys: Self.lifeStageKeys)
        let lifeStage = LifeStageFacts(gate: ExchangeGate(db: request.db, cipher: app.fieldCipher, catalog: snapshot, now: app.clock.now()),
                                       cipher: app.fieldCipher, person: person)
        if let resident = try await lifeStage.resident() {
            for due in rules.due(for: resident, today: today) { add(due.key, due.reason) }
        }
        for company in try await lifeStage.companies() {
            for due in rules.due(for: company.record, today: today) { add(due.key, "\(company.name)：\(due.reason)") }
        }
        // The rest of a 一件事 begun with one of its services.
        for event in snapshot.lifeEvents where !seen.contains(event.code) {
            let done = event.items.filter(seen.contains)
            guard !done.isEmpty, done.count < event.items.count else { continue }
            for code in event.items where !seen.contains(code) { add(code, "“\(event.name)”的下一步，可一次办理") }
        }
        // What usually follows, then what is popular where they live.
        if let model = await app.recommendationModel.model(app) {
            let district = cases.last?.districtCode
            for recommendation in model.recommend(history: events, district: district, today: today.dayNumber, exclude: seen, limit: limit) {
                add(recommendation.code, recommendation.basis.reason { code in Self.name(code, snapshot: snapshot) })
            }
        }
        return views
    }

    static func name(_ code: String, snapshot: CatalogSnapshot) -> String {
        snapshot.items[code]?.name ?? snapshot.lifeEvent(code)?.name ?? code
    }

    static func view(_ code: String, reason: String, snapshot: CatalogSnapshot) -> View? {
        if let item = snapshot.items[code] {
            return View(code: code, name: item.name, url: SiteURL.service(code), apply: "/apply?item=\(code)", reason: reason)
        }
        if let event = snapshot.lifeEvent(code) {
            return View(code: code, name: event.name, url: SiteURL.lifeEvent(code), apply: "/apply?event=\(code)", reason: reason)
        }
        return nil
    }
}

/// The next-service model, trained on every applicant's history in the background: at first use and again when an
/// hour old. Reading a million applications takes seconds, so nobody's page waits for it; until the first model is
/// ready the page shows the other suggestions.
actor RecommendationModelCache {
    static let freshFor: TimeInterval = 3600

    private var current: (model: NextServiceModel, trainedAt: Date)?
    private var training: Task<Void, Never>?

    func model(_ app: Application) -> NextServiceModel? {
        if training == nil, current.map({ Date().timeIntervalSince($0.trainedAt) >= Self.freshFor }) ?? true {
            training = Task { await self.retrain(app) }
        }
        return current?.model
    }

    /// Waits for a training in progress, so it never reads a database that is closing.
    func finish() async { await training?.value }

    /// Trains now and keeps the result (tests and commands that must not wait for the background).
    @discardableResult
    func train(_ app: Application) async throws -> NextServiceModel {
        let snapshot = app.catalogCache.snapshot
        var names: [String: String] = [:]
        for (code, item) in snapshot.items { names[code] = item.name }
        for event in snapshot.lifeEvents { names[event.code] = event.name }
        let model = NextServiceModel.train(try await ServiceHistories.all(on: app.db), names: names)
        current = (model, Date())
        return model
    }

    private func retrain(_ app: Application) async {
        do { try await train(app) } catch { app.logger.warning("recommendation training failed: \(error)") }
        training = nil
    }
}

/// Lets a training in progress end before the application's databases close.
struct RecommendationShutdown: LifecycleHandler {
    func shutdownAsync(_ application: Application) async {
        await application.recommendationModel.finish()
    }
}

extension Application {
    private struct RecommendationModelKey: StorageKey { typealias Value = RecommendationModelCache }

    var recommendationModel: RecommendationModelCache {
        if let cache = storage[RecommendationModelKey.self] { return cache }
        let cache = RecommendationModelCache()
        storage[RecommendationModelKey.self] = cache
        return cache
    }
}
