import TongbanCore

extension OpenAPIDocument {
    static let ticketNumber = pathParam("number")
    static let ticketInput = object([
        "type": ["type": "string", "enum": TicketType.allCases.map(\.rawValue) + TicketType.allCases.map(\.title)],
        "title": ["type": "string", "minLength": 2, "maxLength": 100],
        "body": ["type": "string", "minLength": 5, "maxLength": 5000],
        "district": string, "address": string, "latitude": ["type": "number"], "longitude": ["type": "number"],
        "contactName": string, "contactPhone": string, "anonymous": ["type": "boolean"],
        "channel": ["type": "string", "enum": TicketChannel.allCases.map(\.rawValue)], "mailboxDepartment": string, "answer": string,
    ], required: ["type", "title", "body"])
    static let ticketErrors = ["200": "成功", "400": "格式错误", "401": "未登录", "403": "无权限", "404": "工单不存在", "409": "状态不允许", "422": "内容有误"]

    static let hotlineOperations: [Operation] = [
        Operation(method: "post", path: "/api/v1/tickets", summary: "提交12345诉求（市民本人，或话务员登记来电/来信）", tag: "hotline", secured: true,
                  body: ticketInput, responses: ["201": "已登记", "400": "格式错误", "401": "未登录", "403": "无权限", "422": "内容有误"]),
        Operation(method: "get", path: "/api/v1/tickets", summary: "我的诉求", tag: "hotline", secured: true, responses: ["200": "成功", "401": "未登录"], returnsList: true),
        Operation(method: "get", path: "/api/v1/tickets/lookup", summary: "凭工单号和查询码查看办理进度（无需登录）", tag: "hotline",
                  parameters: [queryParam("number"), queryParam("code")], responses: ["200": "成功", "400": "缺少参数", "404": "工单不存在或查询码不对"]),
        Operation(method: "get", path: "/api/v1/tickets/{number}", summary: "工单详情（按身份脱敏）", tag: "hotline", secured: true,
                  parameters: [ticketNumber], responses: ["200": "成功", "401": "未登录", "404": "工单不存在"]),
        Operation(method: "post", path: "/api/v1/tickets/{number}/dispatch", summary: "人工派单（派单员），纠正会用于训练", tag: "hotline", secured: true,
                  parameters: [ticketNumber], body: object(["department": string], required: ["department"]), responses: ticketErrors),
        Operation(method: "post", path: "/api/v1/tickets/{number}/reassign", summary: "改派（督办员、派单员）", tag: "hotline", secured: true,
                  parameters: [ticketNumber], body: object(["department": string, "reason": string], required: ["department"]), responses: ticketErrors),
        Operation(method: "post", path: "/api/v1/tickets/{number}/sign", summary: "签收（承办部门）", tag: "hotline", secured: true,
                  parameters: [ticketNumber], responses: ticketErrors),
        Operation(method: "post", path: "/api/v1/tickets/{number}/return", summary: "退单（派单后1个工作日内，须说明理由）", tag: "hotline", secured: true,
                  parameters: [ticketNumber], body: object(["reason": string], required: ["reason"]), responses: ticketErrors),
        Operation(method: "post", path: "/api/v1/tickets/{number}/reply", summary: "办结答复（短信告知来电人）", tag: "hotline", secured: true,
                  parameters: [ticketNumber], body: object(["reply": string], required: ["reply"]), responses: ticketErrors),
        Operation(method: "post", path: "/api/v1/tickets/{number}/extension", summary: "申请延期", tag: "hotline", secured: true,
                  parameters: [ticketNumber], body: object(["days": ["type": "integer", "minimum": 1, "maximum": 30], "reason": string], required: ["days", "reason"]),
                  responses: ticketErrors),
        Operation(method: "post", path: "/api/v1/tickets/{number}/extension/decision", summary: "审核延期（督办员）", tag: "hotline", secured: true,
                  parameters: [ticketNumber], body: object(["approve": ["type": "boolean"], "note": string], required: ["approve"]), responses: ticketErrors),
        Operation(method: "post", path: "/api/v1/tickets/{number}/urge", summary: "督办（督办员）", tag: "hotline", secured: true,
                  parameters: [ticketNumber], body: object(["message": string], required: []), responses: ticketErrors),
        Operation(method: "post", path: "/api/v1/tickets/{number}/merge", summary: "合并到同一事项的工单", tag: "hotline", secured: true,
                  parameters: [ticketNumber], body: object(["parent": string], required: ["parent"]), responses: ticketErrors),
        Operation(method: "post", path: "/api/v1/tickets/{number}/callback", summary: "回访评价（来电人凭查询码，或回访员）", tag: "hotline",
                  parameters: [ticketNumber], body: object(["satisfaction": ["type": "string", "enum": ["满意", "基本满意", "不满意"]], "comment": string, "code": string],
                                                           required: ["satisfaction"]), responses: ticketErrors),
        Operation(method: "get", path: "/api/v1/hotline/dispatch-queue", summary: "待派单队列（附智能派单前三建议）", tag: "hotline", secured: true,
                  responses: ["200": "成功", "401": "未登录", "403": "无权限"], returnsList: true),
        Operation(method: "get", path: "/api/v1/hotline/department-queue", summary: "部门工单队列（按时限排序）", tag: "hotline", secured: true,
                  parameters: [queryParam("department")], responses: ["200": "成功", "401": "未登录", "403": "无权限"], returnsList: true),
        Operation(method: "get", path: "/api/v1/hotline/supervision", summary: "督办：超期、预警与延期申请", tag: "hotline", secured: true,
                  responses: ["200": "成功", "401": "未登录", "403": "无权限"]),
        Operation(method: "post", path: "/api/v1/hotline/caller-history", summary: "来电人历史工单（话务员）", tag: "hotline", secured: true,
                  body: object(["phone": string], required: ["phone"]), responses: ["200": "成功", "401": "未登录", "403": "无权限", "422": "号码有误"], returnsList: true),
        Operation(method: "post", path: "/api/v1/hotline/suggest", summary: "智能派单建议（话务员边听边看）", tag: "hotline", secured: true,
                  body: object(["title": string, "body": string], required: []), responses: ["200": "成功", "401": "未登录", "403": "无权限"]),
        Operation(method: "get", path: "/api/v1/hotline/kpis", summary: "热线考核指标：按时办结率、满意率、平均办结工作日、一次办结率、重复诉求率、退单率、接通率", tag: "hotline",
                  secured: true, parameters: [queryParam("from", ["type": "string", "format": "date"]), queryParam("to", ["type": "string", "format": "date"])],
                  responses: ["200": "成功", "401": "未登录", "403": "无权限", "422": "日期有误"]),
    ]
}
