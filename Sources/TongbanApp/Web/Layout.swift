import Foundation
import Vapor

/// The page shell every HTML page uses: header with the elder-mode switch and sign-in state,
/// navigation, footer. Pages pass only their title and main content.
enum Layout {
    static func page(_ request: Request, title: String, status: HTTPResponseStatus = .ok, offlineCacheable: Bool = false, _ main: HTML) -> Response {
        let web = request.web
        let account: HTML = if let principal = web.principal {
            """
            <a href="\(principal.isStaff ? SiteURL.workbench : SiteURL.me)">\(principal.realName)</a>
            <form method="post" action="\(SiteURL.logout)" class="inline">\(csrfField(request))<button type="submit" class="link">退出</button></form>
            """
        } else {
            "<a href=\"\(SiteURL.login)\">登录</a> <a href=\"\(SiteURL.register)\">注册</a>"
        }
        // On a kiosk the terminal is always in elder mode, and signing in and out goes through its own pages (the bar).
        let home = web.kiosk ? (web.principal == nil ? KioskPages.path : KioskPages.home) : SiteURL.home
        let controls: HTML = web.kiosk ? .empty : """
            \(account)
            <form method="post" action="\(SiteURL.elderMode)" class="inline elder-switch">
              \(csrfField(request))
              <input type="hidden" name="on" value="\(web.elderMode ? "0" : "1")">
              <input type="hidden" name="back" value="\(request.url.string)">
              <button type="submit" aria-pressed="\(web.elderMode ? "true" : "false")">\(web.elderMode ? "标准版" : "长辈版")</button>
            </form>
            """
        let html: HTML = """
        <!doctype html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) - 六安通办</title>
        <link rel="stylesheet" href="/static/app.css">
        <link rel="manifest" href="/manifest.webmanifest">
        <link rel="icon" href="/static/icon.svg" type="image/svg+xml">
        <link rel="apple-touch-icon" href="/static/icon-192.png">
        <meta name="theme-color" content="#b71c1c">
        \(web.kiosk ? KioskPages.idleRefresh(signedIn: web.principal != nil) : .empty)
        <script src="/static/app.js" defer></script>
        </head>
        <body class="\(web.elderMode || web.kiosk ? "elder" : "standard")\(web.kiosk ? " kiosk" : "")">
        <a class="skip" href="#main">跳到正文</a>
        <header class="top">
          <a class="brand" href="\(home)"><img src="/static/icon.svg" alt="" width="32" height="32"> 六安通办<small>一网通办 · 六安市政务服务平台</small></a>
          <nav class="account">\(controls)</nav>
        </header>
        \(web.kiosk ? KioskPages.bar(request) : .empty)
        <nav class="main-nav" aria-label="主导航">
          <a href="\(home)">首页</a>
          <a href="\(SiteURL.departments)">部门服务</a>
          <a href="\(SiteURL.search)">搜索事项</a>
          <a href="\(AssistantPages.path)">智能客服</a>
          <a href="\(SiteURL.me)">我的</a>
        </nav>
        <main id="main">
        \(main)
        </main>
        <footer class="foot">
          \(request.url.path == AssistantPages.path ? HTML.empty : askBox)
          <p>六安市数据资源局 主办 · 政务服务便民热线 <a href="tel:12345">12345</a></p>
          <p>时间均为北京时间；办理时限按工作日计算，已扣除法定节假日。</p>
        </footer>
        </body>
        </html>
        """
        var headers = HTTPHeaders([("Content-Type", "text/html; charset=utf-8")])
        // Guides may be kept by the service worker for offline reading; personal pages never.
        headers.replaceOrAdd(name: .cacheControl, value: offlineCacheable && web.principal == nil ? "public, max-age=60" : "no-store")
        return Response(status: status, headers: headers, body: .init(string: html.raw))
    }

    /// 智能客服 from every page: a plain GET form, so it needs neither JavaScript nor a session.
    static let askBox: HTML = """
    <form class="ask" method="get" action="\(AssistantPages.path)" role="search">
      <label for="ask-q">有问题？问智能客服</label>
      <input id="ask-q" name="q" maxlength="300" placeholder="例如：社保卡丢了怎么办">
      <button type="submit">提问</button>
    </form>
    """

    static func csrfField(_ request: Request) -> HTML {
        "<input type=\"hidden\" name=\"_csrf\" value=\"\(request.web.csrfToken)\">"
    }
}

enum ErrorPage {
    static func render(_ error: AppError, request: Request) -> Response {
        let details: [HTML] = error.details.sorted { $0.key < $1.key }.map { "<li>\($0.value)</li>" }
        return Layout.page(request, title: "出错了", status: error.status, """
        <section class="card error">
          <h1>\(error.message)</h1>
          \(details.isEmpty ? HTML.empty : "<ul>\(details)</ul>")
          <p class="muted">错误代码：\(error.code)</p>
          <p><a class="button" href="\(SiteURL.home)">返回首页</a> 或拨打 <a href="tel:12345">12345</a> 咨询</p>
        </section>
        """)
    }
}
