import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("Federation: 跨域通办 between two running platforms")
struct FederationCaseTests {
    /// A Hefei item applied for in Lu'an and accepted at Lu'an's window; returns the case id.
    func acceptInLuan(_ cities: TwoCities) async throws -> (UUID, citizen: String, CaseView) {
        let browser = Browser(cities.luan)
        let citizen = try await apiToken(cities.luan, "13800000002")
        let submitted = try await browser.apply(try await browser.application(item: "yb-ydjy", token: citizen), token: citizen)
        let clerk = try await apiToken(cities.luan, "clerk")
        let response = try await browser.send(.POST, "/api/v1/cases/\(submitted.id)/accept", bearer: clerk)
        #expect(response.status == .ok, "accept: \(response.body.string)")
        return (submitted.id, citizen, try response.content.decode(CaseView.self))
    }

    @Test("a case accepted in Lu'an reaches Hefei's reviewers with its materials, and each decision comes back to the applicant")
    func forwardAndFlowBack() async throws {
        try await withTwoCities { cities in
            let items = try await Browser(cities.luan).send(.GET, "/api/v1/federation/items").content.decode([FederationItemView].self)
            #expect(items.contains { $0.itemCode == "yb-ydjy" && $0.decidingCityName == "合肥市" }, "the catalogue says where it is decided")

            let (caseID, citizen, accepted) = try await acceptInLuan(cities)
            #expect(accepted.events.contains { $0.kind == "federation.forwarding" && $0.message.contains("已转交合肥市") })
            #expect(accepted.state == "inReview" && accepted.tasks.isEmpty, "Hefei decides: no review task for Lu'an's own departments")
            #expect(try await federationLog(cities.luan, direction: .outgoing).map(\.outcome) == ["queued"], "queued with the acceptance")

            await cities.settle()
            let hefei = Browser(cities.hefei)
            let reviewer = try await reviewerToken(cities.hefei, department: "yb")
            let queue = try await hefei.send(.GET, "/api/v1/federation/cases", bearer: reviewer).content.decode([FederationInboundView].self)
            let inbound = try #require(queue.first)
            #expect(queue.count == 1 && inbound.originCityName == "六安市" && inbound.state == "received")
            let files = inbound.materials.filter { !$0.sha256.isEmpty }
            #expect(!files.isEmpty && files.allSatisfy { cities.hefei.uploadStore.has($0.sha256) }, "the files travelled with the case")
            #expect(inbound.materials.contains { $0.fileName.hasPrefix("certificate:") }, "免提交 materials are named, not copied")
            #expect(inbound.applicantName == "李四")
            let stranger = try await apiToken(cities.hefei, "reviewer.gjj")
            #expect(try await hefei.send(.GET, "/api/v1/federation/cases", bearer: stranger).content.decode([FederationInboundView].self).isEmpty,
                    "another department's reviewer does not see it")
            let file = try #require(files.first)
            let page = try await hefei.send(.GET, "/workbench/cross-region", bearer: reviewer).body.string
            #expect(page.contains("/workbench/cross-region/\(inbound.id)/files/\(file.sha256)") && page.contains("备案类型"),
                    "the reviewer opens the files and reads the form under its labels")
            let opened = try await hefei.send(.GET, "/workbench/cross-region/\(inbound.id)/files/\(file.sha256)", bearer: reviewer)
            #expect(opened.status == .ok && opened.headers.contentType?.subType == "pdf")
            #expect(try await hefei.send(.GET, "/workbench/cross-region/\(inbound.id)/files/\(file.sha256)", bearer: stranger).status == .notFound)
            #expect(try await hefei.send(.GET, "/workbench/cross-region/\(inbound.id)/files/\(String(repeating: "0", count: 64))", bearer: reviewer).status == .notFound,
                    "only the case's own files, not any hash in the store")
            let luanPage = try await Browser(cities.luan).send(.GET, "/workbench/cases/\(caseID)", bearer: try await apiToken(cities.luan, "clerk")).body.string
            #expect(luanPage.contains("本件为跨域通办，由合肥市审批") && luanPage.contains("备案类型"))

            for decision in ["accept", "approve", "conclude"] {
                let response = try await cities.decideInHefei(inbound.id, decision, reviewer: reviewer)
                #expect(response.status == .ok, "\(decision): \(response.body.string)")
            }
            let wrong = try await hefei.send(.POST, "/api/v1/federation/cases/\(inbound.id)/decision",
                                             json: FederationDecisionInput(decision: "approve", note: nil), bearer: reviewer)
            #expect(wrong.status == .conflict && wrong.errorCode == "federation.invalid_decision")

            let luan = Browser(cities.luan)
            let view = try await luan.caseView(caseID, token: citizen)
            let federated = view.events.filter { $0.kind.hasPrefix("federation.") }.map(\.kind)
            #expect(federated == ["federation.forwarding", "federation.received", "federation.accepted", "federation.approved", "federation.concluded"])
            #expect(view.events.last?.message.contains("本地窗口领取") == true)
            #expect(view.state == "approved", "Hefei's approval concludes the case in Lu'an")
            #expect(view.events.contains { $0.kind == "concluded" && $0.message.contains("合肥市准予办理") })

            let delivered = try await luan.send(.POST, "/api/v1/cases/\(caseID)/deliver", bearer: try await apiToken(cities.luan, "clerk"))
            #expect(delivered.status == .ok, "出件 at Lu'an's window: \(delivered.body.string)")
            #expect(try delivered.content.decode(CaseView.self).state == "delivered")
            let notices = try await Notification.query(on: cities.luan.db).filter(\.$title ~~ "合肥市")
                .filter(\.$channel == Notification.Channel.inApp.rawValue).count()
            #expect(notices == 5, "the applicant was told of the transfer and of every step at Hefei")

            let sent = try await federationLog(cities.luan, direction: .outgoing)
            #expect(sent.count == 1 && sent.allSatisfy { $0.outcome == "delivered" })
            let heard = try await federationLog(cities.luan, direction: .incoming)
            #expect(heard.count == 4 && heard.allSatisfy { $0.outcome == "accepted" })
            #expect(try await federationLog(cities.hefei, direction: .incoming).map(\.outcome) == ["accepted"])
            #expect(try await federationLog(cities.hefei, direction: .outgoing).count == 4)
        }
    }

    @Test("Hefei asks for 补正: the clock stops in Lu'an, the applicant's files go to Hefei, and Hefei's refusal concludes the case in Lu'an")
    func supplementAcrossAndRefusal() async throws {
        try await withTwoCities { cities in
            let (caseID, citizen, _) = try await acceptInLuan(cities)
            await cities.settle()
            let hefei = Browser(cities.hefei), luan = Browser(cities.luan)
            let reviewer = try await reviewerToken(cities.hefei, department: "yb")
            let inboundID = try #require(try await hefei.send(.GET, "/api/v1/federation/cases", bearer: reviewer)
                .content.decode([FederationInboundView].self).first?.id)
            func decide(_ decision: String, _ note: String?) async throws {
                let response = try await cities.decideInHefei(inboundID, decision, note: note, reviewer: reviewer)
                #expect(response.status == .ok, "\(decision): \(response.body.string)")
            }
            func inboundCase() async throws -> FederationInboundView {
                try #require(try await hefei.send(.GET, "/api/v1/federation/cases", bearer: reviewer).content.decode([FederationInboundView].self).first)
            }
            #expect(try await inboundCase().deadline == nil, "Hefei's clock starts at its own 受理")
            try await decide("accept", nil)
            let promised = try #require(try await inboundCase().deadline)
            #expect(try await inboundCase().deadlineStatus == "onTrack")
            try await decide("supplement", "请补充参保地医保经办机构出具的参保证明")
            #expect(try await inboundCase().deadlineStatus == "paused")
            var view = try await luan.caseView(caseID, token: citizen)
            #expect(view.state == "awaitingSupplement", "the clock stops in Lu'an too")
            // A week passes on both sides before the applicant answers.
            for city in [cities.luan, cities.hefei] { city.clock.set(TwoCities.start.addingTimeInterval(7 * 86_400)) }

            let upload = try await luan.uploadPDF(citizen, name: "参保证明.pdf")
            let answered = try await luan.send(.POST, "/api/v1/cases/\(caseID)/supplement",
                json: SupplementInput(materials: [MaterialUpload(name: "参保证明", uploadId: upload)], note: nil), bearer: citizen)
            #expect(answered.status == .ok, "\(answered.body.string)")
            view = try answered.content.decode(CaseView.self)
            #expect(view.state == "inReview" && view.materials.contains { $0.name == "参保证明" && $0.uploadId == upload })
            #expect(view.events.contains { $0.kind == "federation.supplement_forwarding" })
            await cities.settle()

            let inbound = try #require(try await hefei.send(.GET, "/api/v1/federation/cases", bearer: reviewer)
                .content.decode([FederationInboundView].self).first)
            let file = try #require(inbound.materials.first { $0.name == "补正：参保证明" })
            #expect(cities.hefei.uploadStore.has(file.sha256) && inbound.supplementedAt != nil, "the file itself reached Hefei")
            let page = try await hefei.send(.GET, "/workbench/cross-region", bearer: reviewer)
            #expect(page.body.string.contains("申请人已补正") && page.body.string.contains("继续审核"))

            try await decide("accept", nil)
            let moved = try #require(try await inboundCase().deadline)
            #expect(moved.timeIntervalSince(promised) >= 5 * 86_400, "the week of 补正 does not count: \(promised) → \(moved)")
            #expect(try await hefei.send(.GET, "/workbench/cross-region", bearer: reviewer).body.string.contains("办结期限"))
            try await decide("reject", "参保证明显示参保地不在合肥市")
            view = try await luan.caseView(caseID, token: citizen)
            #expect(view.state == "notApproved")
            #expect(view.outcomeReason?.contains("参保地不在合肥市") == true)
            let deliver = try await luan.send(.POST, "/api/v1/cases/\(caseID)/deliver", bearer: try await apiToken(cities.luan, "clerk"))
            #expect(deliver.status == .conflict, "nothing to hand over after a refusal")
            try await decide("conclude", nil)
            #expect(try await luan.caseView(caseID, token: citizen).state == "notApproved", "a late report leaves the decision as it is")
        }
    }

    @Test("two Hefei reviewers deciding the same case at once: one decision stands, Lu'an hears of one")
    func concurrentDecisions() async throws {
        try await withTwoCities { cities in
            _ = try await acceptInLuan(cities)
            await cities.settle()
            let hefei = Browser(cities.hefei)
            let reviewer = try await reviewerToken(cities.hefei, department: "yb")
            let id = try #require(try await hefei.send(.GET, "/api/v1/federation/cases", bearer: reviewer)
                .content.decode([FederationInboundView].self).first?.id)
            _ = try await hefei.send(.POST, "/api/v1/federation/cases/\(id)/decision", json: FederationDecisionInput(decision: "accept", note: nil), bearer: reviewer)
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for decision in [("approve", nil), ("reject", "材料不符")] as [(String, String?)] {
                    group.addTask {
                        try await hefei.send(.POST, "/api/v1/federation/cases/\(id)/decision",
                                             json: FederationDecisionInput(decision: decision.0, note: decision.1), bearer: reviewer).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 1 && statuses.filter { $0 == .conflict }.count == 1, "\(statuses)")
            let reports = try await federationLog(cities.hefei, direction: .outgoing)
            #expect(reports.count == 3, "received, accepted and the one decision: \(reports.count)")
        }
    }

    @Test("the applicant withdraws in Lu'an: Hefei's reviewers are told and can no longer decide it")
    func withdrawalAcross() async throws {
        try await withTwoCities { cities in
            let (caseID, citizen, _) = try await acceptInLuan(cities)
            await cities.settle()
            let luan = Browser(cities.luan), hefei = Browser(cities.hefei)
            let withdrawn = try await luan.send(.POST, "/api/v1/cases/\(caseID)/withdraw", json: ["reason": "已回合肥办理"], bearer: citizen)
            #expect(withdrawn.status == .ok, "\(withdrawn.body.string)")
            #expect(try withdrawn.content.decode(CaseView.self).events.contains { $0.kind == "federation.withdrawal_forwarding" })
            await cities.settle()

            let reviewer = try await reviewerToken(cities.hefei, department: "yb")
            let inbound = try #require(try await hefei.send(.GET, "/api/v1/federation/cases", bearer: reviewer)
                .content.decode([FederationInboundView].self).first)
            #expect(inbound.state == "withdrawn" && inbound.stateTitle == "申请人已撤回" && inbound.note?.contains("已回合肥办理") == true)
            let late = try await hefei.send(.POST, "/api/v1/federation/cases/\(inbound.id)/decision",
                                            json: FederationDecisionInput(decision: "accept", note: nil), bearer: reviewer)
            #expect(late.status == .conflict && late.errorCode == "federation.invalid_decision")
            #expect(try await luan.caseView(caseID, token: citizen).state == "withdrawn")
        }
    }

    @Test("with Hefei offline the case waits in Lu'an's outbox, the applicant is told, and it goes when Hefei is back")
    func peerOffline() async throws {
        try await withTwoCities(hefeiOnline: false) { cities in
            let (caseID, citizen, _) = try await acceptInLuan(cities)
            await cities.runJobs(cities.luan)
            let waiting = try await federationLog(cities.luan, direction: .outgoing)
            #expect(waiting.map(\.outcome) == ["retrying"] && waiting.first?.attempts == 1)
            let view = try await Browser(cities.luan).caseView(caseID, token: citizen)
            #expect(view.events.contains { $0.message.contains("等待对方受理") })
            let told = try await Notification.query(on: cities.luan.db).filter(\.$title == "申请已受理，已转交合肥市").count()
            #expect(told == 1)

            await cities.runJobs(cities.luan)  // the back-off: not due again yet
            #expect(try await federationLog(cities.luan, direction: .outgoing).first?.attempts == 1)

            // Retries run out while Hefei stays down (the queue gives up after its last attempt; each attempt here waits for
            // the connection to fail, so the test starts at the last one); the message is kept as it was.
            let job = try #require(try await Job.query(on: cities.luan.db).filter(\.$kind == FederationOutbox.kind).first())
            job.attempts = JobQueue.maxAttempts - 1
            try await job.save(on: cities.luan.db)
            await cities.runJobs(cities.luan, after: 3700)
            let exhausted = try #require(try await federationLog(cities.luan, direction: .outgoing).first)
            #expect(exhausted.outcome == "retrying")
            #expect(try await Job.query(on: cities.luan.db).filter(\.$kind == FederationOutbox.kind).first()?.status == "failed")
            let admin = try await apiToken(cities.luan, "admin")
            let stranger = try await Browser(cities.luan).send(.POST, "/api/v1/admin/federation/messages/\(try exhausted.requireID())/resend",
                                                              bearer: try await apiToken(cities.luan, "clerk"))
            #expect(stranger.status == .forbidden)

            try await cities.bringHefeiOnline()
            let resent = try await Browser(cities.luan).send(.POST, "/api/v1/admin/federation/messages/\(try exhausted.requireID())/resend", bearer: admin)
            #expect(resent.status == .ok, "the administrator sends it again: \(resent.body.string)")
            await cities.runJobs(cities.luan)
            #expect(try await federationLog(cities.luan, direction: .outgoing).map(\.outcome) == ["delivered"])
            let again = try await Browser(cities.luan).send(.POST, "/api/v1/admin/federation/messages/\(try exhausted.requireID())/resend", bearer: admin)
            #expect(again.status == .conflict && again.errorCode == "federation.already_delivered")
            #expect(try await FederationInboundCase.query(on: cities.hefei.db).count() == 1)
        }
    }

    @Test("a forged, a replayed and a skewed request are refused and logged on the receiving side")
    func refusals() async throws {
        try await withTwoCities { cities in
            let port = cities.hefeiPort
            let now = Int64(cities.hefei.clock.now().timeIntervalSince1970 * 1000)
            let body = #"{"caseId":"6B7A0D8E-2B50-4D4A-9B45-2C1F2B0C9E11","state":"approved","remoteNumber":"X"}"#
            let path = FederationCases.statusPath

            let forged = SignedRequest(path: path, body: body, sender: TwoCities.luanCode, timestampMillis: now)
            let forgedResponse = try await forged.send(to: cities.luan, port: port, headers: try forged.headers(signedWith: .init()))
            #expect(forgedResponse.status == .unauthorized)
            #expect(try forgedResponse.content.decode(ErrorBody.self).error == "federation.forged")

            var tampered = SignedRequest(path: path, body: body, sender: TwoCities.luanCode, timestampMillis: now)
            let headers = try tampered.headers(signedWith: cities.luanKey)
            tampered.body = body.replacingOccurrences(of: "approved", with: "rejected")
            #expect(try await tampered.send(to: cities.luan, port: port, headers: headers).status == .unauthorized, "a body changed on the way")

            let genuine = SignedRequest(path: path, body: body, sender: TwoCities.luanCode, timestampMillis: now)
            let genuineHeaders = try genuine.headers(signedWith: cities.luanKey)
            let first = try await genuine.send(to: cities.luan, port: port, headers: genuineHeaders)
            #expect(first.status == .notFound, "the signature passes; the case is unknown here")
            let replay = try await genuine.send(to: cities.luan, port: port, headers: genuineHeaders)
            #expect(replay.status == .conflict)
            #expect(try replay.content.decode(ErrorBody.self).error == "federation.replay")

            let skewed = SignedRequest(path: path, body: body, sender: TwoCities.luanCode, timestampMillis: now - 10 * 60 * 1000)
            let skewResponse = try await skewed.send(to: cities.luan, port: port, headers: try skewed.headers(signedWith: cities.luanKey))
            #expect(skewResponse.status == .unauthorized)
            #expect(try skewResponse.content.decode(ErrorBody.self).error == "federation.clock_skew")

            let stranger = SignedRequest(path: path, body: body, sender: "110000", timestampMillis: now)
            let strangerResponse = try await stranger.send(to: cities.luan, port: port, headers: try stranger.headers(signedWith: .init()))
            #expect(try strangerResponse.content.decode(ErrorBody.self).error == "federation.unknown_peer")

            let log = try await federationLog(cities.hefei, direction: .incoming).map(\.outcome)
            #expect(log == ["refused-forged", "refused-forged", "accepted", "refused-replay", "refused-skew", "refused-unknown-peer"])
            #expect(try await FederationInboundCase.query(on: cities.hefei.db).count() == 0)

            #expect(try await FederationNonce.query(on: cities.hefei.db).count() == 1, "the accepted request's nonce is remembered")
            let dead = 2 * Double(cities.hefei.federation.windowSeconds)
            cities.hefei.clock.set(TwoCities.start.addingTimeInterval(dead - 60))
            try await FederationNonceSweep.run(Job(), cities.hefei)
            #expect(try await FederationNonce.query(on: cities.hefei.db).count() == 1, "kept while a replay could still pass the clock check")
            cities.hefei.clock.set(TwoCities.start.addingTimeInterval(dead + 1))
            try await FederationNonceSweep.run(Job(), cities.hefei)
            #expect(try await FederationNonce.query(on: cities.hefei.db).count() == 0, "forgotten once its timestamp would be refused anyway")
        }
    }

    @Test("Lu'an changes its key: with the next key announced Hefei accepts both, after the change the old one is refused")
    func keyChange() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("tongban-keychange-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: data) }
        #expect(throws: AppError.self, "no switch without a next key the peers know") { try FederationKeyChange.switchOver(dataDirectory: data) }
        let next = try FederationKeyChange.prepare(dataDirectory: data)
        #expect(try FederationKeyChange.prepare(dataDirectory: data).rawRepresentation == next.rawRepresentation, "asked twice, the same key")
        let retired = try FederationKeyChange.switchOver(dataDirectory: data)
        #expect(FileManager.default.contents(atPath: data + "/federation-signing.key") == next.rawRepresentation)
        #expect(!FileManager.default.fileExists(atPath: retired), "there was no old key file in this directory")

        try await withTwoCities { cities in
            let port = cities.hefeiPort, path = FederationCases.statusPath
            let body = #"{"caseId":"6B7A0D8E-2B50-4D4A-9B45-2C1F2B0C9E11","state":"approved","remoteNumber":"X"}"#
            var luan = try #require(cities.hefei.federation.directory.peer(TwoCities.luanCode))
            func send(_ key: Curve25519.Signing.PrivateKey) async throws -> HTTPStatus {
                let request = SignedRequest(path: path, body: body, sender: TwoCities.luanCode,
                                            timestampMillis: Int64(cities.hefei.clock.now().timeIntervalSince1970 * 1000))
                return try await request.send(to: cities.luan, port: port, headers: try request.headers(signedWith: key)).status
            }
            #expect(try await send(next) == .unauthorized, "an unannounced key is refused")
            luan.nextPublicKey = next.publicKey.rawRepresentation.base64EncodedString()
            cities.hefei.federation.directory.set(luan)
            #expect(try await send(cities.luanKey) == .notFound, "the old key still passes (the case is unknown here)")
            #expect(try await send(next) == .notFound, "and so does the next one")
            (luan.publicKey, luan.nextPublicKey) = (luan.nextPublicKey ?? "", nil)
            cities.hefei.federation.directory.set(luan)
            #expect(try await send(cities.luanKey) == .unauthorized, "after the change the old key is refused")
            #expect(try await send(next) == .notFound)
        }
    }

    @Test("a city whose clock runs ahead beyond the window is refused, and its case goes once the clock is right")
    func clockSkew() async throws {
        try await withTwoCities { cities in
            _ = try await acceptInLuan(cities)
            cities.luan.clock.set(TwoCities.start.addingTimeInterval(15 * 60))
            await cities.runJobs(cities.luan)
            let refused = try await federationLog(cities.luan, direction: .outgoing)
            #expect(refused.first?.outcome == "retrying" && refused.first?.detail?.contains("federation.clock_skew") == true)
            #expect(try await federationLog(cities.hefei, direction: .incoming).map(\.outcome) == ["refused-skew"])
            #expect(try await FederationInboundCase.query(on: cities.hefei.db).count() == 0)

            cities.luan.clock.set(TwoCities.start)
            await cities.runJobs(cities.luan, after: 20 * 60)
            #expect(try await federationLog(cities.luan, direction: .outgoing).first?.outcome == "delivered")
            #expect(try await FederationInboundCase.query(on: cities.hefei.db).count() == 1)
        }
    }

    @Test("in the browser: Lu'an lists its 跨域通办 items, Hefei's staff decide a forwarded case from their page")
    func pages() async throws {
        try await withTwoCities { cities in
            let overview = try await Browser(cities.luan).send(.GET, "/cross-region")
            #expect(overview.status == .ok && overview.body.string.contains("异地就医备案") && overview.body.string.contains("合肥市"))
            let (caseID, citizen, _) = try await acceptInLuan(cities)
            await cities.settle()
            let staff = Browser(cities.hefei)
            try await staff.signIn("admin")
            let page = try await staff.send(.GET, "/workbench/cross-region")
            #expect(page.status == .ok && page.body.string.contains("六安市") && page.body.string.contains("李四"))
            let inbound = try #require(try await FederationInboundCase.query(on: cities.hefei.db).first())
            let decided = try await staff.submit("/workbench/cross-region/\(try inbound.requireID())", ["decision": "accept", "note": ""],
                                                 from: "/workbench/cross-region")
            #expect(decided.status == .seeOther)
            await cities.settle()
            let view = try await Browser(cities.luan).caseView(caseID, token: citizen)
            #expect(view.events.contains { $0.kind == "federation.accepted" })
            #expect(try await Browser(cities.hefei).send(.GET, "/workbench/cross-region").status != .ok, "not for the public")
        }
    }

    @Test("the public key endpoint names the city and the key its peers must configure")
    func publicKey() async throws {
        try await withTwoCities { cities in
            let identity = try await Browser(cities.hefei).send(.GET, "/api/v1/federation/public-key").content.decode(FederationIdentityView.self)
            #expect(identity.cityCode == "340100" && identity.cityName == "合肥市" && identity.algorithm == "Ed25519")
            #expect(identity.publicKey == cities.hefeiKey.publicKey.rawRepresentation.base64EncodedString())
            #expect(identity.peers.map(\.name) == ["六安市"])
        }
    }
}

extension UploadStore {
    func has(_ sha256: String) -> Bool { FileManager.default.fileExists(atPath: "\(directory)/\(sha256.prefix(2))/\(sha256)") }
}
