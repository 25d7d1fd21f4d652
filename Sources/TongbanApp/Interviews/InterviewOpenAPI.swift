extension OpenAPIDocument {
    private static let interviewID = ["name": "id", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]] as [String: Any]
    private static let questionID = ["name": "question", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]] as [String: Any]
    private static let localTime: [String: Any] = ["type": "string", "description": "北京时间，如 2026-12-01T09:30", "example": "2026-12-01T09:30"]

    static let interviewOperations: [Operation] = [
        Operation(method: "get", path: "/api/v1/interviews", summary: "在线访谈列表（预告、直播中、已结束）", tag: "interviews", returnsList: true),
        Operation(method: "post", path: "/api/v1/interviews", summary: "发布在线访谈（本部门工作人员或管理员），发布后即可提问", tag: "interviews", secured: true,
                  body: object([
                      "department": string, "title": ["type": "string", "minLength": 4, "maxLength": InterviewService.maxTitle],
                      "guest": ["type": "string", "minLength": 2, "maxLength": InterviewService.maxGuest],
                      "summary": ["type": "string", "maxLength": InterviewService.maxSummary], "startsAt": localTime, "endsAt": localTime,
                  ], required: ["department", "title", "guest", "startsAt", "endsAt"]),
                  responses: ["201": "已发布", "400": "格式错误", "401": "未登录", "403": "不是该部门的工作人员", "422": "内容有误"]),
        Operation(method: "get", path: "/api/v1/interviews/{id}", summary: "访谈详情：实录、即将回答的问题、我的提问（主持人另见全部问题）", tag: "interviews",
                  parameters: [interviewID], responses: ["200": "成功", "404": "没有这场访谈"]),
        Operation(method: "post", path: "/api/v1/interviews/{id}/start", summary: "开始直播（预告 → 直播中）", tag: "interviews", secured: true,
                  parameters: [interviewID], responses: ["200": "成功", "401": "未登录", "403": "不是该部门的工作人员", "404": "没有这场访谈", "409": "不在预告状态"]),
        Operation(method: "post", path: "/api/v1/interviews/{id}/end", summary: "结束访谈：未回答的问题转为12345咨询工单（返回工单号）", tag: "interviews", secured: true,
                  parameters: [interviewID], responses: ["200": "成功", "401": "未登录", "403": "不是该部门的工作人员", "404": "没有这场访谈", "409": "不在直播中"]),
        Operation(method: "post", path: "/api/v1/interviews/{id}/questions", summary: "市民提问（发布后至结束前）", tag: "interviews", secured: true,
                  parameters: [interviewID], body: object(["text": ["type": "string", "minLength": 5, "maxLength": InterviewService.maxQuestion]], required: ["text"]),
                  responses: ["201": "已提交，待审", "400": "格式错误", "401": "未登录", "403": "不是市民账户", "404": "没有这场访谈", "409": "访谈已结束", "422": "内容有误或提问过多"]),
        Operation(method: "post", path: "/api/v1/interviews/{id}/questions/{question}/decision", summary: "选题：选用、不选用，或调整已选问题的顺序", tag: "interviews", secured: true,
                  parameters: [interviewID, questionID],
                  body: object(["decision": ["type": "string", "enum": ["select", "reject", "move"]], "position": ["type": "integer", "minimum": 1]], required: ["decision"]),
                  responses: ["200": "成功", "400": "格式错误", "401": "未登录", "403": "不是该部门的工作人员", "404": "没有这个问题", "409": "已回答或访谈已结束", "422": "内容有误"]),
        Operation(method: "post", path: "/api/v1/interviews/{id}/questions/{question}/answer", summary: "发布回答（直播中，已选用的问题），所有打开的页面一秒内显示", tag: "interviews", secured: true,
                  parameters: [interviewID, questionID], body: object(["answer": ["type": "string", "minLength": 2, "maxLength": InterviewService.maxAnswer]], required: ["answer"]),
                  responses: ["200": "成功", "400": "格式错误", "401": "未登录", "403": "不是该部门的工作人员", "404": "没有这个问题", "409": "不在直播中、未选用或已回答", "422": "内容有误"]),
    ]
}
