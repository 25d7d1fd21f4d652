extension OpenAPIDocument {
    static let securityOperations: [Operation] = {
        let id: [String: Any] = ["name": "id", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]
        let code: [String: Any] = ["name": "code", "in": "path", "required": true, "schema": ["type": "string"]]
        let token: [String: Any] = ["name": "X-Device-Token", "in": "header", "required": true, "schema": ["type": "string"]]
        let staff = ["401": "未登录", "403": "不是该社区的工作人员、网格员或物业"]
        let resident = ["401": "未登录", "403": "不是居民本人或人口库中没有社区登记"]
        let at: [String: Any] = ["type": "string", "format": "date-time"]
        return [
            Operation(method: "post", path: "/api/v1/access-requests", summary: "门禁请求开门（请求头 X-Device-Token）：门禁卡、访客通行证或人脸识别到的居民；每次请求都记入出入记录",
                      tag: "community", parameters: [token],
                      body: object(["method": ["type": "string", "enum": ["card", "visitor_pass", "recognized"]], "cardNumber": string, "passCode": string,
                                    "residentId": ["type": "string", "format": "uuid"], "at": at], required: ["method"]),
                      responses: ["200": "是否开门及原因", "400": "格式错误", "401": "设备令牌无效或设备已停用", "422": "内容有误或设备时钟偏差超过5分钟"]),
            Operation(method: "post", path: "/api/v1/security-alarms", summary: "门禁或摄像头告警（请求头 X-Device-Token）：强行开门、可疑徘徊、消防通道占用", tag: "community",
                      parameters: [token],
                      body: object(["kind": ["type": "string", "enum": ["forced_door", "loitering", "fire_passage_blocked"]], "at": at], required: ["kind"]),
                      responses: ["202": "已接收", "400": "格式错误", "401": "设备令牌无效或设备已停用", "422": "告警类型有误"]),
            Operation(method: "get", path: "/api/v1/communities/{code}/security-devices", summary: "社区的门禁和摄像头", tag: "community", secured: true,
                      parameters: [code], responses: ["200": "成功"].merging(staff) { a, _ in a }, returnsList: true),
            Operation(method: "post", path: "/api/v1/communities/{code}/security-devices", summary: "登记门禁或摄像头，返回只显示一次的设备令牌（社区工作人员）",
                      tag: "community", secured: true, parameters: [code],
                      body: object(["kind": ["type": "string", "enum": ["door", "camera"]], "label": string], required: ["kind", "label"]),
                      responses: ["201": "已登记", "400": "格式错误", "422": "内容有误"].merging(staff) { a, _ in a }),
            Operation(method: "post", path: "/api/v1/communities/{code}/resident-cards", summary: "为本社区居民登记门禁卡（社区工作人员）", tag: "community",
                      secured: true, parameters: [code],
                      body: object(["residentIdNumber": string, "cardNumber": string], required: ["residentIdNumber", "cardNumber"]),
                      responses: ["201": "已登记", "400": "格式错误", "409": "卡号已登记", "422": "内容有误或居民不在本社区"].merging(staff) { a, _ in a }),
            Operation(method: "post", path: "/api/v1/communities/{code}/resident-cards/{id}/revoke", summary: "注销门禁卡", tag: "community", secured: true,
                      parameters: [code, id], responses: ["200": "成功", "404": "没有这张卡"].merging(staff) { a, _ in a }),
            Operation(method: "get", path: "/api/v1/communities/{code}/access-events", summary: "某日出入记录（含拒绝），新的在前", tag: "community", secured: true,
                      parameters: [code, ["name": "day", "in": "query", "required": false, "schema": ["type": "string", "format": "date"]]],
                      responses: ["200": "成功", "422": "日期格式有误"].merging(staff) { a, _ in a }, returnsList: true),
            Operation(method: "get", path: "/api/v1/communities/{code}/security-alarms", summary: "近7天安防告警，未处理的在前", tag: "community", secured: true,
                      parameters: [code], responses: ["200": "成功"].merging(staff) { a, _ in a }, returnsList: true),
            Operation(method: "post", path: "/api/v1/communities/{code}/security-alarms/{id}/close", summary: "处理完毕，填写处理结果", tag: "community", secured: true,
                      parameters: [code, id], body: object(["outcome": string], required: ["outcome"]),
                      responses: ["200": "成功", "400": "格式错误", "404": "没有这条告警", "409": "已处理完毕", "422": "未填写处理结果"].merging(staff) { a, _ in a }),
            Operation(method: "get", path: "/api/v1/me/visitor-passes", summary: "我办理的访客通行证", tag: "community", secured: true,
                      responses: ["200": "成功", "401": "未登录"], returnsList: true),
            Operation(method: "post", path: "/api/v1/me/visitor-passes", summary: "为访客办理通行证（本人所在社区，最长24小时，7天内）", tag: "community", secured: true,
                      body: object(["visitorName": string, "from": at, "until": at], required: ["visitorName", "from", "until"]),
                      responses: ["201": "已办理", "400": "格式错误", "422": "时间或姓名有误"].merging(resident) { a, _ in a }),
            Operation(method: "post", path: "/api/v1/me/visitor-passes/{id}/revoke", summary: "取消通行证（门禁随即拒绝）", tag: "community", secured: true,
                      parameters: [id], responses: ["200": "成功", "401": "未登录", "404": "没有这张通行证"]),
        ]
    }()
}
