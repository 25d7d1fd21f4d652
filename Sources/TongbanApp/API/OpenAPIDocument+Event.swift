extension OpenAPIDocument {
    static let eventOperations: [Operation] = {
        let id: [String: Any] = ["name": "id", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]
        let code: [String: Any] = ["name": "code", "in": "path", "required": true, "schema": ["type": "string"]]
        let staffAnswers = ["401": "未登录", "403": "不是该社区的工作人员", "404": "没有这个活动"]
        return [
            Operation(method: "get", path: "/api/v1/me/community/events", summary: "本社区和面向所有人的近期活动，含本人的报名状态和候补位次", tag: "community",
                      secured: true, responses: ["200": "成功", "401": "未登录"], returnsList: true),
            Operation(method: "post", path: "/api/v1/community-events/{id}/signup", summary: "报名；名额已满时进入候补（已报名时返回当前状态）", tag: "community",
                      secured: true, parameters: [id], responses: ["200": "成功", "401": "未登录", "404": "没有这个活动或不是本社区的活动", "409": "活动已取消或已开始"]),
            Operation(method: "post", path: "/api/v1/community-events/{id}/cancel", summary: "取消报名；空出的名额自动给第一位候补并通知", tag: "community",
                      secured: true, parameters: [id], responses: ["200": "成功", "401": "未登录", "404": "没有报名"]),
            Operation(method: "get", path: "/api/v1/communities/{code}/events", summary: "社区的全部活动（社区工作人员、网格员、志愿者）", tag: "community",
                      secured: true, parameters: [code], responses: ["200": "成功", "401": "未登录", "403": "不是该社区的工作人员"], returnsList: true),
            Operation(method: "post", path: "/api/v1/communities/{code}/events", summary: "发布活动（社区工作人员）", tag: "community", secured: true,
                      parameters: [code],
                      body: object(["title": string, "kind": ["type": "string", "enum": EventService.kinds], "description": string, "place": string,
                                    "startsAt": ["type": "string", "example": "2026-12-01T09:00"], "endsAt": ["type": "string", "example": "2026-12-01T11:00"],
                                    "capacity": ["type": "integer", "minimum": 1, "maximum": 10000]],
                                   required: ["title", "kind", "place", "startsAt", "endsAt", "capacity"]),
                      responses: ["201": "已发布", "400": "格式错误", "401": "未登录", "403": "不是该社区的工作人员", "404": "没有这个社区", "422": "内容有误"]),
            Operation(method: "get", path: "/api/v1/communities/{code}/events/{id}/roster", summary: "报名名单：已报名在前，候补按先后", tag: "community",
                      secured: true, parameters: [code, id], responses: ["200": "成功"].merging(staffAnswers) { a, _ in a }, returnsList: true),
            Operation(method: "post", path: "/api/v1/communities/{code}/events/{id}/signups", summary: "代居民报名（记录本人同意方式）", tag: "community",
                      secured: true, parameters: [code, id],
                      body: object(["idNumber": string, "consent": string], required: ["idNumber", "consent"]),
                      responses: ["200": "成功", "400": "格式错误", "409": "活动已取消或已开始", "422": "身份证号或同意方式有误，或居民尚未注册"]
                          .merging(staffAnswers) { a, _ in a }),
            Operation(method: "post", path: "/api/v1/communities/{code}/events/{id}/attendance", summary: "登记签到：勾选到场的报名记录，其余记为未到", tag: "community",
                      secured: true, parameters: [code, id],
                      body: object(["attended": ["type": "array", "items": ["type": "string", "format": "uuid"]]], required: ["attended"]),
                      responses: ["200": "成功", "400": "格式错误", "409": "活动尚未开始"].merging(staffAnswers) { a, _ in a }, returnsList: true),
        ]
    }()
}
