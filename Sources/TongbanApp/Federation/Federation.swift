import Fluent
import Foundation
import Vapor

/// Wires 跨域通办 into the platform: this city's identity and key, its peers, the sending job.
enum Federation {
    static func configure(_ app: Application, settings: Settings, worker: JobWorker) throws {
        app.federation = FederationContext(
            cityCode: settings.federation.cityCode, cityName: settings.federation.cityName,
            key: try FederationKey.load(settings: settings, logger: app.logger),
            directory: FederationDirectory(try settings.federation.loadPeers()),
            windowSeconds: settings.federation.windowSeconds)
        worker.register(FederationOutbox.kind, FederationOutbox.send)
        worker.registerRecurring(FederationNonceSweep.kind, every: FederationNonceSweep.period, FederationNonceSweep.run)
    }
}

/// Lu'an's demo: items a Hefei resident living here applies for at our windows and Hefei decides. Loaded only
/// when 合肥市 is configured as a peer, so a platform without peers never promises what it cannot forward.
enum FederationSeed {
    static let hefei = "340100"
    static let items = [("rs-ylzy", "养老保险关系转入地为合肥市的，由合肥市人社局审核"),
                        ("yb-ydjy", "参保地为合肥市的，由合肥市医保局备案"),
                        ("yb-gxzy", "转出地为合肥市的，由合肥市医保局办理转出")]

    @discardableResult
    static func load(on db: any Database, context: FederationContext, now: Date) async throws -> Bool {
        guard context.cityCode == "341500", let peer = context.directory.peer(hefei),
              try await FederationItem.query(on: db).count() == 0 else { return false }
        for (code, note) in items {
            let item = FederationItem()
            (item.itemCode, item.decidingCityCode, item.decidingCityName, item.note, item.updatedAt) = (code, peer.code, peer.name, note, now)
            try await item.create(on: db)
        }
        return true
    }
}
