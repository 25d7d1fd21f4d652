import Vapor

/// The public pages of the catalogue: home, search, guides, departments, themes, life events.
struct CatalogPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
        routes.get("search", use: search)
        routes.get("services", ":code", use: guide)
        routes.get("departments", use: departments)
        routes.get("departments", ":code", use: department)
        routes.get("themes", ":code", use: theme)
        routes.get("life-events", ":code", use: lifeEvent)
        routes.get("offline", use: offline)
    }

    static func searchBox(_ query: String = "") -> HTML {
        """
        <form class="search" method="get" action="\(SiteURL.search)" role="search">
          <input type="search" name="q" value="\(query)" placeholder="搜索事项，如：公积金、身份证、开公司" aria-label="搜索事项" maxlength="200">
          <button type="submit">搜索</button>
        </form>
        """
    }

    @Sendable func home(_ request: Request) -> Response {
        let snapshot = request.catalog.snapshot
        let hot: [HTML] = snapshot.hotItems.map { item in
            "<li><a href=\"\(SiteURL.service(item.code))\"><strong>\(item.name)</strong><span class=\"muted\">\(item.departmentName)</span></a></li>"
        }
        let themes: [HTML] = snapshot.themes.filter { $0.itemCount > 0 }.map { "<li><a href=\"\(SiteURL.theme($0.code))\">\($0.name)</a></li>" }
        let events: [HTML] = snapshot.lifeEvents.map { event in
            "<li><a href=\"\(SiteURL.lifeEvent(event.code))\"><strong>\(event.name)</strong><span class=\"muted\">\(event.summary)</span></a></li>"
        }
        let departments: [HTML] = snapshot.departments.filter { $0.itemCount > 0 }.map {
            "<li><a href=\"\(SiteURL.department($0.code))\">\($0.shortName)（\($0.itemCount)）</a></li>"
        }
        return Layout.page(request, title: "首页", """
        <section class="card hero">
          <h1>办事不求人，一网全通办</h1>
          \(Self.searchBox())
          <ul class="chips" aria-label="大家都在搜">
            <li><a href="\(SiteURL.search("公积金"))">公积金</a></li><li><a href="\(SiteURL.search("身份证"))">身份证</a></li>
            <li><a href="\(SiteURL.search("开公司"))">开公司</a></li><li><a href="\(SiteURL.search("二手房过户"))">二手房过户</a></li>
            <li><a href="\(SiteURL.search("生孩子"))">生孩子</a></li>
          </ul>
        </section>
        <section class="card"><h2>高频事项</h2><ul class="grid">\(hot)</ul></section>
        <section class="card"><h2>一件事一次办</h2><ul class="grid">\(events)</ul></section>
        <section class="card"><h2>按主题</h2><ul class="chips">\(themes)</ul></section>
        <section class="card"><h2>政民互动</h2><ul class="chips"><li><a href="\(ConsultationURL.list)">意见征集</a></li><li><a href="\(ConsultationURL.openDays)">政府开放日</a></li><li><a href="\(InterviewURL.list)">在线访谈</a></li></ul></section>
        <section class="card secondary-info"><h2>按部门</h2><ul class="chips">\(departments)</ul>
          <p><a href="\(SiteURL.departments)">全部部门 →</a></p></section>
        """)
    }

    @Sendable func search(_ request: Request) -> Response {
        let query = String((request.query[String.self, at: "q"] ?? "").prefix(200))
        let results = query.trimmed.isEmpty ? [] : request.catalog.search(query, limit: 30)
        let rows: [HTML] = results.map { result in
            switch result {
            case .item(let item, _):
                """
                <li><a href="\(SiteURL.service(item.code))"><strong>\(item.name)</strong></a><br>
                <span class="tag">\(item.departmentName)</span>\(Self.depthTag(item.onlineDepth))\(item.hot ? "<span class=\"tag hot\">高频</span>" as HTML : .empty)
                <span class="muted">\(LimitText.promised(item.promisedLimitDays))</span></li>
                """
            case .lifeEvent(let event, _):
                """
                <li><a href="\(SiteURL.lifeEvent(event.code))"><strong>\(event.name)</strong></a> <span class="tag hot">一件事</span><br>
                <span class="muted">\(event.summary)</span></li>
                """
            }
        }
        let body: HTML
        if query.trimmed.isEmpty {
            body = "<p class=\"muted\">请输入想办的事，如“公积金提取”“换身份证”“开公司”。</p>"
        } else if rows.isEmpty {
            body = "<p>没有找到与“\(query)”相关的事项。可以换个说法，或拨打 <a href=\"tel:12345\">12345</a> 咨询。</p>"
        } else {
            body = "<p class=\"muted\">找到 \(rows.count) 个相关结果</p><ul class=\"list\">\(rows)</ul>"
        }
        return Layout.page(request, title: query.isEmpty ? "搜索事项" : "搜索：\(query)", """
        <section class="card">\(Self.searchBox(query))</section>
        <section class="card">\(body)</section>
        """)
    }

    static func depthTag(_ depth: String) -> HTML {
        "<span class=\"tag\(depth == OnlineDepth.fullyOnline.rawValue ? " online" : "")\">\(depth)</span>"
    }

    @Sendable func guide(_ request: Request) throws -> Response {
        let item = try request.catalog.item(request.parameters.get("code") ?? "")
        return Layout.page(request, title: item.name, offlineCacheable: true, GuideView.render(item))
    }

    @Sendable func departments(_ request: Request) -> Response {
        let rows: [HTML] = request.catalog.snapshot.departments.map { d in
            "<li><a href=\"\(SiteURL.department(d.code))\"><strong>\(d.name)</strong><span class=\"muted\">\(d.itemCount) 个事项</span></a></li>"
        }
        return Layout.page(request, title: "部门服务", "<section class=\"card\"><h1>部门服务</h1><ul class=\"grid\">\(rows)</ul></section>")
    }

    @Sendable func department(_ request: Request) throws -> Response {
        let department = try request.catalog.department(request.parameters.get("code") ?? "")
        let items = request.catalog.snapshot.items(department: department.code)
        return Layout.page(request, title: department.name, """
        <section class="card">
          <h1>\(department.name)</h1>
          <dl class="facts">
            <dt>咨询电话</dt><dd>\(department.phone ?? "12345")</dd>
            <dt>办公地址</dt><dd>\(department.address ?? "六安市政务服务中心")</dd>
            <dt>办公时间</dt><dd>\(department.hours ?? "工作日")</dd>
          </dl>
        </section>
        <section class="card"><h2>可办事项（\(items.count)）</h2>\(Self.itemList(items))</section>
        """)
    }

    @Sendable func theme(_ request: Request) throws -> Response {
        guard let theme = request.catalog.snapshot.theme(request.parameters.get("code") ?? "") else {
            throw AppError.notFound("主题", code: "catalog.theme_not_found")
        }
        let items = request.catalog.snapshot.items(theme: theme.code)
        return Layout.page(request, title: theme.name, "<section class=\"card\"><h1>\(theme.name)</h1>\(Self.itemList(items))</section>")
    }

    @Sendable func lifeEvent(_ request: Request) throws -> Response {
        let event = try request.catalog.lifeEvent(request.parameters.get("code") ?? "")
        let items = event.items.compactMap { request.catalog.snapshot.items[$0] }
        return Layout.page(request, title: event.name, offlineCacheable: true, """
        <section class="card">
          <h1>\(event.name) <span class="tag hot">一件事</span></h1>
          <p>\(event.summary)</p>
          <dl class="facts">
            <dt>服务对象</dt><dd>\(event.audience.joined(separator: "、"))</dd>
            <dt>承诺时限</dt><dd>\(LimitText.days(event.promisedLimitDays))</dd>
            <dt>涉及部门</dt><dd>\(Set(items.map(\.departmentName)).sorted().joined(separator: "、"))</dd>
          </dl>
          <p class="muted">一张表单、一套材料、一次提交，各部门同步办理。</p>
          <p><a class="button" href="/apply?event=\(event.code)">在线办理</a></p>
        </section>
        <section class="card"><h2>包含事项（\(items.count)）</h2>\(Self.itemList(items))</section>
        """)
    }

    @Sendable func offline(_ request: Request) -> Response {
        Layout.page(request, title: "离线", """
        <section class="card"><h1>当前没有网络</h1><p>您之前看过的办事指南仍可离线查看。恢复网络后即可搜索和办理。</p></section>
        """)
    }

    static func itemList(_ items: [ServiceItemRecord]) -> HTML {
        guard !items.isEmpty else { return "<p class=\"muted\">暂无事项</p>" }
        let rows: [HTML] = items.map { item in
            "<li><a href=\"\(SiteURL.service(item.code))\">\(item.name)</a> \(depthTag(item.onlineDepth)) <span class=\"muted\">\(item.departmentName)</span></li>"
        }
        return "<ul class=\"list\">\(rows)</ul>"
    }
}
