import Foundation
import Testing
@testable import TongbanCore

@Suite("hotline rules: ticket states, limits, places, CSV, working time")
struct HotlineRulesTests {
    @Test("a ticket moves only along its life; a wrong step names the state")
    func stateMachine() throws {
        #expect(try TicketStateMachine.next(.pending, on: .dispatch).get() == .dispatched)
        #expect(try TicketStateMachine.next(.dispatched, on: .giveBack).get() == .pending)
        #expect(try TicketStateMachine.next(.replied, on: .unsatisfied).get() == .handling)
        #expect(try TicketStateMachine.next(.replied, on: .satisfied).get() == .closed)
        #expect(try TicketStateMachine.next(.pending, on: .answerOnSpot).get() == .closed)
        #expect(try TicketStateMachine.next(.handling, on: .escalate).get() == .pending, "a community's work order goes to the 12345 dispatcher")
        #expect((try? TicketStateMachine.next(.replied, on: .escalate).get()) == nil)
        guard case .failure(let error) = TicketStateMachine.next(.dispatched, on: .reply) else {
            Issue.record("replying before signing must fail")
            return
        }
        #expect(error.message == "待签收的工单不能答复")
        for action in TicketAction.allCases {
            #expect((try? TicketStateMachine.next(.closed, on: action).get()) == nil, "closed is final: \(action)")
        }
    }

    @Test("limits per type parse from configuration and refuse typos")
    func limits() throws {
        let limits = try TicketLimits.parse("consult=2, 投诉=7")
        #expect(limits.limit(.consult) == 2)
        #expect(limits.limit(.complaint) == 7)
        #expect(limits.limit(.suggestion) == 10)
        #expect(throws: WorkflowError.self) { try TicketLimits.parse("consult=two") }
        #expect(throws: WorkflowError.self) { try TicketLimits.parse("gossip=1") }
        #expect(throws: WorkflowError.self) { try TicketLimits.parse("help=99") }
    }

    @Test("the earliest place named decides the district; longer names win at the same place")
    func districts() {
        let matcher = DistrictMatcher(["A": ["金安区", "梅山路"], "B": ["金安", "裕安区"], "C": ["梅山镇"]])
        #expect(matcher.district(in: "金安区梅山路有个坑") == "A")
        #expect(matcher.district(in: "我在裕安区，不是金安区") == "B")
        #expect(matcher.district(in: "金寨梅山镇水库边") == "C")
        #expect(matcher.district(in: "没有地名") == nil)
        #expect(matcher.district(in: "") == nil)
    }

    @Test("CSV tables are read by column name with RFC 4180 quoting")
    func csv() throws {
        let table = try CSVTable("title,body,department\n\"路灯, 坏了\",\"他说\"\"太黑\"\"\",cg\n\n", required: ["title", "department"])
        #expect(table.rows.count == 1)
        #expect(table.rows[0]["title"] == "路灯, 坏了")
        #expect(table.rows[0]["body"] == "他说\"太黑\"")
        #expect(table.rows[0]["missing"] == nil)
        #expect(throws: LabelledTextCSVError.missingColumns(["department"])) { try CSVTable("title\nx", required: ["department"]) }
        #expect(throws: LabelledTextCSVError.wrongFieldCount(line: 2, expected: 2, found: 1)) { try CSVTable("a,b\nx", required: []) }
    }

    @Test("working time skips weekends and holidays, in fractions of a day")
    func elapsedWorkdays() throws {
        let calendar = WorkdayCalendar.official()
        let formatter = ISO8601DateFormatter()
        func at(_ text: String) -> Date { formatter.date(from: text + "+08:00")! }
        #expect(try calendar.elapsedWorkdays(from: at("2026-11-23T09:00:00"), to: at("2026-11-24T21:00:00")) == 1.5)
        // Friday 18:00 to Monday 12:00: six hours of Friday and twelve of Monday.
        #expect(try calendar.elapsedWorkdays(from: at("2026-11-27T18:00:00"), to: at("2026-11-30T12:00:00")) == 0.75)
        #expect(try calendar.elapsedWorkdays(from: at("2026-11-30T12:00:00"), to: at("2026-11-27T18:00:00")) == 0)
        // National Day week 2026: October 1–7 are holidays.
        #expect(try calendar.elapsedWorkdays(from: at("2026-10-01T00:00:00"), to: at("2026-10-08T00:00:00")) == 0)
    }
}
