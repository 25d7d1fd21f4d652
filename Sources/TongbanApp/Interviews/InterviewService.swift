import Fluent
import Foundation
import SQLKit
import TongbanCore
import Vapor

/// The rules of an online interview: who publishes, asks, moderates and answers, and in which state. Every change
/// runs in one transaction that first touches the interview's row (`locked`), so an answer, a moderation and the
/// interview's end never interleave (PostgreSQL row lock, SQLite's single writer).
struct InterviewService {
    let tickets: TicketService
    var db: any Database { tickets.db }
    var now: Date { tickets.now }
    var catalog: CatalogSnapshot { tickets.catalog }

    static let maxTitle = 60
    static let maxGuest = 40
    static let maxSummary = 1000
    static let maxQuestion = 300
    static let maxAnswer = 3000
    /// One person's questions to one interview, so a few cannot crowd out everyone else.
    static let questionsPerAsker = 5

    /// The interview's department (any staff role there) and administrators moderate and post the answers.
    func canModerate(_ person: Principal?, _ interview: Interview) -> Bool {
        guard let person else { return false }
        return person.isAdmin || person.grants.contains { $0.role.isStaff && $0.departmentCode == interview.departmentCode }
    }

    func requireModerator(_ person: Principal, _ interview: Interview) throws {
        guard canModerate(person, interview) else {
            throw AppError(.forbidden, "interview.not_moderator", "只有访谈所属部门的工作人员可以管理这场访谈")
        }
    }

    func departmentName(_ code: String) -> String { catalog.department(code)?.name ?? code }

    func find(_ id: UUID?) async throws -> Interview {
        guard let id, let interview = try await Interview.find(id, on: db) else { throw AppError.notFound("访谈", code: "interview.not_found") }
        return interview
    }

    /// Every interview, the next or latest first; the pages split them into upcoming, live and past.
    func list(limit: Int = 200) async throws -> [Interview] {
        try await Interview.query(on: db).sort(\.$startsAt, .descending).limit(limit).all()
    }

    /// Published at once as 预告: citizens may ask from now on.
    func publish(_ input: InterviewInput, by person: Principal) async throws -> Interview {
        var problems: [String: String] = [:]
        let department = (input.department ?? "").trimmed
        if catalog.department(department) == nil { problems["department"] = "请选择访谈所属部门" }
        let title = (input.title ?? "").trimmed, guest = (input.guest ?? "").trimmed, summary = (input.summary ?? "").trimmed
        if !(4...Self.maxTitle).contains(title.count) { problems["title"] = "标题应为4–\(Self.maxTitle)字" }
        if !(2...Self.maxGuest).contains(guest.count) { problems["guest"] = "嘉宾应为2–\(Self.maxGuest)字，如“市人社局局长”" }
        if summary.count > Self.maxSummary { problems["summary"] = "简介不超过\(Self.maxSummary)字" }
        let starts = input.startsAt.flatMap(TimeText.localInput), ends = input.endsAt.flatMap(TimeText.localInput)
        if starts == nil { problems["startsAt"] = "请填写开始时间" }
        if let ends { if let starts, ends <= starts { problems["endsAt"] = "结束时间应晚于开始时间" } } else { problems["endsAt"] = "请填写结束时间" }
        guard problems.isEmpty, let starts, let ends else {
            throw AppError.invalid("interview.invalid", problems.values.sorted().joined(separator: "；"), details: problems)
        }
        guard person.isAdmin || person.grants.contains(where: { $0.role.isStaff && $0.departmentCode == department }) else {
            throw AppError(.forbidden, "interview.not_moderator", "只能为本部门发布访谈")
        }
        let interview = Interview()
        (interview.id, interview.departmentCode, interview.title, interview.guest, interview.summary) = (UUID(), department, title, guest, summary)
        (interview.startsAt, interview.endsAt, interview.state, interview.revision) = (starts, ends, InterviewState.scheduled.rawValue, 0)
        (interview.createdBy, interview.createdAt, interview.updatedAt) = (person.userID, now, now)
        try await serializedTransaction(db, gate: tickets.gate) { db in try await interview.create(on: db) }
        return interview
    }

    /// A signed-in citizen asks, from publication until the end.
    func ask(_ input: QuestionInput, to id: UUID?, by person: Principal) async throws -> InterviewQuestion {
        guard person.has(.citizen) else { throw AppError(.forbidden, "interview.citizens_only", "访谈提问请使用市民账户") }
        let text = (input.text ?? "").trimmed
        guard (5...Self.maxQuestion).contains(text.count) else {
            throw AppError.invalid("interview.invalid", "问题应为5–\(Self.maxQuestion)字", details: ["text": "问题应为5–\(Self.maxQuestion)字，请说清楚想问什么"])
        }
        let interview = try await find(id)
        let (now, interviewID) = (self.now, try interview.requireID())
        return try await locked(interviewID) { db, interview in
            guard interview.interviewState != .ended else { throw AppError(.conflict, "interview.ended", "访谈已结束，不再接受提问") }
            let asked = try await InterviewQuestion.query(on: db).filter(\.$interviewID == interviewID).filter(\.$askerID == person.userID).count()
            guard asked < Self.questionsPerAsker else {
                throw AppError.invalid("interview.too_many", "每场访谈每人最多提\(Self.questionsPerAsker)个问题",
                                       details: ["text": "您已提了\(asked)个问题，请等待回答"])
            }
            let question = InterviewQuestion()
            (question.id, question.interviewID, question.askerID, question.askerMasked) = (UUID(), interviewID, person.userID, Masking.name(person.realName))
            (question.text, question.state, question.createdAt, question.updatedAt) = (text, QuestionState.pending.rawValue, now, now)
            try await question.create(on: db)
            return question
        }
    }

    /// Moderators' changes to one question; illegal ones (an answered question, an ended interview) are conflicts.
    func moderate(_ input: InterviewModeration, interview id: UUID?, question questionID: UUID?, by person: Principal) async throws {
        let interview = try await find(id)
        try requireModerator(person, interview)
        guard let decision = ["select", "reject", "move"].first(where: { $0 == input.decision?.trimmed }) else {
            throw AppError.invalid("interview.invalid", "请选择：选用、不选用或调整顺序", details: ["decision": "应为 select、reject 或 move"])
        }
        if decision == "move", input.position == nil {
            throw AppError.invalid("interview.invalid", "调整顺序需要给出位置", details: ["position": "请填写从1开始的位置"])
        }
        let now = self.now
        try await locked(try interview.requireID()) { db, interview in
            guard interview.interviewState != .ended else { throw AppError(.conflict, "interview.ended", "访谈已结束，不能再选题") }
            var queue = try await Self.queue(interview, on: db)
            guard let question = try await InterviewQuestion.find(questionID, on: db), question.interviewID == interview.id else {
                throw AppError.notFound("问题", code: "interview.question_not_found")
            }
            guard !question.isAnswered else { throw AppError(.conflict, "interview.answered", "这个问题已经回答，不能再改") }
            if decision == "move", question.questionState != .selected { throw AppError(.conflict, "interview.not_selected", "只有已选用的问题可以调整顺序") }
            queue.removeAll { $0.id == question.id }
            if decision == "reject" {
                (question.state, question.position) = (QuestionState.rejected.rawValue, nil)
            } else {
                question.state = QuestionState.selected.rawValue
                queue.insert(question, at: min(max((input.position ?? queue.count + 1) - 1, 0), queue.count))
            }
            try await Self.renumber(queue, on: db, now: now)
            question.updatedAt = now
            try await question.save(on: db)
        }
    }

    /// 预告 → 直播中.
    func start(_ id: UUID?, by person: Principal) async throws {
        let interview = try await find(id)
        try requireModerator(person, interview)
        try await locked(try interview.requireID()) { db, interview in
            guard interview.interviewState == .scheduled else { throw AppError(.conflict, "interview.not_scheduled", "只有预告中的访谈可以开始直播") }
            (interview.state, interview.startedAt) = (InterviewState.live.rawValue, self.now)
            try await bump(interview, on: db)
        }
    }

    /// The guest's words, typed by the department's staff, on a selected question while live; every open page shows it.
    func answer(_ input: InterviewAnswer, interview id: UUID?, question questionID: UUID?, by person: Principal) async throws -> InterviewQuestion {
        let interview = try await find(id)
        try requireModerator(person, interview)
        let text = (input.answer ?? "").trimmed
        guard (2...Self.maxAnswer).contains(text.count) else {
            throw AppError.invalid("interview.invalid", "回答应为2–\(Self.maxAnswer)字", details: ["answer": "回答应为2–\(Self.maxAnswer)字"])
        }
        let now = self.now
        return try await locked(try interview.requireID()) { db, interview in
            guard interview.interviewState == .live else { throw AppError(.conflict, "interview.not_live", "访谈不在直播中，不能发布回答") }
            guard let question = try await InterviewQuestion.find(questionID, on: db), question.interviewID == interview.id else {
                throw AppError.notFound("问题", code: "interview.question_not_found")
            }
            guard !question.isAnswered else { throw AppError(.conflict, "interview.answered", "这个问题已经回答过了") }
            guard question.questionState == .selected else { throw AppError(.conflict, "interview.not_selected", "请先选用这个问题再回答") }
            try await bump(interview, on: db)
            (question.answer, question.answeredAt, question.answerSeq, question.position, question.updatedAt) = (text, now, interview.revision, nil, now)
            try await question.save(on: db)
            // The next question moves up to 第1题.
            try await Self.renumber(try await Self.queue(interview, on: db), on: db, now: now)
            return question
        }
    }

    /// Selected and not yet answered, in the moderators' order.
    static func queue(_ interview: Interview, on db: any Database) async throws -> [InterviewQuestion] {
        try await InterviewQuestion.query(on: db).filter(\.$interviewID == interview.requireID())
            .filter(\.$state == QuestionState.selected.rawValue).filter(\.$answeredAt == nil).sort(\.$position).all()
    }

    /// Numbers the queue 1, 2, 3 … in its order, writing only the questions whose place changed.
    static func renumber(_ queue: [InterviewQuestion], on db: any Database, now: Date) async throws {
        for (offset, question) in queue.enumerated() where question.position != offset + 1 {
            (question.position, question.updatedAt) = (offset + 1, now)
            try await question.save(on: db)
        }
    }

    /// A change every open page must show: the feed notices the new revision.
    func bump(_ interview: Interview, on db: any Database) async throws {
        (interview.revision, interview.updatedAt) = (interview.revision + 1, now)
        try await interview.save(on: db)
    }

    /// Runs `body` in a transaction holding the interview's row.
    func locked<T: Sendable>(_ id: UUID, _ body: @escaping @Sendable (any Database, Interview) async throws -> T) async throws -> T {
        let now = self.now
        return try await serializedTransaction(db, gate: tickets.gate) { db in
            try await body(db, try await Self.lock(id, on: db, now: now))
        }
    }

    /// Inside a transaction: touches the interview's row first, so whoever comes second waits for this one.
    static func lock(_ id: UUID, on db: any Database, now: Date) async throws -> Interview {
        if let sql = db as? any SQLDatabase {
            try await sql.update(Interview.schema).set("updated_at", to: SQLBind(now)).where("id", .equal, SQLBind(id)).run()
        }
        guard let interview = try await Interview.find(id, on: db) else { throw AppError.notFound("访谈", code: "interview.not_found") }
        return interview
    }
}

extension Request {
    var interviews: InterviewService { InterviewService(tickets: tickets) }
}
