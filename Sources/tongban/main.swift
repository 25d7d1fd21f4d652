import Foundation
import TongbanApp
import Vapor

// The server runs Swift's tasks on its event loops, so an await on the network or the database resumes without a
// thread switch (issue 3: submit+accept 570–581/s against 497–521/s on PostgreSQL). Commands that compute for long
// stretches (simulate, training) keep Swift's own pool. TONGBAN_EVENT_LOOP_EXECUTOR=0 turns it off.
// As for jobs below: no command, or options first, is Vapor's default command, `serve`.
let first = CommandLine.arguments.dropFirst().first
let serving = first.map { $0 == "serve" || $0.hasPrefix("-") } ?? true
if serving, ProcessInfo.processInfo.environment["TONGBAN_EVENT_LOOP_EXECUTOR"] != "0" { EventLoopExecutor.install() }
var environment = try Environment.detect()
try LoggingSystem.bootstrap(from: &environment)
let app = try await Application.make(environment)
do {
    var settings = Settings.fromEnvironment()
    // Jobs and the dashboard's first count belong to the server; a command (simulate, seed, import …) that ran them
    // would compete with its own writes for the database and send notifications on the server's behalf.
    if let command = environment.arguments.dropFirst().first, !command.hasPrefix("-"), command != "serve" { settings.runJobs = false }
    try await configure(app, settings: settings)
    try await app.execute()
} catch {
    // Already reported in the console's words; a non-zero status is what scripts and operators check, not a crash.
    app.logger.report(error: error)
    try? await app.asyncShutdown()
    exit(1)
}
try await app.asyncShutdown()
