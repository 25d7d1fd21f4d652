import Fluent
import Foundation
import TongbanCore
import Vapor

/// One exchange with the assistant: the question checked, answered, and logged for administrators when the
/// assistant was not sure.
struct AssistantService {
    let request: Request

    static let maxQuestion = 300

    struct Input: Content {
        var message: String
        /// What the conversation is about so far (the `context` of the previous answer).
        var context: String?
    }

    func ask(_ input: Input) async throws -> AssistantAnswer {
        let message = input.message.trimmed
        guard (1...Self.maxQuestion).contains(message.count) else {
            throw AppError.invalid("assistant.invalid_question", "请输入您的问题（不超过\(Self.maxQuestion)字）", details: ["message": "1–\(Self.maxQuestion)字"])
        }
        let assistant = try await request.application.assistantCache.assistant(request.application)
        let context = Assistant.Context(entryID: input.context?.trimmed.nilIfEmpty.flatMap { assistant.entry($0) == nil ? nil : $0 })
        let reply = assistant.reply(to: message, context: context)
        if !reply.confident {
            let miss = AssistantMiss()
            (miss.question, miss.nearest, miss.at) = (message, reply.alternatives.map { assistant.subject(of: $0).title }.joined(separator: "、"), request.application.clock.now())
            try await miss.create(on: request.db)
        }
        let subject = reply.subjectID.flatMap(assistant.entry)
        return AssistantAnswer(
            question: message, answer: reply.text, confident: reply.confident,
            service: subject.map(Self.link), alternatives: reply.alternatives.map { Self.link(assistant.subject(of: $0)) },
            context: reply.context.entryID, handoff: AssistantPages.handoffPath)
    }

    struct HandoffInput: Content {
        /// The question people want answered.
        var message: String
        /// The conversation so far, question and answer in turn.
        var transcript: [String]?
    }

    /// 转人工: a consultation in the 12345 hotline, filed by the signed-in citizen with the conversation attached;
    /// operators answer it like any consultation (one working day).
    func handoff(_ input: HandoffInput) async throws -> Ticket {
        let person = try request.requirePrincipal()
        guard !person.isStaff, let user = try await User.find(person.userID, on: request.db) else { throw AppError.forbidden }
        let message = input.message.trimmed
        guard (2...Self.maxQuestion).contains(message.count) else {
            throw AppError.invalid("assistant.invalid_question", "请写下您想咨询的问题（2–\(Self.maxQuestion)字）", details: ["message": "2–\(Self.maxQuestion)字"])
        }
        let lines = (input.transcript ?? []).suffix(20).enumerated().map { ($0.offset % 2 == 0 ? "问：" : "答：") + $0.element.trimmed }
        let body = (["市民通过智能客服转人工，问题：\(message)"] + (lines.isEmpty ? [] : ["", "对话记录："] + lines)).joined(separator: "\n")
        let title = "智能客服转人工：" + message.prefix(40)
        return try await request.tickets.file(TicketInput(type: "consult", title: String(title), body: String(body.prefix(TicketService.maxBody)),
                                                           channel: TicketChannel.assistant.rawValue), by: .citizen(user))
    }

    /// The guide a service's answer comes from, and where to start the application ("办理").
    static func link(_ entry: AssistantEntry) -> AssistantAnswer.Service {
        if entry.id.hasPrefix(AssistantKnowledge.lifeEventPrefix) {
            let code = String(entry.id.dropFirst(AssistantKnowledge.lifeEventPrefix.count))
            return .init(code: entry.id, name: entry.title, url: SiteURL.lifeEvent(code), apply: "/apply?event=\(code)")
        }
        return .init(code: entry.id, name: entry.title, url: SiteURL.service(entry.id), apply: "/apply?item=\(entry.id)")
    }
}

struct AssistantAnswer: Content {
    struct Service: Content {
        var code: String
        var name: String
        var url: String
        /// Where to start the application online.
        var apply: String
    }

    var question: String
    var answer: String
    /// False when the assistant offers the nearest services instead of an answer.
    var confident: Bool
    /// The service item (or life event) the answer comes from.
    var service: Service?
    var alternatives: [Service]
    /// Send back with the next question, so a follow-up ("那要多久？") is about the same service.
    var context: String?
    /// 转人工: a consultation in the 12345 hotline with the conversation attached.
    var handoff: String
}

extension Request {
    var assistant: AssistantService { AssistantService(request: self) }
}
