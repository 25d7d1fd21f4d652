import Fluent
import Vapor

/// Alarms and devices in the browser: the alarm list a community's staff keep open on a phone, and device registration.
struct AlarmPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("community", ":code", "alarms", use: alarms)
        routes.post("community", ":code", "alarms", ":id", "acknowledge", use: acknowledge)
        routes.post("community", ":code", "alarms", ":id", "close", use: close)
        routes.get("community", ":code", "devices", use: devices)
        routes.post("community", ":code", "devices", use: register)
    }

    @Sendable func alarms(_ request: Request) async throws -> Response {
        try await renderAlarms(request, errors: [:])
    }

    private func renderAlarms(_ request: Request, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let code = try EventController.community(request, roles: AlarmController.handlers)
        let community = try await request.communities.find(code)
        let now = request.application.clock.now()
        let items: [HTML] = try await AlarmView.list(code, on: request.db).map { alarm in
            let base = "\(AlarmURL.list(code))/\(alarm.id.uuidString)"
            let minutes = Int(now.timeIntervalSince(alarm.raisedAt) / 60)
            let state: HTML = if alarm.closedAt != nil {
                "<span class=\"badge\">已处理</span> \(alarm.closedBy ?? "")：\(alarm.outcome ?? "")"
            } else if alarm.acknowledgedAt != nil {
                "<span class=\"badge\">处理中</span> \(alarm.acknowledgedBy ?? "") 已接单"
            } else {
                "<span class=\"badge danger\">待处理</span> 已 \(minutes) 分钟"
            }
            let actions: HTML = alarm.closedAt != nil ? .empty : """
            <form method="post" action="\(base)/acknowledge" class="inline">\(Layout.csrfField(request))<button type="submit" class="secondary">接单</button></form>
            <form method="post" action="\(base)/close" class="stacked">\(Layout.csrfField(request))
              <label for="outcome-\(alarm.id.uuidString)">处理结果</label>
              <input id="outcome-\(alarm.id.uuidString)" name="outcome" required maxlength="500" placeholder="如：上门查看，老人外出探亲，已联系家属">
              \(errors[alarm.id.uuidString].map { "<p class=\"field-error\">\($0)</p>" as HTML } ?? .empty)
              <button type="submit">处理完毕</button></form>
            """
            return """
            <li class="\(alarm.urgent && alarm.closedAt == nil ? "alarm-urgent" : "")"><strong>\(alarm.urgent ? "【紧急】" : "")\(alarm.message)</strong><br>
              <span class="muted">\(TimeText.minute(alarm.raisedAt))\(alarm.urgent ? (alarm.familyCalled ? " · 已通知家属" : " · 正在通知家属") : "")\(
                alarm.ticketNumber.map { " · 超时无人接单，已升级12345工单 \($0)" } ?? "")</span><br>
              \(state)\(actions)</li>
            """
        }
        return Layout.page(request, title: "\(community.name) · 告警", status: status, """
        <section class="card"><h1>\(community.name) · 设备告警</h1>
          <p class="muted">紧急呼叫、连续 24 小时未用水或未开门会产生紧急告警，同时通知本社区工作人员、网格员和老人的家属。每条告警都需接单并填写处理结果；紧急告警 \(AlarmEscalation.acknowledgeMinutes) 分钟无人接单会升级为12345工单。</p>
          \(items.isEmpty ? "<p class=\"muted\">没有告警。</p>" as HTML : "<ul class=\"list\">\(items)</ul>")
          <p><a href="\(AlarmURL.devices(code))">设备管理</a></p>
        </section>
        """)
    }

    @Sendable func acknowledge(_ request: Request) async throws -> Response {
        let (alarm, person) = try await AlarmController.alarm(request)
        _ = try await request.devices.acknowledge(alarm, by: person.realName)
        return request.redirect(to: AlarmURL.list(alarm.communityCode), redirectType: .normal)
    }

    @Sendable func close(_ request: Request) async throws -> Response {
        let (alarm, person) = try await AlarmController.alarm(request)
        do {
            _ = try await request.devices.close(alarm, outcome: try request.content.decode(AlarmController.Closing.self).outcome, by: person.realName)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await renderAlarms(request, errors: [alarm.id!.uuidString: error.message], status: error.status)
        }
        return request.redirect(to: AlarmURL.list(alarm.communityCode), redirectType: .normal)
    }

    @Sendable func devices(_ request: Request) async throws -> Response {
        try await renderDevices(request, input: nil, errors: [:], token: nil)
    }

    @Sendable func register(_ request: Request) async throws -> Response {
        let code = try EventController.community(request, roles: [.communityStaff])
        let input = try request.content.decode(DeviceService.Input.self)
        do {
            let registered = try await request.devices.register(input, community: code)
            return try await renderDevices(request, input: nil, errors: [:], token: registered)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await renderDevices(request, input: input, errors: error.details, token: nil, status: error.status)
        }
    }

    private func renderDevices(_ request: Request, input: DeviceService.Input?, errors: [String: String], token: DeviceService.Registered?,
                               status: HTTPResponseStatus = .ok) async throws -> Response {
        let code = try EventController.community(request, roles: AlarmController.handlers)
        let community = try await request.communities.find(code)
        let rows: [HTML] = try await Device.query(on: request.db).filter(\.$communityCode == code).sort(\.$createdAt).all().map(request.devices.view).map {
            "<tr><td>\($0.kindTitle)</td><td>\($0.label)</td><td>\($0.residentName)</td><td>\($0.familyName) \($0.familyPhone)</td><td>\($0.retired ? "已停用" : TimeText.minute($0.lastSeenAt))</td></tr>"
        }
        let kinds: [HTML] = Device.Kind.allCases.map { "<option value=\"\($0.rawValue)\"\(input?.kind == $0.rawValue ? " selected" as HTML : .empty)>\($0.title)</option>" }
        let shown: HTML = token.map { """
        <p class="alert" role="status">设备已登记。设备令牌只显示这一次，请立即配置到设备中（上报时放在 \(AlarmController.tokenHeader) 请求头）：<br><code>\($0.token)</code></p>
        """ } ?? .empty
        let canRegister = try request.requirePrincipal().has(.communityStaff, inCommunity: code)
        let form: HTML = canRegister ? """
        <section class="card"><h2>登记设备</h2>
          \(errors.isEmpty ? HTML.empty : "<p class=\"alert\" role=\"alert\">设备信息有误，请按提示修改</p>")
          <form class="stacked" method="post" action="\(AlarmURL.devices(code))">
            \(Layout.csrfField(request))
            <label for="kind">设备类型</label><select id="kind" name="kind">\(kinds)</select>
            \(errors["kind"].map { "<p class=\"field-error\">\($0)</p>" as HTML } ?? .empty)
            \(IdentityPages.field("label", "安装位置", value: input?.label ?? "", error: errors["label"], attributes: "required"))
            \(IdentityPages.field("residentIdNumber", "老人身份证号码", value: "", error: errors["residentIdNumber"], attributes: "required autocomplete=\"off\""))
            \(IdentityPages.field("familyName", "家属姓名", value: input?.familyName ?? "", error: errors["familyName"], attributes: "required"))
            \(IdentityPages.field("familyPhone", "家属手机号码", type: "tel", value: input?.familyPhone ?? "", error: errors["familyPhone"], attributes: "required"))
            <p><button type="submit">登记</button></p>
          </form>
        </section>
        """ : .empty
        return Layout.page(request, title: "\(community.name) · 设备", status: status, """
        <section class="card"><h1>\(community.name) · 智能设备</h1>
          \(shown)
          <div class="table-wrap"><table><thead><tr><th>类型</th><th>位置</th><th>老人</th><th>家属</th><th>最近上报</th></tr></thead>
          <tbody>\(rows)</tbody></table></div>
          <p><a href="\(AlarmURL.list(code))">查看告警</a></p>
        </section>
        \(form)
        """)
    }
}
