import Foundation

/// The parts of a case page that applicants and staff both see: progress, tasks, materials, timeline.
enum CaseHTML {
    static func stateBadge(_ state: String, _ title: String) -> HTML {
        "<span class=\"state state-\(state)\">\(title)</span>"
    }

    static func deadlineBadge(_ status: String?, _ title: String? = nil) -> HTML {
        guard let status else { return .empty }
        let text = title ?? [
            "onTrack": "正常", "atRisk": "预警", "overdue": "超期", "paused": "暂停计时", "finished": "已完成",
        ][status] ?? status
        return "<span class=\"clock clock-\(status)\">\(text)</span>"
    }

    static let channelNote = ["counter": "（窗口代办）", CaseService.proactiveChannel: "（免申即享，由部门主动办理，无需申请）"]

    static func facts(_ view: CaseView) -> HTML {
        """
        <dl class="facts">
          <dt>办件编号</dt><dd><strong>\(view.number)</strong></dd>
          <dt>办理状态</dt><dd>\(stateBadge(view.state, view.stateTitle)) \(deadlineBadge(view.deadlineStatus))</dd>
          <dt>申请人</dt><dd>\(view.applicantName)\(channelNote[view.channel] ?? "")</dd>
          <dt>\(view.channel == CaseService.proactiveChannel ? "发起时间" : "提交时间")</dt><dd>\(TimeText.minute(view.submittedAt))</dd>
          <dt>承诺时限</dt><dd>\(view.promisedLimitDays) 个工作日，\(TimeText.deadline(view.deadline))办结</dd>
          \(view.outcomeReason.map { "<dt>说明</dt><dd>\($0)</dd>" as HTML } ?? .empty)
        </dl>
        """
    }

    static func tasks(_ view: CaseView) -> HTML {
        guard !view.tasks.isEmpty else {
            if let forwarded = view.events.first(where: { $0.kind == "federation.forwarding" }) {
                return "<p>本件为跨域通办，由\(forwarded.message.between("已转交", "审批") ?? "对方城市")审批，每一步进展见下方“办理过程”；结果在本地窗口领取。</p>"
            }
            return "<p class=\"muted\">受理后，各部门将同时开始审核。</p>"
        }
        let names = Dictionary(view.tasks.map { ($0.item, $0.itemName) }, uniquingKeysWith: { a, _ in a })
        let rows: [HTML] = view.tasks.map { task in
            let waitingFor = task.dependsOn.compactMap { names[$0] }
            return """
            <tr><td>\(task.itemName)\(waitingFor.isEmpty ? HTML.empty : "<br><span class=\"hint\">需先办结：\(waitingFor.joined(separator: "、"))</span>")</td>
            <td>\(task.departmentName)</td>
            <td>\(stateBadge(task.state, task.stateTitle))\(task.note.map { "<br><span class=\"hint\">\($0)</span>" as HTML } ?? .empty)</td>
            <td>\(task.deadline == nil ? "—" : TimeText.deadline(task.deadline)) \(deadlineBadge(task.deadlineStatus, task.deadlineStatusTitle))</td></tr>
            """
        }
        return """
        <div class="table-wrap"><table><thead><tr><th>事项</th><th>部门</th><th>状态</th><th>期限</th></tr></thead>
        <tbody>\(rows)</tbody></table></div>
        """
    }

    /// The applicant's answers under the labels of the form they filled in; a key the catalogue no longer has is shown
    /// as it was stored rather than hidden.
    static func form(_ values: [String: String], fields: [FormField]) -> HTML {
        let known = fields.filter { values[$0.key] != nil }
        let rows: [HTML] = known.map { "<dt>\($0.label)</dt><dd>\(values[$0.key] ?? "")</dd>" }
            + values.keys.filter { key in !known.contains { $0.key == key } }.sorted().map { "<dt>\($0)</dt><dd>\(values[$0] ?? "")</dd>" }
        return "<dl class=\"facts\">\(rows)</dl>"
    }

    static func materials(_ view: CaseView) -> HTML {
        let rows: [HTML] = view.materials.map { material in
            let source: HTML = if let upload = material.uploadId {
                "<a href=\"/api/v1/uploads/\(upload.uuidString)\">\(material.fileName ?? "查看文件")</a>"
            } else {
                "<span class=\"tag online\">\(GuideView.replacementText(material.source))</span>"
            }
            return "<li>\(material.name)：\(source)</li>"
        }
        return rows.isEmpty ? "<p class=\"muted\">无</p>" : "<ul>\(rows)</ul>"
    }

    static func timeline(_ view: CaseView) -> HTML {
        let rows: [HTML] = view.events.reversed().map { event in
            "<li><time>\(TimeText.minute(event.at))</time> <strong>\(event.actor)</strong> \(event.message)</li>"
        }
        return "<ol class=\"timeline\">\(rows)</ol>"
    }

    static func autoDecision(_ view: CaseView) -> HTML {
        guard let decision = view.autoDecision else { return .empty }
        let marks = ["passed": "✔ 符合", "failed": "✘ 不符合", "missing": "？ 缺少数据"]
        let rows: [HTML] = decision.outcomes.map { outcome in
            "<li class=\"rule-\(outcome.status.rawValue)\"><strong>\(marks[outcome.status.rawValue] ?? "")</strong> \(outcome.description)<br><span class=\"hint\">\(outcome.explanation)</span></li>"
        }
        let verdict = ["approve": "系统自动批准", "reject": "系统核验不符合条件", "refer": "转人工审核"][decision.verdict.rawValue] ?? ""
        let heading = view.channel == CaseService.proactiveChannel ? "免申即享：办理依据" : "智能审批：\(verdict)"
        return """
        <section class="card"><h2>\(heading)</h2>
          <p>\(decision.summary)。以下结果由系统根据共享数据自动核验：</p>
          <ul class="list">\(rows)</ul>
        </section>
        """
    }

    /// The certificates the case produced; `link` says where each leads for this reader, `revoke`
    /// adds the issuing department's form.
    static func certificates(_ view: CaseView, link: (CaseView.CertificateView) -> String?, revoke: (CaseView.CertificateView) -> HTML) -> HTML {
        guard !view.certificates.isEmpty else { return .empty }
        let rows: [HTML] = view.certificates.map { c in
            let name: HTML = link(c).map { "<a href=\"\($0)\">\(c.kind)</a>" } ?? "\(c.kind)"
            return "<li><strong>\(name)</strong> \(c.revoked ? "<span class=\"state state-refused\">已撤销</span>" as HTML : .empty)<br><span class=\"muted\">\(c.issuerName) · \(c.number)</span>\(revoke(c))</li>"
        }
        return "<section class=\"card\"><h2>电子证照</h2><ul class=\"list\">\(rows)</ul></section>"
    }

    /// Everything about one case except the actions, which depend on who is looking.
    static func body(_ view: CaseView, actions: HTML) -> HTML {
        """
        <section class="card">
          <h1>\(view.title)</h1>
          \(facts(view))
        </section>
        \(actions)
        \(autoDecision(view))
        <section class="card"><h2>各部门办理进度</h2>\(tasks(view))</section>
        <section class="card"><h2>申请材料</h2>\(materials(view))</section>
        <section class="card"><h2>办理过程</h2>\(timeline(view))</section>
        """
    }
}

extension String {
    /// The text between the first `start` and the next `end`, if both are there.
    func between(_ start: String, _ end: String) -> String? {
        guard let from = range(of: start)?.upperBound, let to = self[from...].range(of: end)?.lowerBound, from < to else { return nil }
        return String(self[from..<to])
    }
}
