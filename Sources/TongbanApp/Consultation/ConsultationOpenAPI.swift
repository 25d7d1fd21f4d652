extension OpenAPIDocument {
    static let consultationOperations: [Operation] = {
        let id: [String: Any] = ["name": "id", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]
        let uuids: [String: Any] = ["type": "array", "items": ["type": "string", "format": "uuid"]]
        let time: [String: Any] = ["type": "string", "example": "2026-12-01T09:00"]
        let manage = ["401": "未登录", "403": "不是发布部门的工作人员", "404": "没有这次意见征集"]
        return [
            Operation(method: "get", path: "/api/v1/consultations", summary: "意见征集列表（公开），可按部门筛选", tag: "consultation",
                      parameters: [queryParam("department")], returnsList: true),
            Operation(method: "post", path: "/api/v1/consultations", summary: "发布征求意见稿（发布部门的工作人员）", tag: "consultation", secured: true,
                      body: object([
                          "department": string, "title": ["type": "string", "minLength": 4, "maxLength": 80],
                          "kind": ["type": "string", "enum": ConsultationService.kinds],
                          "summary": ["type": "string", "minLength": 10, "maxLength": 5000], "contact": ["type": "string", "minLength": 5, "maxLength": 200],
                          "opensAt": time, "closesAt": time,
                          "sections": ["type": "array", "items": object(["heading": string, "text": string], required: ["heading", "text"])],
                          "sectionsText": string,
                      ], required: ["department", "title", "kind", "summary", "contact", "closesAt"]),
                      responses: ["201": "已发布", "400": "格式错误", "401": "未登录", "403": "不是该部门的工作人员", "422": "内容有误"]),
            Operation(method: "get", path: "/api/v1/consultations/{id}", summary: "征求意见稿全文、征集期和阶段（公开）", tag: "consultation",
                      parameters: [id], responses: ["200": "成功", "404": "不存在"]),
            Operation(method: "get", path: "/api/v1/consultations/{id}/comments", summary: "已公开的意见（姓名脱敏），本人还能看到自己未公开的意见及理由；发布部门看到全部",
                      tag: "consultation", parameters: [id], responses: ["200": "成功", "404": "不存在"], returnsList: true),
            Operation(method: "post", path: "/api/v1/consultations/{id}/comments", summary: "发表意见（实名账户，征集期内；企业经办人可以企业名义）；含身份证号、手机号或不文明用语的不予公开并说明理由",
                      tag: "consultation", secured: true, parameters: [id],
                      body: object(["body": ["type": "string", "minLength": 5, "maxLength": ConsultationService.maxComment],
                                    "sectionId": ["type": "string", "format": "uuid"], "company": string], required: ["body"]),
                      responses: ["201": "已提交（status 为 published 或 rejected）", "400": "格式错误", "401": "未登录", "403": "不是实名账户",
                                  "404": "不存在", "409": "不在征集期内", "422": "内容有误"]),
            Operation(method: "post", path: "/api/v1/consultation-comments/{id}/support", summary: "附议（每人一次，不能附议自己的意见）", tag: "consultation",
                      secured: true, parameters: [id],
                      responses: ["200": "成功", "401": "未登录", "403": "不是实名账户", "404": "没有这条意见", "409": "已附议、自己的意见或不在征集期内"]),
            Operation(method: "post", path: "/api/v1/consultation-comments/{id}/reject", summary: "不予公开（发布部门），写明理由", tag: "consultation",
                      secured: true, parameters: [id], body: object(["reason": string], required: ["reason"]),
                      responses: ["200": "成功", "400": "格式错误", "409": "已不予公开或已答复", "422": "缺少理由"].merging(manage) { a, _ in a }),
            Operation(method: "post", path: "/api/v1/consultation-comments/{id}/approve", summary: "公开被自动检查拦下的意见（发布部门）", tag: "consultation",
                      secured: true, parameters: [id], responses: ["200": "成功", "409": "已公开或已答复"].merging(manage) { a, _ in a }),
            Operation(method: "get", path: "/api/v1/consultations/{id}/groups", summary: "待答复的意见，相似的自动归为一组（发布部门）", tag: "consultation",
                      secured: true, parameters: [id], responses: ["200": "成功"].merging(manage) { a, _ in a }, returnsList: true),
            Operation(method: "post", path: "/api/v1/consultations/{id}/answers", summary: "答复一条或一组意见：采纳、部分采纳或未采纳，并说明理由（截止后）",
                      tag: "consultation", secured: true, parameters: [id],
                      body: object(["commentIds": uuids, "verdict": ["type": "string", "enum": ConsultationAnswer.Verdict.allCases.map(\.rawValue)],
                                    "reason": ["type": "string", "minLength": 2, "maxLength": 1000]], required: ["commentIds", "verdict", "reason"]),
                      responses: ["201": "已答复", "400": "格式错误", "409": "未截止、已发布反馈或意见已答复", "422": "内容有误"].merging(manage) { a, _ in a }),
            Operation(method: "post", path: "/api/v1/consultations/{id}/report", summary: "发布意见采纳情况（全部意见答复后），通知参与的市民（站内消息和短信）",
                      tag: "consultation", secured: true, parameters: [id], body: object(["summary": string], required: []),
                      responses: ["200": "已发布", "400": "格式错误", "409": "未截止、已发布或还有意见未答复", "422": "内容有误"].merging(manage) { a, _ in a }),
            Operation(method: "get", path: "/api/v1/consultations/{id}/report", summary: "意见采纳情况：每条答复及其对应的意见（公开）", tag: "consultation",
                      parameters: [id], responses: ["200": "成功", "404": "不存在或尚未发布"]),
            Operation(method: "get", path: "/api/v1/open-days", summary: "近期的政府开放日（公开；登录后含本人的报名状态）。报名和取消用 /api/v1/community-events/{id}/signup 和 /cancel",
                      tag: "consultation", returnsList: true),
            Operation(method: "post", path: "/api/v1/open-days", summary: "发布政府开放日（举办部门的工作人员）", tag: "consultation", secured: true,
                      body: object(["department": string, "title": string, "description": string, "place": string, "startsAt": time, "endsAt": time,
                                    "capacity": ["type": "integer", "minimum": 1, "maximum": 10000]],
                                   required: ["department", "title", "place", "startsAt", "endsAt", "capacity"]),
                      responses: ["201": "已发布", "400": "格式错误", "401": "未登录", "403": "不是该部门的工作人员", "422": "内容有误"]),
        ]
    }()
}
