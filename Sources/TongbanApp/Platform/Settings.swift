import Foundation
import Vapor

/// Everything the platform reads from its environment, read once at start-up.
/// Nothing else in the app calls `Environment.get`.
public struct Settings: Sendable {
    public enum Storage: Sendable, Equatable {
        case sqliteFile(String)
        case sqliteMemory
        case postgres(url: String, searchPath: String?)
    }

    public var storage: Storage
    /// Files the platform owns: the SQLite database, the key file, uploads.
    public var dataDirectory: String
    /// 32-byte master key (base64) for personal-field encryption; nil means use or create `<data>/secret.key`.
    public var masterKeyBase64: String?
    public var autoMigrate: Bool
    public var seedDemoData: Bool
    /// Years outside the published holiday calendar fall back to Mon–Fri only when this is on.
    public var workdaysWeekendFallback: Bool
    /// Optional JSON file (same format as the bundled calendar) that adds newly published years.
    public var workdaysExtraFile: String?
    public var loginMaxFailures: Int
    public var loginWindowSeconds: Int
    public var bcryptCost: Int
    public var maxBodySize: String
    /// Registers `GET /plaintext` (Vapor's "Hello, World!" baseline) so load tests can compare
    /// the platform's routes with the framework's floor in the same run.
    public var benchmarkRoutes: Bool = false
    /// Runs the background job loop in this process (tests drive jobs by hand instead).
    public var runJobs: Bool = true
    /// PostgreSQL connections per event loop (one loop per core). SQLite keeps one: it has one writer.
    public var databasePoolPerLoop: Int = 4
    /// How long a request may wait for a PostgreSQL connection before it fails. At a slot release thousands wait for a
    /// few connections at once; waiting longer than the driver's 10 s beats answering with an error.
    public var databasePoolTimeout: Int = 30
    /// A read-only PostgreSQL connection (a streaming replica) for the heavy counting of dashboards; nil reads the
    /// primary. Only with `DATABASE_URL`: SQLite has no replicas.
    public var readReplicaURL: String?
    /// Households of the synthetic city loaded into the base registries on first start (about
    /// 2.5 people each, a third as many companies); 0 loads only the demo people. Tests keep 0.
    public var seedHouseholds: Int = 0
    /// SMS go to this webhook when set; otherwise they are only logged (and shown to administrators).
    public var smsWebhookURL: String?
    /// When set, /metrics answers only `Authorization: Bearer <token>` (what Prometheus sends with `authorization`);
    /// unset, it is open, for a proxy that keeps it inside.
    public var metricsToken: String?
    /// 12345: time limits per ticket type, the classifier's confidence above which it dispatches alone, and more.
    public var hotline = HotlineSettings()
    public var reviews = ReviewSettings()
    /// 数据共享申请: the owning department answers within this many working days (TONGBAN_SHARING_RESPONSE_DAYS;
    /// 10 as 国发〔2016〕51号 asks for 有条件共享).
    public var sharingResponseDays = 10
    /// 物业费 and utility bills: the payment provider and reminders (TONGBAN_PAYMENT_*, TONGBAN_BILL_REMIND_DAYS).
    public var bills = BillSettings()
    /// 跨域通办: this city's code and name, its signing key, the peer cities it trusts (TONGBAN_CITY_*, TONGBAN_PEERS …).
    public var federation = FederationSettings()

    public init(
        storage: Storage = .sqliteFile("data/tongban.sqlite"),
        dataDirectory: String = "data",
        masterKeyBase64: String? = nil,
        autoMigrate: Bool = true,
        seedDemoData: Bool = true,
        workdaysWeekendFallback: Bool = false,
        workdaysExtraFile: String? = nil,
        loginMaxFailures: Int = 5,
        loginWindowSeconds: Int = 900,
        bcryptCost: Int = 12,
        maxBodySize: String = "1mb"
    ) {
        self.storage = storage
        self.dataDirectory = dataDirectory
        self.masterKeyBase64 = masterKeyBase64
        self.autoMigrate = autoMigrate
        self.seedDemoData = seedDemoData
        self.workdaysWeekendFallback = workdaysWeekendFallback
        self.workdaysExtraFile = workdaysExtraFile
        self.loginMaxFailures = loginMaxFailures
        self.loginWindowSeconds = loginWindowSeconds
        self.bcryptCost = bcryptCost
        self.maxBodySize = maxBodySize
    }

    public static func fromEnvironment() -> Settings {
        from(environment: ProcessInfo.processInfo.environment)
    }

    /// `fromEnvironment` on a given environment, so tests can check how variables are read.
    static func from(environment env: [String: String]) -> Settings {
        let dataDirectory = env["TONGBAN_DATA_DIR"] ?? "data"
        var settings = Settings(dataDirectory: dataDirectory)
        if let url = env["DATABASE_URL"], !url.isEmpty {
            settings.storage = .postgres(url: url, searchPath: nil)
        } else {
            settings.storage = .sqliteFile(env["TONGBAN_SQLITE_PATH"] ?? "\(dataDirectory)/tongban.sqlite")
        }
        if case .postgres = settings.storage, let url = env["DATABASE_READ_URL"], !url.isEmpty { settings.readReplicaURL = url }
        settings.masterKeyBase64 = env["TONGBAN_MASTER_KEY"]
        settings.autoMigrate = env["TONGBAN_AUTO_MIGRATE"].map(Self.flag) ?? true
        settings.seedDemoData = env["TONGBAN_SEED_DEMO"].map(Self.flag) ?? true
        settings.workdaysWeekendFallback = env["TONGBAN_WORKDAYS_WEEKEND_FALLBACK"].map(Self.flag) ?? false
        settings.workdaysExtraFile = env["TONGBAN_WORKDAYS_FILE"]
        if let n = env["TONGBAN_LOGIN_MAX_FAILURES"].flatMap(Int.init) { settings.loginMaxFailures = n }
        if let n = env["TONGBAN_BCRYPT_COST"].flatMap(Int.init) { settings.bcryptCost = n }
        settings.benchmarkRoutes = env["TONGBAN_BENCH_ROUTES"].map(Self.flag) ?? false
        settings.runJobs = env["TONGBAN_RUN_JOBS"].map(Self.flag) ?? true
        settings.seedHouseholds = env["TONGBAN_SEED_HOUSEHOLDS"].flatMap(Int.init).map { max(0, min($0, 1_000_000)) } ?? 1200
        if let n = env["TONGBAN_DB_POOL"].flatMap(Int.init), (1...64).contains(n) { settings.databasePoolPerLoop = n }
        if let n = env["TONGBAN_DB_POOL_TIMEOUT"].flatMap(Int.init), (1...300).contains(n) { settings.databasePoolTimeout = n }
        settings.smsWebhookURL = env["TONGBAN_SMS_WEBHOOK_URL"].flatMap { $0.isEmpty ? nil : $0 }
        settings.metricsToken = env["TONGBAN_METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        settings.hotline = HotlineSettings.fromEnvironment(env)
        settings.reviews = ReviewSettings.fromEnvironment(env)
        settings.bills = BillSettings.fromEnvironment(env)
        settings.federation = FederationSettings.fromEnvironment(env)
        if let n = env["TONGBAN_SHARING_RESPONSE_DAYS"].flatMap(Int.init), (1...60).contains(n) { settings.sharingResponseDays = n }
        return settings
    }

    private static func flag(_ value: String) -> Bool {
        ["1", "true", "yes", "on"].contains(value.lowercased())
    }
}

extension Application {
    private struct SettingsKey: StorageKey { typealias Value = Settings }

    public var settings: Settings {
        get { storage[SettingsKey.self] ?? Settings() }
        set { storage[SettingsKey.self] = newValue }
    }
}
