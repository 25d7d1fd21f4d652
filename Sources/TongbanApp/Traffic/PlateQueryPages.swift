import Vapor

/// 他人车辆违法查询 in the browser: no account needed, the same rules as the API (`PlateQuery`).
struct PlateQueryPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("traffic", "query", use: form)
        routes.post("traffic", "query", use: query)
    }

    @Sendable func form(_ request: Request) async throws -> Response {
        render(request, input: PlateQueryInput(), errors: [:], found: nil)
    }

    @Sendable func query(_ request: Request) async throws -> Response {
        let input = try request.content.decode(PlateQueryInput.self)
        do {
            return render(request, input: input, errors: [:], found: try await request.plateQuery.run(input, client: request.clientAddress))
        } catch let error as AppError where [.unprocessableEntity, .notFound, .tooManyRequests].contains(error.status) {
            return render(request, input: input, errors: error.details.isEmpty ? ["form": error.message] : error.details, found: nil, status: error.status)
        }
    }

    private func render(_ request: Request, input: PlateQueryInput, errors: [String: String], found: PlateQueryView?,
                        status: HTTPResponseStatus = .ok) -> Response {
        let results: HTML = found.map { found in
            let rows: [HTML] = found.violations.map { violation in
                "<li><strong>\(violation.offence)</strong><br>\(TimeText.minute(violation.occurredAt)) · \(violation.place)<br>罚款 ¥\(violation.fine) · 记 \(violation.points) 分 · \(violation.handled ? "已处理" : "未处理")</li>"
            }
            return """
            <section class="card" aria-live="polite"><h2>\(found.plate) · \(found.plateType) · \(found.vehicleType)</h2>
              \(rows.isEmpty ? "<p>这辆车没有交通违法记录。</p>" as HTML : "<ul class=\"list\">\(rows)</ul>")
            </section>
            """
        } ?? .empty
        return Layout.page(request, title: "他人车辆违法查询", status: status, """
        <section class="card"><h1>他人车辆违法查询</h1>
          <p class="muted">购买二手车、替家人或单位查询时使用：须同时填写号牌号码和车架号（行驶证上的车辆识别代号）最后六位。只显示违法记录，不显示车主信息；查询会记入车主的数据使用记录。</p>
          \(errors["form"].map { "<p class=\"alert\" role=\"alert\">\($0)</p>" as HTML } ?? .empty)
          <form class="stacked" method="post" action="\(TrafficURL.query)">
            \(Layout.csrfField(request))
            \(IdentityPages.field("plate", "号牌号码", value: input.plate ?? "", hint: "例如 皖N·A8K62", error: errors["plate"], attributes: "required maxlength=\"10\""))
            \(IdentityPages.field("vinSuffix", "车架号后六位", value: input.vinSuffix ?? "", error: errors["vinSuffix"],
                                  attributes: "required maxlength=\"6\" autocomplete=\"off\" autocapitalize=\"characters\""))
            <p><button type="submit">查询</button></p>
          </form>
        </section>
        \(results)
        """)
    }
}
