extension OpenAPIDocument {
    static let assistantOperations: [Operation] = [
        Operation(method: "get", path: "/api/v1/me/recommendations", summary: "为您推荐：按年龄到期的事项、已开始的一件事的下一步、通常接着办理的事项、本区县热门，各附理由",
                  tag: "assistant", secured: true, responses: ["200": "成功", "401": "未登录"], returnsList: true),
        Operation(method: "post", path: "/api/v1/assistant", summary: "智能客服：回答办事问题，注明并链接所依据的事项；带上一次回答的 context 可追问",
                  tag: "assistant",
                  body: object(["message": ["type": "string", "minLength": 1, "maxLength": 300], "context": ["type": "string"]], required: ["message"]),
                  responses: ["200": "成功", "400": "格式错误", "422": "问题为空或过长"]),
        Operation(method: "post", path: "/api/v1/assistant/handoff", summary: "转人工：以咨询工单转 12345，附对话记录（需登录的市民）",
                  tag: "assistant", secured: true,
                  body: object(["message": ["type": "string", "minLength": 2, "maxLength": 300],
                                "transcript": ["type": "array", "items": ["type": "string"]]], required: ["message"]),
                  responses: ["201": "已转人工", "400": "格式错误", "401": "未登录", "403": "工作人员不能转人工", "422": "内容有误"]),
        Operation(method: "get", path: "/api/v1/admin/assistant/misses", summary: "智能客服没有把握回答的问题（同一问法合并计数）", tag: "assistant", secured: true,
                  responses: ["200": "成功", "401": "未登录", "403": "无权限"], returnsList: true),
        Operation(method: "get", path: "/api/v1/admin/assistant/faqs", summary: "常见问题列表", tag: "assistant", secured: true,
                  responses: ["200": "成功", "401": "未登录", "403": "无权限"], returnsList: true),
        Operation(method: "post", path: "/api/v1/admin/assistant/faqs", summary: "新增常见问题，立即生效", tag: "assistant", secured: true,
                  body: object(["questions": ["type": "string", "minLength": 1], "answer": ["type": "string", "minLength": 5, "maxLength": 1000],
                                "itemCode": ["type": "string"]], required: ["questions", "answer"]),
                  responses: ["201": "已保存", "400": "格式错误", "401": "未登录", "403": "无权限", "422": "内容有误"]),
    ]
}
