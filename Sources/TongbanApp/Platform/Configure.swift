import Fluent
import Foundation
import TongbanCore
import Vapor

/// Builds the whole platform on an application: storage, security, features, routes.
public func configure(_ app: Application, settings: Settings) async throws {
    app.settings = settings
    app.passwords.use(.bcrypt(cost: settings.bcryptCost))
    app.routes.defaultMaxBodySize = ByteCount(stringLiteral: settings.maxBodySize)
    app.fieldCipher = FieldCipher(masterKey: try FieldCipher.loadMasterKey(settings: settings, logger: app.logger))
    app.workdays = try WorkdaysSetup.calendar(settings: settings)
    app.platformMetrics = PlatformMetrics()
    _ = app.catalogCache
    _ = app.dashboardCache  // created here, before requests share it
    _ = app.clock
    app.principalCache = PrincipalCache()
    app.ledgerKey = try LedgerKey.load(settings: settings, logger: app.logger)
    app.ledgerTree = LedgerTree()
    app.dispatchModel = DispatchModel()
    if let url = settings.smsWebhookURL {
        app.smsGateway = WebhookSMSGateway(url: URI(string: url), client: app.client)
    }
    app.paymentProvider = try PaymentProviders.make(settings.bills, app: app)
    let worker = JobWorker()
    worker.register(NotificationService.smsJob, NotificationService.deliverSMS)
    worker.registerRecurring(DeadlineScan.kind, every: DeadlineScan.period, DeadlineScan.run)
    worker.register(TicketService.smsJob, TicketService.deliverSMS)
    worker.registerRecurring(TicketDeadlineScan.kind, every: TicketDeadlineScan.period, TicketDeadlineScan.run)
    worker.registerRecurring(DispatchModel.refreshJob, every: DispatchModel.refreshPeriod, DispatchModel.run)
    worker.registerRecurring(DashboardRefresh.kind, every: DashboardRefresh.period, DashboardRefresh.run)
    worker.register(PolicyPush.kind, PolicyPush.run)
    worker.registerRecurring(PolicyRecheck.kind, every: PolicyRecheck.period, PolicyRecheck.run)
    worker.registerRecurring(BillReminders.kind, every: BillReminders.period, BillReminders.run)
    worker.registerRecurring(EventReminders.kind, every: EventReminders.period, EventReminders.run)
    worker.register(AlarmCalls.kind, AlarmCalls.deliver)
    worker.registerRecurring(AlarmCalls.watchKind, every: AlarmCalls.watchPeriod, AlarmCalls.watch)
    worker.registerRecurring(AlarmEscalation.kind, every: AlarmEscalation.period, AlarmEscalation.run)
    worker.registerRecurring(ClinicSchedule.kind, every: ClinicSchedule.period, ClinicSchedule.run)
    worker.registerRecurring(ClinicAttendance.kind, every: ClinicAttendance.period, ClinicAttendance.run)
    worker.registerRecurring(CounterNoShows.kind, every: CounterNoShows.period, CounterNoShows.run)
    worker.registerRecurring(CareRefresh.kind, every: CareRefresh.period, CareRefresh.run)
    worker.registerRecurring(VisitMissedScan.kind, every: VisitMissedScan.period, VisitMissedScan.run)
    worker.registerRecurring(SecurityAlarmEscalation.kind, every: SecurityAlarmEscalation.period, SecurityAlarmEscalation.run)
    try Federation.configure(app, settings: settings, worker: worker)
    app.lifecycle.use(RecommendationShutdown())
    app.jobWorker = worker

    try DatabaseSetup.configure(app, storage: settings.storage, readReplicaURL: settings.readReplicaURL, poolPerLoop: settings.databasePoolPerLoop, poolTimeout: settings.databasePoolTimeout)
    if case .postgres = settings.storage {} else { app.writeGate = WriteGate() }
    switch settings.storage {
    case .sqliteFile(let path):
        app.dedicatedWriter = try await WriterThread.open(path: path, gate: app.writeGate ?? WriteGate(), logger: app.logger)
    case .postgres(let url, let searchPath):
        app.dedicatedWriter = try PostgresWriter(url: url, searchPath: searchPath, logger: app.logger)
    case .sqliteMemory:
        break
    }
    app.lifecycle.use(Application.DedicatedWriterLifecycle())
    app.intakeBatcher = IntakeBatcher(db: app.db, gate: app.writeGate)
    app.caseCommits = CaseCommits(writer: app.batchWriter, executor: app.dedicatedWriter?.executor)
    app.migrations.add(CreateCatalog())
    app.migrations.add(CreateIdentity())
    app.migrations.add(CreateCases())
    app.migrations.add(LifeEventAddDependencies())
    app.migrations.add(CreateNotifications())
    app.migrations.add(CreateJobs())
    app.migrations.add(CreateRegistries())
    app.migrations.add(CreateExchange())
    app.migrations.add(CreateCertificates())
    app.migrations.add(CreateLedger())
    app.migrations.add(CreatePopulationRegistries())
    app.migrations.add(CaseAddAutoDecision())
    app.migrations.add(CreateHotline())
    app.migrations.add(CreateOpen311())
    app.migrations.add(TicketEventAddDepartment())
    app.migrations.add(TicketAddReplyWorkdays())
    app.migrations.add(CreateReviews())
    app.migrations.add(CreateSharingRequests())
    app.migrations.add(CreateAssistant())
    app.migrations.add(CreateCounterVisits())
    app.migrations.add(CreateAssessmentWeights())
    app.migrations.add(AddDashboardIndexes())
    app.migrations.add(CreateDashboardSnapshots())
    app.migrations.add(CreatePolicies())
    app.migrations.add(CreatePolicyNotices())
    app.migrations.add(AddPolicyNoticeCase())
    app.migrations.add(AddIDCardValidity())
    app.migrations.add(CreateCommunities())
    app.migrations.add(CreateBills())
    app.migrations.add(TicketAddCommunity())
    app.migrations.add(CreateCommunityNotices())
    app.migrations.add(CreateCommunityEvents())
    app.migrations.add(CreateDevices())
    app.migrations.add(CreateLoginCodes())
    app.migrations.add(PopulationAddDisabilityLevel())
    app.migrations.add(CreateCare())
    app.migrations.add(AlarmAddEscalation())
    app.migrations.add(PaymentAddCounter())
    app.migrations.add(CreateAssistedRegistrations())
    app.migrations.add(CreateTicketPhotos())
    app.migrations.add(CreateHospitals())
    app.migrations.add(CreateServiceHalls())
    app.migrations.add(CreateCounterBookings())
    app.migrations.add(CreateRecordRegistries())
    app.migrations.add(CertificateAddPublicContent())
    app.migrations.add(CreateTraffic())
    app.migrations.add(AddQueueTicketIssuedIndex())
    app.migrations.add(CreateCommunitySecurity())
    app.migrations.add(CreateConsultations())
    app.migrations.add(CreateInterviews())
    app.migrations.add(CreateTraceability())
    app.migrations.add(AddSecurityAlarmEscalation())
    app.migrations.add(CreateFederation())
    app.migrations.add(AddFederationSupplements())

    // Outermost first: metrics see the final status, errors become JSON or pages,
    // then CSRF and authentication run before any route.
    app.middleware = Middlewares()
    app.middleware.use(MetricsMiddleware(metrics: app.platformMetrics))
    app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
    app.middleware.use(TongbanErrorMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(BodyLimitMiddleware(maxBytes: app.routes.defaultMaxBodySize.value))
    app.middleware.use(CSRFMiddleware())
    app.middleware.use(AuthMiddleware())

    try app.register(collection: ObservabilityController(metrics: app.platformMetrics))
    try app.register(collection: AssetsController())
    try app.register(collection: PreferencesController())
    try app.register(collection: CatalogController())
    try app.register(collection: CatalogPages())
    try app.register(collection: CatalogAdminPages())
    try app.register(collection: IdentityController())
    try app.register(collection: IdentityPages())
    try app.register(collection: WorkbenchController())
    try app.register(collection: CaseController())
    try app.register(collection: ApplicantPages())
    try app.register(collection: WindowPages())
    try app.register(collection: StaffCasePages())
    try app.register(collection: ReviewQueuePages())
    try app.register(collection: LedgerController())
    try app.register(collection: CertificateController())
    try app.register(collection: CertificatePages())
    try app.register(collection: ExchangeController())
    try app.register(collection: ExchangePages())
    try app.register(collection: SharingController())
    try app.register(collection: SharingPages())
    try app.register(collection: AssistantController())
    try app.register(collection: AssistantPages())
    try app.register(collection: AssistantAdminPages())
    try app.register(collection: RecommendationController())
    try app.register(collection: PolicyController())
    try app.register(collection: PolicyPages())
    try app.register(collection: CommunityController())
    try app.register(collection: CommunityPages())
    try app.register(collection: BillController())
    try app.register(collection: BillPages())
    try app.register(collection: CounterCollectionPages())
    try app.register(collection: AssistedRegistrationPages())
    try app.register(collection: TicketPhotoController())
    try app.register(collection: ClinicController())
    try app.register(collection: ClinicPages())
    try app.register(collection: QueueController())
    try app.register(collection: QueuePages())
    try app.register(collection: AppointmentController())
    try app.register(collection: AppointmentPages())
    try app.register(collection: PaymentPages())
    try app.register(collection: RepairController())
    try app.register(collection: RepairPages())
    try app.register(collection: RepairOnBehalfPages())
    try app.register(collection: CommunityNoticeController())
    try app.register(collection: CommunityNoticePages())
    try app.register(collection: EventController())
    try app.register(collection: EventPages())
    try app.register(collection: AlarmController())
    try app.register(collection: AlarmPages())
    try app.register(collection: SecurityController())
    try app.register(collection: SecurityPages())
    try app.register(collection: VisitorPassPages())
    try app.register(collection: KioskPages())
    try app.register(collection: CareController())
    try app.register(collection: CarePages())
    try app.register(collection: VisitPages())
    try app.register(collection: RegistryChanges())
    try app.register(collection: NotificationController())
    try app.register(collection: NotificationPages())
    try app.register(collection: HotlineController())
    try app.register(collection: HotlinePages())
    try app.register(collection: ReviewController())
    try app.register(collection: ReviewPages())
    try app.register(collection: CounterVisitPages())
    try app.register(collection: InsightsPages())
    try app.register(collection: AssessmentPages())
    try app.register(collection: HotlineKPIPages())
    try app.register(collection: Open311Controller())
    try app.register(collection: RecordsController())
    try app.register(collection: RecordsPages())
    try app.register(collection: StatementPages())
    try app.register(collection: TrafficController())
    try app.register(collection: TrafficPages())
    try app.register(collection: PlateQueryPages())
    try app.register(collection: ConsultationController())
    try app.register(collection: ConsultationPages())
    try app.register(collection: ConsultationStaffPages())
    try app.register(collection: InterviewController())
    try app.register(collection: InterviewPages())
    try app.register(collection: TraceController())
    try app.register(collection: TracePages())
    try app.register(collection: TraceRecordPages())
    try app.register(collection: FederationController())
    try app.register(collection: FederationPages())
    try app.register(collection: OpenAPIController())
    if settings.benchmarkRoutes {
        app.get("plaintext") { _ in "Hello, World!" }
    }

    app.asyncCommands.use(SeedCommand(), as: "seed")
    app.asyncCommands.use(BenchCommand(), as: "bench")
    app.asyncCommands.use(SimulateCommand(), as: "simulate")
    app.asyncCommands.use(LedgerCommand(), as: "ledger")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")
    app.asyncCommands.use(EvalDispatchCommand(), as: "eval-dispatch")
    app.asyncCommands.use(EvalForecastCommand(), as: "eval-forecast")
    app.asyncCommands.use(EvalAssistantCommand(), as: "eval-assistant")
    app.asyncCommands.use(EvalRecommendCommand(), as: "eval-recommend")
    app.asyncCommands.use(TrainDispatchCommand(), as: "train-dispatch")
    app.asyncCommands.use(ImportCommand(), as: "import")
    app.asyncCommands.use(ClinicBenchCommand(), as: "prepare-clinic-bench")
    app.asyncCommands.use(TraceBenchCommand(), as: "trace-bench")
    app.asyncCommands.use(FederationCommand(), as: "federation")

    if settings.autoMigrate {
        try await DatabaseSetup.prepare(app)
        try await app.autoMigrate()
        if settings.seedDemoData { try await seedDemoData(app) }
        if try await CommunitySeed.load(on: app.db) {
            app.logger.notice("placed residents in their communities")
        }
        if try await HospitalSeed.load(on: app.db) {
            app.logger.notice("loaded the hospitals")
        }
        if try await HallSeed.load(on: app.db) {
            app.logger.notice("loaded the service halls")
        }
        _ = try await ClinicSchedule.ensure(app.db, from: CalendarDay(app.clock.now()), rules: app.bookingRules, calendar: app.workdays)
        try await CatalogService(db: app.db, cache: app.catalogCache).reload()
    } else {
        // The database may not be migrated yet (e.g. for `tongban migrate`); the refresher retries.
        do { try await CatalogService(db: app.db, cache: app.catalogCache).reload() } catch {
            app.logger.warning("catalogue not loaded yet: \(error)")
        }
    }
    app.lifecycle.use(CatalogRefresher())
    app.lifecycle.use(worker)
}

/// Loads Lu'an's catalogue and the demo accounts into an empty database; a no-op otherwise.
func seedDemoData(_ app: Application) async throws {
    if try await CatalogSeed.bundled().load(on: app.db) {
        app.logger.notice("loaded Lu'an's service catalogue")
    }
    if try await DemoAccounts.load(on: app.db, cipher: app.fieldCipher, passwords: app.password.async) {
        app.logger.notice("created demo accounts (see README.md)")
    }
    if try await RegistrySeed.load(on: app.db, cipher: app.fieldCipher, today: app.clock.now()) {
        app.logger.notice("loaded demo registry records")
    }
    if try await PopulationSeed.load(on: app.db, cipher: app.fieldCipher, today: app.clock.now(), households: app.settings.seedHouseholds) {
        app.logger.notice("loaded the base registries (人口库, 法人库, 社保)")
    }
    if try await TrafficSeed.load(on: app.db, cipher: app.fieldCipher, today: app.clock.now()) {
        app.logger.notice("loaded the demo citizens' vehicles, licences and traffic violations")
    }
    try await CatalogService(db: app.db, cache: app.catalogCache).reload()
    if try await CertificateSeed.load(on: app.db, catalog: app.catalogCache.snapshot, now: app.clock.now()) {
        app.logger.notice("issued the demo citizens' certificates")
    }
    if try await RecordsSeed.load(on: app.db, cipher: app.fieldCipher, today: app.clock.now()) {
        app.logger.notice("loaded the demo citizens' 社保, 公积金 and 医保 histories")
    }
    if try await FederationSeed.load(on: app.db, context: app.federation, now: app.clock.now()) { app.logger.notice("marked 跨域通办 items decided by 合肥市") }
}

struct SeedCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Loads Lu'an's catalogue and the demo accounts into an empty database." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await DatabaseSetup.prepare(context.application)
        try await context.application.autoMigrate()
        try await seedDemoData(context.application)
        context.console.print("种子数据已就绪")
    }
}

enum WorkdaysSetup {
    static func calendar(settings: Settings) throws -> WorkdayCalendar {
        var calendar = WorkdayCalendar.official(weekendFallback: settings.workdaysWeekendFallback)
        if let path = settings.workdaysExtraFile {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw AppError(.internalServerError, "config.workdays_file", "找不到工作日配置文件 \(path)")
            }
            calendar = calendar.merging(try WorkdayCalendar.load(jsonData: data, weekendFallback: settings.workdaysWeekendFallback))
        }
        return calendar
    }
}

extension Application {
    private struct WorkdaysKey: StorageKey { typealias Value = WorkdayCalendar }
    var workdays: WorkdayCalendar {
        get { storage[WorkdaysKey.self] ?? .official() }
        set { storage[WorkdaysKey.self] = newValue }
    }
}
