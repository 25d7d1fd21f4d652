extension OpenAPIDocument {
    static let alarmOperations: [Operation] = {
        let id: [String: Any] = ["name": "id", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]
        let code: [String: Any] = ["name": "code", "in": "path", "required": true, "schema": ["type": "string"]]
        let staff = ["401": "未登录", "403": "不是该社区的工作人员或网格员"]
        return [
            Operation(method: "post", path: "/api/v1/device-events", summary: "设备上报（请求头 X-Device-Token 为设备令牌）：紧急按钮立即告警，用水、开门和心跳供离线与静默检测",
                      tag: "community",
                      parameters: [["name": "X-Device-Token", "in": "header", "required": true, "schema": ["type": "string"]]],
                      body: object(["kind": ["type": "string", "enum": ["water_usage", "door_opened", "button_pressed", "heartbeat"]],
                                    "value": ["type": "number", "minimum": 0], "at": ["type": "string", "format": "date-time"]], required: ["kind"]),
                      responses: ["202": "已接收", "400": "格式错误", "401": "设备令牌无效或设备已停用", "422": "上报内容有误"]),
            Operation(method: "get", path: "/api/v1/communities/{code}/devices", summary: "社区登记的智能设备", tag: "community", secured: true,
                      parameters: [code], responses: ["200": "成功"].merging(staff) { a, _ in a }, returnsList: true),
            Operation(method: "post", path: "/api/v1/communities/{code}/devices", summary: "登记设备，返回只显示一次的设备令牌（社区工作人员）", tag: "community",
                      secured: true, parameters: [code],
                      body: object(["kind": ["type": "string", "enum": ["water_meter", "door_sensor", "emergency_button"]], "label": string,
                                    "residentIdNumber": string, "familyName": string, "familyPhone": string],
                                   required: ["kind", "label", "residentIdNumber", "familyName", "familyPhone"]),
                      responses: ["201": "已登记", "400": "格式错误", "422": "内容有误"].merging(staff) { a, _ in a }),
            Operation(method: "post", path: "/api/v1/communities/{code}/devices/{id}/retire", summary: "停用设备（令牌随之失效）", tag: "community",
                      secured: true, parameters: [code, id], responses: ["200": "成功", "404": "没有这台设备"].merging(staff) { a, _ in a }),
            Operation(method: "get", path: "/api/v1/communities/{code}/alarms", summary: "社区告警：未处理的在前（紧急优先），其后为最近处理完毕的", tag: "community",
                      secured: true, parameters: [code], responses: ["200": "成功"].merging(staff) { a, _ in a }, returnsList: true),
            Operation(method: "post", path: "/api/v1/communities/{code}/alarms/{id}/acknowledge", summary: "接单", tag: "community", secured: true,
                      parameters: [code, id], responses: ["200": "成功", "404": "没有这条告警", "409": "已处理完毕"].merging(staff) { a, _ in a }),
            Operation(method: "post", path: "/api/v1/communities/{code}/alarms/{id}/close", summary: "处理完毕，填写处理结果", tag: "community", secured: true,
                      parameters: [code, id], body: object(["outcome": string], required: ["outcome"]),
                      responses: ["200": "成功", "400": "格式错误", "404": "没有这条告警", "409": "已处理完毕", "422": "未填写处理结果"].merging(staff) { a, _ in a }),
        ]
    }()
}
