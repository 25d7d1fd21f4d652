import TongbanCore

extension OpenAPIDocument {
    static let reviewOperations: [Operation] = [
        Operation(method: "post", path: "/api/v1/counter-visits", summary: "窗口服务记录：窗口人员登记已办完的窗口服务，并邀请办事人评价（站内消息和短信）",
                  tag: "reviews", secured: true,
                  body: object([
                      "visitorIdNumber": string, "visitorName": string, "visitorPhone": string, "item": string, "window": string, "district": string,
                  ], required: ["visitorIdNumber", "item"]),
                  responses: ["201": "已登记", "400": "格式错误", "401": "未登录", "403": "仅窗口人员", "422": "内容有误"]),
        Operation(method: "post", path: "/api/v1/reviews", summary: "好差评：评价办结的办件、已答复的12345诉求或窗口服务（一事一评，5天内可修改；整改答复后可再评一次）",
                  tag: "reviews", secured: true,
                  body: object([
                      "subject": ["type": "string", "enum": ["case", "ticket", "visit"]], "id": string,
                      "level": ["type": "integer", "minimum": 1, "maximum": 5],
                      "tags": ["type": "array", "items": ["type": "string", "enum": ReviewTag.all]],
                      "comment": ["type": "string", "maxLength": 500], "department": string,
                  ], required: ["subject", "id", "level"]),
                  responses: ["200": "已修改", "201": "已评价", "400": "格式错误", "401": "未登录", "404": "服务不存在", "409": "尚未办结或已过修改期", "422": "内容有误"]),
        Operation(method: "get", path: "/api/v1/reviews", summary: "我的评价（含整改答复）", tag: "reviews", secured: true,
                  responses: ["200": "成功", "401": "未登录"], returnsList: true),
        Operation(method: "get", path: "/api/v1/reviews/statistics", summary: "好差评公示：各部门、各事项的评价分布、好评率、整改按时率和脱敏后的评价内容", tag: "reviews",
                  responses: ["200": "成功"]),
        Operation(method: "get", path: "/api/v1/rectifications", summary: "差评整改：本部门的整改（督办员、领导看全部，含超期）", tag: "reviews", secured: true,
                  responses: ["200": "成功", "401": "未登录", "403": "无权限"], returnsList: true),
        Operation(method: "post", path: "/api/v1/rectifications/{id}/reply", summary: "答复整改情况（本部门工作人员），评价人会收到通知", tag: "reviews", secured: true,
                  parameters: [pathParam("id")], body: object(["reply": ["type": "string", "minLength": 5, "maxLength": 2000]], required: ["reply"]),
                  responses: ["200": "成功", "400": "格式错误", "401": "未登录", "403": "无权限", "404": "整改不存在", "409": "已答复", "422": "内容有误"]),
    ]
}
