extension OpenAPIDocument {
    static let clinicOperations: [Operation] = {
        let code = pathParam("code"), id = ["name": "id", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]] as [String: Any]
        return [
            Operation(method: "get", path: "/api/v1/hospitals", summary: "预约挂号：医院和科室", tag: "appointments", responses: ["200": "成功"], returnsList: true),
            Operation(method: "get", path: "/api/v1/hospitals/{code}/departments/{department}/sessions",
                      summary: "科室号源：今天起至放号日的各医生上午、下午号源（未放号的标明放号时间）", tag: "appointments",
                      parameters: [code, pathParam("department")], responses: ["200": "成功", "404": "没有这个医院或科室"], returnsList: true),
            Operation(method: "post", path: "/api/v1/clinic-bookings",
                      summary: "预约挂号：为本人，或为人口库中的父母、子女、配偶（写明其同意方式）；已约满时可加入候补（waitlist）", tag: "appointments",
                      secured: true, body: object(["session": ["type": "string", "format": "uuid"], "forIdNumber": string,
                                                   "consent": ["type": "string", "maxLength": 100], "waitlist": ["type": "boolean"]], required: ["session"]),
                      responses: ["201": "已预约或已加入候补", "401": "未登录", "403": "爽约暂停预约中，或工作人员账号", "404": "号源不存在",
                                  "409": "未放号、已开诊、已约满或已预约", "422": "家人信息有误或不是家人"]),
            Operation(method: "get", path: "/api/v1/me/clinic-bookings", summary: "我的预约（本人预约的和为本人预约的）", tag: "appointments", secured: true,
                      responses: ["200": "成功", "401": "未登录"], returnsList: true),
            Operation(method: "post", path: "/api/v1/clinic-bookings/{id}/cancel", summary: "取消预约（就诊前一日 18:00 前）；空出的号按候补顺序自动预约",
                      tag: "appointments", secured: true, parameters: [id],
                      responses: ["200": "已取消", "401": "未登录", "404": "不存在", "409": "已过取消时间或不能取消"]),
            Operation(method: "post", path: "/api/v1/hospitals/{code}/check-ins", summary: "医院签到：医院系统凭预约码为患者签到（X-Hospital-Token）",
                      tag: "appointments", parameters: [code], body: object(["code": string], required: ["code"]),
                      responses: ["200": "已签到", "401": "医院令牌无效", "404": "本院当前时段没有该预约", "409": "该预约不能签到"]),
            Operation(method: "post", path: "/api/v1/admin/hospitals/{code}/token", summary: "签发（或更换）医院签到令牌，只显示一次（管理员）",
                      tag: "appointments", secured: true, parameters: [code], responses: ["200": "成功", "401": "未登录", "403": "无权限", "404": "没有这个医院"]),
        ]
    }()
}
