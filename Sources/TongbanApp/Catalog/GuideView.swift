import Foundation

/// The 办事指南 page body: everything a citizen needs before going (or not going) to a window.
enum GuideView {
    static func render(_ item: ServiceItemRecord) -> HTML {
        let guide = item.guide
        let materials: [HTML] = guide.materials.map { m in
            let replace: HTML = m.replaceableBy.map { "<span class=\"tag online\">\(replacementText($0))</span>" } ?? .empty
            return """
            <tr><td>\(m.name)\(m.required ? HTML.empty : " <span class=\"tag\">非必需</span>")<br>\(replace)\(m.note.map { "<span class=\"hint\">\($0)</span>" as HTML } ?? .empty)</td>
            <td>\(m.form)</td><td>\(m.copies) 份</td><td>\(m.source ?? "申请人自备")</td></tr>
            """
        }
        let places: [HTML] = guide.places.map { p in
            "<li><strong>\(p.name)</strong>\(p.window.map { " · \($0)" } ?? "")<br>地址：\(p.address)<br>时间：\(p.hours)</li>"
        }
        let visits: String = guide.visits == 0 ? "无需到现场" : "\(guide.visits) 次\(guide.visitReason.map { "（\($0)）" } ?? "")"
        return """
        <article class="card guide">
          <h1>\(item.name)</h1>
          <p>\(Self.depthTagText(item))\(item.crossRegion ? "<span class=\"tag online\">跨域通办</span>" as HTML : .empty) <span class="tag">\(item.type)</span> <span class="tag">\(guide.caseType)</span></p>
          <p>\(guide.summary)</p>
          <p><a class="button" href="/apply?item=\(item.code)">在线办理</a> <a class="button secondary" href="\(AppointmentURL.new(item: item.code))">预约到窗口办理</a></p>
          <dl class="facts">
            <dt>实施部门</dt><dd><a href="\(SiteURL.department(item.departmentCode))">\(item.departmentName)</a></dd>
            <dt>服务对象</dt><dd>\(item.audience.joined(separator: "、"))</dd>
            <dt>法定时限</dt><dd>\(LimitText.days(item.legalLimitDays))</dd>
            <dt>承诺时限</dt><dd>\(LimitText.days(item.promisedLimitDays))</dd>
            <dt>网办深度</dt><dd>\(item.onlineDepth)</dd>
            <dt>到现场次数</dt><dd>\(visits)</dd>
            <dt>收费</dt><dd>\(guide.fee.text)</dd>
            <dt>咨询电话</dt><dd>\(guide.consultPhone ?? "12345")</dd>
            <dt>监督投诉</dt><dd>\(guide.complaintPhone ?? "12345")</dd>
            \(guide.result.map { "<dt>办理结果</dt><dd>\($0)</dd>" as HTML } ?? .empty)
          </dl>
        </article>
        \(autoApproval(item))
        <section class="card"><h2>受理条件</h2><ol>\(guide.conditions.map { "<li>\($0)</li>" as HTML })</ol></section>
        <section class="card"><h2>申请材料</h2>
          <p class="hint">标有“免提交”的材料由部门通过数据共享或电子证照获取，无需您提供。</p>
          <div class="table-wrap"><table><thead><tr><th>材料名称</th><th>形式</th><th>份数</th><th>来源</th></tr></thead>
          <tbody>\(materials)</tbody></table></div></section>
        <section class="card"><h2>办理流程</h2><ol>\(guide.steps.map { "<li>\($0)</li>" as HTML })</ol></section>
        <section class="card"><h2>办理地点和时间</h2><ul class="list">\(places)</ul></section>
        <section class="card secondary-info"><h2>设定依据</h2><ul>\(guide.legalBasis.map { "<li>\($0)</li>" as HTML })</ul></section>
        """
    }

    static func autoApproval(_ item: ServiceItemRecord) -> HTML {
        guard let rules = item.guide.autoApproval else { return .empty }
        let rows: [HTML] = rules.rules.map { "<li>\($0.description)</li>" }
        return """
        <section class="card notice"><h2>智能审批（秒批）</h2>
          <p>提交后系统根据共享数据自动核验以下条件，全部符合的即时批准；有不符合或缺少数据的，转工作人员审核。</p>
          <ol>\(rows)</ol>
        </section>
        """
    }

    static func depthTagText(_ item: ServiceItemRecord) -> HTML { CatalogPages.depthTag(item.onlineDepth) }

    static func replacementText(_ source: String) -> String {
        let parts = source.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return "免提交" }
        let names = [
            "resident_id": "电子身份证", "business_license": "电子营业执照", "social_security_card": "电子社保卡",
            "household_register": "电子户口簿", "marriage": "婚姻登记信息", "birth_medical": "电子出生医学证明",
            "realestate": "不动产登记信息", "driver_license": "电子驾驶证", "disability": "电子残疾人证",
            "population": "人口库", "legal_entity": "法人库", "fund": "公积金数据", "social_insurance": "社保数据",
            "medical_insurance": "医保数据", "death": "死亡信息", "disability_cert": "残疾人证",
        ]
        let name = names[parts[1]] ?? parts[1]
        return parts[0] == "certificate" ? "免提交 · 可用\(name)" : "免提交 · 共享\(name)"
    }
}
