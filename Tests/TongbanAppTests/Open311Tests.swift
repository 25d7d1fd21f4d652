import Fluent
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("Open311 GeoReport v2 at /open311/v2")
struct Open311Tests {
    static let key = CreateOpen311.demoKey

    @Test("services: every hotline category with the spec's fields, in JSON and XML")
    func services() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let json = try await browser.send(.GET, "/open311/v2/services.json?jurisdiction_id=luan.gov.cn")
            #expect(json.status == .ok)
            #expect(json.headers.contentType?.description.hasPrefix("application/json") == true)
            let list = try #require(try JSONSerialization.jsonObject(with: Data(json.body.string.utf8)) as? [[String: Any]])
            #expect(list.count == Open311Services.all.count)
            let light = try #require(list.first { $0["service_code"] as? String == "street-light" })
            #expect(Set(light.keys) == ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"])
            #expect(light["service_name"] as? String == "路灯故障")
            #expect(light["metadata"] as? Bool == true)
            #expect(light["type"] as? String == "realtime")
            #expect(list.contains { $0["service_code"] as? String == "12345" })

            let xml = try await browser.send(.GET, "/open311/v2/services.xml")
            #expect(xml.headers.contentType?.description.hasPrefix("text/xml") == true)
            #expect(xml.body.string.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>"))
            let root = try xmlRoot(xml)
            #expect(root.name == "services")
            #expect(root.childNames == Array(repeating: "service", count: Open311Services.all.count))
            #expect(root.child("service")?.childNames == ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"])
        }
    }

    @Test("a service definition lists request_type and the service's own questions; unknown ones are 404 in the spec's format")
    func definitions() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let json = try await browser.send(.GET, "/open311/v2/services/noise.json")
            let definition = try #require(try JSONSerialization.jsonObject(with: Data(json.body.string.utf8)) as? [String: Any])
            #expect(definition["service_code"] as? String == "noise")
            let attributes = try #require(definition["attributes"] as? [[String: Any]])
            #expect(attributes.map { $0["code"] as? String } == ["request_type", "noise_period"])
            #expect(attributes.map { $0["order"] as? Int } == [1, 2])
            let requestType = attributes[0]
            #expect(requestType["datatype"] as? String == "singlevaluelist")
            #expect(requestType["required"] as? Bool == false)
            #expect(requestType["variable"] as? Bool == true)
            let values = try #require(requestType["values"] as? [[String: Any]])
            #expect(values.map { $0["key"] as? String } == ["consult", "complaint", "suggestion", "report", "help", "praise"])
            #expect(values.map { $0["name"] as? String } == ["咨询", "投诉", "建议", "举报", "求助", "表扬"])

            let root = try xmlRoot(try await browser.send(.GET, "/open311/v2/services/noise.xml"))
            #expect(root.name == "service_definition")
            #expect(root.childNames == ["service_code", "attributes"])
            let attribute = try #require(root.child("attributes")?.child("attribute"))
            #expect(attribute.childNames == ["variable", "code", "datatype", "required", "datatype_description", "order", "description", "values"])
            #expect(attribute.child("values")?.child("value")?.childNames == ["key", "name"])

            for format in ["json", "xml"] {
                let missing = try await browser.send(.GET, "/open311/v2/services/pothole-on-mars.\(format)")
                #expect(missing.status == .notFound)
                #expect(try errorCodes(missing) == [404])
            }
            let wrongFormat = try await browser.send(.GET, "/open311/v2/services/noise.csv")
            #expect(wrongFormat.status == .notFound)
            #expect(wrongFormat.headers.contentType?.description.hasPrefix("application/json") == true)
            #expect(try errorCodes(wrongFormat) == [404])
            #expect(try await browser.send(.GET, "/open311/v2/nothing.json").status == .notFound)
            let elsewhere = try await browser.send(.GET, "/open311/v2/services.xml?jurisdiction_id=sfgov.org")
            #expect(elsewhere.status == .notFound)
            #expect(try xmlRoot(elsewhere).child("error")?.child("description")?.stringValue?.contains("jurisdiction_id") == true)
        }
    }

    @Test("discovery names this endpoint and both formats")
    func discovery() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let json = try await browser.send(.GET, "/open311/v2/discovery.json")
            let body = try #require(try JSONSerialization.jsonObject(with: Data(json.body.string.utf8)) as? [String: Any])
            let endpoint = try #require((body["endpoints"] as? [[String: Any]])?.first)
            #expect(endpoint["specification"] as? String == "http://wiki.open311.org/GeoReport_v2")
            #expect(endpoint["formats"] as? [String] == ["text/xml", "application/json"])
            let root = try xmlRoot(try await browser.send(.GET, "/open311/v2/discovery.xml"))
            #expect(root.childNames == ["changeset", "contact", "key_service", "endpoints"])
            #expect(root.child("endpoints")?.child("endpoint")?.child("formats")?.childNames == ["format", "format"])
        }
    }

    @Test("POST needs a valid api_key (403), a known service (404), our jurisdiction (404) and complete parameters (400)")
    func postErrors() async throws {
        try await withTongban(manualDispatch) { app in
            let browser = Browser(app)
            let good = lightReport()
            var noKey = good
            noKey["api_key"] = nil
            let missingKey = try await browser.send(.POST, "/open311/v2/requests.xml", form: noKey)
            #expect(missingKey.status == .forbidden)
            #expect(try errorCodes(missingKey) == [403])
            let wrongKey = try await browser.send(.POST, "/open311/v2/requests.json", form: good.merging(["api_key": "guess"]) { $1 })
            #expect(wrongKey.status == .forbidden)
            #expect(try errorCodes(wrongKey) == [403])

            let cases: [(change: [String: String?], status: HTTPStatus, mentions: String)] = [
                (["service_code": nil], .badRequest, "service_code"),
                (["description": nil], .badRequest, "description"),
                (["service_code": "ufo-sighting"], .notFound, "service_code"),
                (["jurisdiction_id": "sfgov.org"], .notFound, "jurisdiction_id"),
                (["phone": "12345"], .badRequest, "phone"),
                (["long": nil], .badRequest, "lat and long"),
                (["lat": nil, "long": nil, "address_string": nil], .badRequest, "location"),
                (["attribute[request_type]": "gossip"], .badRequest, "request_type"),
                (["service_code": "noise"], .badRequest, "noise_period"),
            ]
            for (change, status, mentions) in cases {
                var form = good
                for (name, value) in change { form[name] = value }
                for format in ["json", "xml"] {
                    let response = try await browser.send(.POST, "/open311/v2/requests.\(format)", form: form)
                    #expect(response.status == status, "\(change) → \(response.body.string)")
                    #expect(try errorCodes(response) == [Int(status.code)])
                    #expect(response.body.string.contains(mentions), "\(change) → \(response.body.string)")
                }
            }
            #expect(try await Ticket.query(on: app.db).count() == 0)
        }
    }

    @Test("a request filed through Open311 goes to the service's department and reads back without contact details")
    func fileAndRead() async throws {
        try await withTongban(manualDispatch) { app in
            app.clock.set(beijing("2026-11-25T10:00:00"))
            let browser = Browser(app)
            var form = lightReport()
            form["attribute[pole_number]"] = "LA-0931"
            let created = try await browser.send(.POST, "/open311/v2/requests.json", form: form)
            #expect(created.status == .ok, "\(created.body.string)")
            let answer = try #require((try JSONSerialization.jsonObject(with: Data(created.body.string.utf8)) as? [[String: Any]])?.first)
            let number = try #require(answer["service_request_id"] as? String)
            #expect(answer["token"] == nil, "a realtime service returns the id, not a token")
            #expect(answer["account_id"] as? String == "acct-77")
            #expect((answer["service_notice"] as? String)?.contains("六安市城市管理局") == true)

            let ticket = try #require(try await Ticket.query(on: app.db).filter(\.$number == number).first())
            #expect(ticket.channel == "open311")
            #expect(ticket.state == "dispatched")
            #expect(ticket.type == "complaint")
            #expect(ticket.title == "路灯故障")
            #expect(ticket.contactName == "陈明")
            #expect(ticket.body.contains("路灯杆编号：LA-0931"))
            #expect(app.tickets.departmentCode(ticket.departmentID) == "cg")

            let read = try await browser.send(.GET, "/open311/v2/requests/\(number).json?jurisdiction_id=luan.gov.cn")
            let request = try #require((try JSONSerialization.jsonObject(with: Data(read.body.string.utf8)) as? [[String: Any]])?.first)
            #expect(Set(request.keys) == Set(Self.requestFields))
            #expect(request["status"] as? String == "open")
            #expect(request["service_code"] as? String == "street-light")
            #expect(request["service_name"] as? String == "路灯故障")
            #expect(request["agency_responsible"] as? String == "六安市城市管理局")
            #expect(request["requested_datetime"] as? String == "2026-11-25T10:00:00+08:00")
            #expect((request["expected_datetime"] as? String)?.hasSuffix("+08:00") == true)
            #expect(request["address"] as? String == "金安区梅山路紫竹林小区门口")
            #expect(request["lat"] as? Double == 31.7553)
            #expect(request["media_url"] is NSNull)
            #expect(!read.body.string.contains("13912345678") && !read.body.string.contains("陈明"), "no contact details")

            let root = try xmlRoot(try await browser.send(.GET, "/open311/v2/requests/\(number).xml"))
            #expect(root.name == "service_requests")
            #expect(root.child("request")?.childNames == Self.requestFields)
            let unknown = try await browser.send(.GET, "/open311/v2/requests/12345-20261125-NOPE00.xml")
            #expect(unknown.status == .notFound)
            #expect(try errorCodes(unknown) == [404])

            // The general service leaves the department to the classifier and titles the ticket from the description.
            var general = lightReport()
            general["service_code"] = "12345"
            general["attribute[request_type]"] = "suggestion"
            let filed = try await browser.send(.POST, "/open311/v2/requests.xml", form: general)
            let generalNumber = try #require(try xmlRoot(filed).child("request")?.child("service_request_id")?.stringValue)
            let generalTicket = try #require(try await Ticket.query(on: app.db).filter(\.$number == generalNumber).first())
            #expect(generalTicket.state == "pending")
            #expect(generalTicket.type == "suggestion")
            #expect(generalTicket.title == String(general["description"]!.prefix(30)))
        }
    }

    @Test("GET requests lists only Open311 tickets, with the status, date, service and id filters")
    func listAndFilters() async throws {
        try await withTongban(manualDispatch) { app in
            app.clock.set(beijing("2026-11-25T10:00:00"))
            let browser = Browser(app)
            let operatorToken = try await apiToken(app, "operator")
            let call = try #require(try await browser.fileTicket(.call(title: "路灯不亮", body: "梅山路的路灯坏了一个星期，晚上很黑。"), token: operatorToken))
            let light = try await file(browser, lightReport())
            app.clock.advance(by: 60)
            var drainForm = lightReport()
            drainForm["service_code"] = "drainage"
            let drain = try await file(browser, drainForm)

            #expect(try await listed(browser, "") == [drain, light], "newest first, phone calls left out")
            #expect(try await browser.send(.GET, "/open311/v2/requests/\(call.number).json").status == .notFound, "a phone call stays private")
            #expect(try await listed(browser, "service_request_id=\(call.number)") == [])
            #expect(try await listed(browser, "service_code=street-light") == [light])
            #expect(try await listed(browser, "service_request_id=\(light),\(drain)&service_code=noise").sorted() == [light, drain].sorted())
            #expect(try await listed(browser, "status=open") == [drain, light])
            #expect(try await listed(browser, "status=closed") == [])
            #expect(try await listed(browser, "start_date=2026-11-26T00:00:00%2B08:00") == [])
            #expect(try await listed(browser, "start_date=2026-11-25T00:00:00Z&end_date=2026-11-26T00:00:00Z") == [drain, light])
            let xml = try xmlRoot(try await browser.send(.GET, "/open311/v2/requests.xml?status=open"))
            #expect(xml.childNames == ["request", "request"])

            // Older than the default 90 days: out of the default window, but found by its id or an explicit window.
            app.clock.set(beijing("2026-08-01T10:00:00"))
            let old = try await file(browser, lightReport())
            app.clock.set(beijing("2026-11-25T10:00:00"))
            #expect(try await !listed(browser, "").contains(old))
            #expect(try await listed(browser, "service_request_id=\(old)") == [old])
            #expect(try await listed(browser, "end_date=2026-08-02") == [old])

            for bad in ["status=pending", "start_date=yesterday", "start_date=2026-01-01T00:00:00Z&end_date=2026-11-01T00:00:00Z",
                        "start_date=2026-11-25T00:00:00Z&end_date=2026-11-01T00:00:00Z"] {
                let response = try await browser.send(.GET, "/open311/v2/requests.json?\(bad)")
                #expect(response.status == .badRequest, "\(bad)")
                #expect(try errorCodes(response) == [400])
            }
            #expect(try await browser.send(.GET, "/open311/v2/requests.json?service_code=ufo").status == .notFound)
        }
    }

    @Test("a request closes when the department replies, and one merged into it closes with it")
    func closing() async throws {
        try await withTongban(manualDispatch) { app in
            let browser = Browser(app)
            let handler = try await apiToken(app, "handler.cg")
            let dispatcher = try await apiToken(app, "dispatcher")
            let number = try await file(browser, lightReport())
            let duplicate = try await file(browser, lightReport())
            #expect(try await browser.ticketAction(duplicate, "merge", ["parent": number], token: dispatcher).status == .ok)
            #expect(try await request(browser, duplicate)["status"] as? String == "open", "its parent is still open")

            #expect(try await browser.ticketAction(number, "sign", token: handler).status == .ok)
            #expect(try await request(browser, number)["status"] as? String == "open")
            let reply = "已更换梅山路三盏路灯灯头，恢复照明。"
            #expect(try await browser.ticketAction(number, "reply", ["reply": reply], token: handler).status == .ok)
            for id in [number, duplicate] {
                let closed = try await request(browser, id)
                #expect(closed["status"] as? String == "closed")
                #expect(closed["status_notes"] as? String == reply)
            }
            #expect(try await listed(browser, "status=closed").sorted() == [number, duplicate].sorted())
            #expect(try await listed(browser, "status=open") == [])
        }
    }

    @Test("markup, ampersands and control characters in ticket text cannot break the XML")
    func hostileText() async throws {
        try await withTongban(manualDispatch) { app in
            let browser = Browser(app)
            var form = lightReport()
            let hostile = "<script>alert('x')</script> & \"路灯\" ]]> \u{0007}\u{001B} 坏了一周"
            form["description"] = hostile
            form["address_string"] = "梅山路 <b>&amp;</b>"
            let number = try await file(browser, form)
            let response = try await browser.send(.GET, "/open311/v2/requests/\(number).xml")
            #expect(!response.body.string.contains("<script>"))
            let request = try #require(try xmlRoot(response).child("request"))
            #expect(request.child("description")?.stringValue == "<script>alert('x')</script> & \"路灯\" ]]>  坏了一周")
            #expect(request.child("address")?.stringValue == "梅山路 <b>&amp;</b>")
            let list = try await browser.send(.GET, "/open311/v2/requests.xml")
            #expect(try xmlRoot(list).childNames == ["request"])
            #expect(try await self.request(browser, number)["description"] as? String == hostile, "JSON keeps the text as filed")
        }
    }

    @Test("a request's token resolves to its number")
    func tokens() async throws {
        try await withTongban(manualDispatch) { app in
            let browser = Browser(app)
            let number = try await file(browser, lightReport())
            let token = try #require(try await Open311Submission.query(on: app.db).filter(\.$ticketNumber == number).first()).token
            let json = try await browser.send(.GET, "/open311/v2/tokens/\(token).json")
            let entry = try #require((try JSONSerialization.jsonObject(with: Data(json.body.string.utf8)) as? [[String: Any]])?.first)
            #expect(entry["service_request_id"] as? String == number)
            #expect(entry["token"] as? String == token)
            let root = try xmlRoot(try await browser.send(.GET, "/open311/v2/tokens/\(token).xml"))
            #expect(root.name == "service_requests")
            #expect(root.child("request")?.childNames == ["service_request_id", "token"])
            let unknown = try await browser.send(.GET, "/open311/v2/tokens/nope.xml")
            #expect(unknown.status == .notFound)
            #expect(try errorCodes(unknown) == [404])
        }
    }

    @Test("parameters: attribute[code] and attribute[code][], plus-encoded spaces, later sources win")
    func parameters() {
        let parameters = Open311Parameters(query: "api_key=q&service_code=a",
                                           body: "service_code=b&description=a+b%26c&attribute%5Bnoise_period%5D=night&attribute[x][]=1&attribute[x][]=2")
        #expect(parameters["service_code"] == "b")
        #expect(parameters["api_key"] == "q")
        #expect(parameters["description"] == "a b&c")
        #expect(parameters.attribute("noise_period") == "night")
        #expect(parameters.attributes["x"] == ["1", "2"])
        #expect(Open311Format.split("street-light.json").name == "street-light")
        #expect(Open311Format.split("street-light").format == nil)
        #expect(Open311Time.format(beijing("2026-11-25T08:05:09")) == "2026-11-25T08:05:09+08:00")
        #expect(Open311Time.parse("2026-11-25T00:05:09Z") == beijing("2026-11-25T08:05:09"))
        #expect(Open311Time.parse("2026-11-25") == beijing("2026-11-25T00:00:00"))
        #expect(Open311Time.parse("2026-11-25T10:00:00") == nil, "no zone, no guess")
        #expect(Open311Document.escape("a<b>&'\"\u{0}\u{8}\t") == "a&lt;b&gt;&amp;&apos;&quot;\t")
        #expect(Open311Views.scrub("请回电13912345678，身份证341502199001011234") == "请回电139****5678，身份证3415**********1234")
    }

    static let requestFields = ["service_request_id", "status", "status_notes", "service_name", "service_code", "description",
                                "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
                                "address", "address_id", "zipcode", "lat", "long", "media_url"]

    func lightReport() -> [String: String] {
        ["api_key": Self.key, "jurisdiction_id": "luan.gov.cn", "service_code": "street-light",
         "lat": "31.7553", "long": "116.5078", "address_string": "金安区梅山路紫竹林小区门口",
         "first_name": "明", "last_name": "陈", "phone": "13912345678", "email": "chen@example.com", "device_id": "dev-1",
         "account_id": "acct-77", "media_url": "https://example.com/light.jpg",
         "description": "小区门口的三盏路灯坏了一个多星期，晚上很黑，老人出门不安全。", "attribute[request_type]": "complaint"]
    }

    func file(_ browser: Browser, _ form: [String: String]) async throws -> String {
        let response = try await browser.send(.POST, "/open311/v2/requests.json", form: form)
        #expect(response.status == .ok, "\(response.body.string)")
        let answer = try #require((try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [[String: Any]])?.first)
        return try #require(answer["service_request_id"] as? String)
    }

    func request(_ browser: Browser, _ number: String) async throws -> [String: Any] {
        let response = try await browser.send(.GET, "/open311/v2/requests/\(number).json")
        #expect(response.status == .ok, "\(response.body.string)")
        return try #require((try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [[String: Any]])?.first)
    }

    func listed(_ browser: Browser, _ query: String) async throws -> [String] {
        let response = try await browser.send(.GET, "/open311/v2/requests.json?\(query)")
        #expect(response.status == .ok, "\(query): \(response.body.string)")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [[String: Any]])
        return list.compactMap { $0["service_request_id"] as? String }
    }

    /// The `code`s of a spec error body, JSON or XML.
    func errorCodes(_ response: TestingHTTPResponse) throws -> [Int] {
        if response.headers.contentType?.description.hasPrefix("text/xml") == true {
            let root = try xmlRoot(response)
            #expect(root.name == "errors")
            #expect(root.childNames.allSatisfy { $0 == "error" })
            return root.elements(forName: "error").compactMap { $0.child("code")?.stringValue.flatMap { Int($0) } }
        }
        let list = try #require(try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [[String: Any]])
        #expect(list.allSatisfy { $0["description"] is String })
        return list.compactMap { $0["code"] as? Int }
    }

    func xmlRoot(_ response: TestingHTTPResponse) throws -> XMLElement {
        let document = try XMLDocument(data: Data(response.body.string.utf8), options: [])
        return try #require(document.rootElement())
    }
}

private extension XMLElement {
    func child(_ name: String) -> XMLElement? { elements(forName: name).first }
    var childNames: [String] { (children ?? []).compactMap { ($0 as? XMLElement)?.name } }
}
