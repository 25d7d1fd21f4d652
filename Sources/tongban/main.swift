import Foundation
import TongbanApp
import Vapor

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
