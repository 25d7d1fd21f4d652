import Fluent
import Vapor

/// The community's security desk in the browser: open alarms to close, today's door events, and the forms to
/// register a door or camera and to issue a resident's door card.
struct SecurityPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("community", ":code", "security", use: desk)
        routes.post("community", ":code", "security", "alarms", ":id", "close", use: close)
        routes.post("community", ":code", "security", "devices", use: register)
        routes.post("community", ":code", "security", "cards", use: issueCard)
    }

    @Sendable func desk(_ request: Request) async throws -> Response {
        try await render(request)
    }

    @Sendable func close(_ request: Request) async throws -> Response {
        let code = try EventController.community(request, roles: SecurityController.watchers)
        let alarm = try await SecurityController.alarm(request, community: code)
        do {
            _ = try await request.security.close(alarm, outcome: try request.content.decode(AlarmController.Closing.self).outcome,
                                                 by: try request.requirePrincipal().realName)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await render(request, errors: [alarm.id!.uuidString: error.message], status: error.status)
        }
        return request.redirect(to: SecurityURL.staff(code), redirectType: .normal)
    }

    @Sendable func register(_ request: Request) async throws -> Response {
        let code = try EventController.community(request, roles: [.communityStaff])
        do {
            let registered = try await request.security.register(try request.content.decode(SecurityService.DeviceInput.self), community: code)
            return try await render(request, notice: "设备已登记。设备令牌只显示这一次，请立即配置到设备中（请求头 \(AlarmController.tokenHeader)）：\(registered.token)")
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await render(request, errors: error.details, status: error.status)
        }
    }

    @Sendable func issueCard(_ request: Request) async throws -> Response {
        let code = try EventController.community(request, roles: [.communityStaff])
        do {
            let card = try await request.security.issueCard(try request.content.decode(SecurityService.CardInput.self), community: code)
            return try await render(request, notice: "已为 \(NameMasking.mask(card.residentName)) 登记门禁卡。")
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await render(request, errors: error.details.isEmpty ? ["cardNumber": error.message] : error.details, status: error.status)
        }
    }

    private func render(_ request: Request, notice: String? = nil, errors: [String: String] = [:], status: HTTPResponseStatus = .ok) async throws -> Response {
        let code = try EventController.community(request, roles: SecurityController.watchers)
        let community = try await request.communities.find(code)
        let alarms: [HTML] = try await SecurityController.alarms(request, community: code).map { alarm in
            let id = alarm.id!.uuidString
            let urgent = SecurityAlarm.Kind(rawValue: alarm.kind)?.urgent ?? false
            let state: HTML = alarm.closedAt != nil ? "<span class=\"badge\">已处理</span> \(alarm.closedBy ?? "")：\(alarm.outcome ?? "")" : """
            <span class="badge danger">待处理</span>
            <form method="post" action="\(SecurityURL.staff(code))/alarms/\(id)/close" class="stacked">\(Layout.csrfField(request))
              <label for="outcome-\(id)">处理结果</label>
              <input id="outcome-\(id)" name="outcome" required maxlength="500" placeholder="如：保安到场查看，住户忘带卡，已放行">
              \(errors[id].map { "<p class=\"field-error\">\($0)</p>" as HTML } ?? .empty)
              <button type="submit">处理完毕</button></form>
            """
            return """
            <li class="\(urgent && alarm.closedAt == nil ? "alarm-urgent" : "")"><strong>\(urgent ? "【紧急】" : "")\(alarm.message)</strong><br>
              <span class="muted">\(TimeText.minute(alarm.raisedAt))</span><br>
              \(alarm.ticketNumber.map { "<p class=\"field-error\">超时无人处理，已升级12345工单 \($0)，派公安处置</p>" as HTML } ?? .empty)\(state)</li>
            """
        }
        let entries: [HTML] = try await SecurityController.entries(request, community: code).map {
            "<tr><td>\(TimeText.minute($0.at))</td><td>\($0.door)</td><td>\($0.method)</td><td>\($0.subject)</td><td>\($0.allowed ? "放行" : "拒绝")：\($0.reason)</td></tr>"
        }
        let forms: HTML = try request.requirePrincipal().has(.communityStaff, inCommunity: code) ? """
        <section class="card"><h2>登记门禁或摄像头</h2>
          <form class="stacked" method="post" action="\(SecurityURL.staff(code))/devices">\(Layout.csrfField(request))
            <label for="kind">设备类型</label><select id="kind" name="kind"><option value="door">门禁</option><option value="camera">摄像头</option></select>
            \(IdentityPages.field("label", "安装位置", value: "", error: errors["label"], attributes: "required placeholder=\"如：东门、3号楼单元门\""))
            <p><button type="submit">登记设备</button></p></form>
        </section>
        <section class="card"><h2>办理门禁卡</h2>
          <form class="stacked" method="post" action="\(SecurityURL.staff(code))/cards">\(Layout.csrfField(request))
            \(IdentityPages.field("residentIdNumber", "居民身份证号码", value: "", error: errors["residentIdNumber"], attributes: "required autocomplete=\"off\""))
            \(IdentityPages.field("cardNumber", "卡号（卡背面或读卡器显示）", value: "", error: errors["cardNumber"], attributes: "required autocomplete=\"off\""))
            <p><button type="submit">登记门禁卡</button></p></form>
        </section>
        """ : .empty
        return Layout.page(request, title: "\(community.name) · 安防", status: status, """
        <section class="card"><h1>\(community.name) · 社区安防</h1>
          \(notice.map { "<p class=\"alert\" role=\"status\">\($0)</p>" as HTML } ?? .empty)
          \(errors.isEmpty ? HTML.empty : "<p class=\"alert\" role=\"alert\">信息有误，请按提示修改</p>")
          <h2>安防告警</h2>
          \(alarms.isEmpty ? "<p class=\"muted\">近 7 天没有安防告警。</p>" as HTML : "<ul class=\"list\">\(alarms)</ul>")
          <h2>今日出入记录</h2>
          \(entries.isEmpty ? "<p class=\"muted\">今天还没有出入记录。</p>" as HTML : """
          <div class="table-wrap"><table><thead><tr><th>时间</th><th>门</th><th>方式</th><th>人员</th><th>结果</th></tr></thead>
          <tbody>\(entries)</tbody></table></div>
          """)
        </section>
        \(forms)
        """)
    }
}
