import Vapor

/// Every page of the 12345 hotline, in one place. Citizens file and follow their requests; callers without
/// an account follow theirs with the number and 查询码; staff work from the workbench. Plain forms
/// with the CSRF field: everything works with JavaScript off. Paths are in `HotlineURL`.
struct HotlinePages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let citizen = CitizenTicketPages()
        routes.get("hotline", use: citizen.hotline)
        routes.post("hotline", use: citizen.file)
        routes.get("me", "tickets", use: citizen.mine)
        routes.get("me", "tickets", ":number", use: citizen.ticket)
        routes.post("me", "tickets", ":number", "callback", use: citizen.callback)

        let caller = CallerLookupPages()
        routes.get("hotline", "lookup", use: caller.lookup)
        routes.get("hotline", "callback", ":number", use: caller.callbackPage)
        routes.post("hotline", "callback", ":number", use: caller.callback)

        let operatorPages = OperatorPages()
        routes.get("workbench", "hotline", "call", use: operatorPages.page)
        routes.post("workbench", "hotline", "call", use: operatorPages.submit)
        routes.get("workbench", "hotline", "suggest.js", use: operatorPages.script)

        let queues = HandlingQueuePages()
        routes.get("workbench", "hotline", "dispatch", use: DispatchPages().queue)
        routes.get("workbench", "hotline", "department", use: queues.department)
        routes.get("workbench", "hotline", "supervision", use: queues.supervision)

        let staff = StaffTicketPages()
        let ticket = routes.grouped("workbench", "tickets", ":number")
        ticket.get(use: staff.show)
        for action in StaffTicketPages.Action.allCases {
            ticket.post(PathComponent(stringLiteral: action.rawValue)) { request in try await staff.perform(action, request) }
        }
    }
}
