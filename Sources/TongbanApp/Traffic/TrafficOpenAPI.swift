extension OpenAPIDocument {
    static let trafficOperations: [Operation] = [
        Operation(method: "get", path: "/api/v1/me/traffic", summary: "我的交通违章：本人驾驶证（本记分周期已记分、剩余分值）、名下机动车及其交通违法记录",
                  tag: "traffic", secured: true, responses: ["200": "成功", "401": "未登录", "404": "账号未实名登记身份证号码"]),
        Operation(method: "post", path: "/api/v1/me/traffic/violations/{id}/payments",
                  summary: "缴纳一条交通违法的罚款：创建支付订单，返回支付地址 payURL；支付机构确认后即处理并记分", tag: "traffic", secured: true,
                  parameters: [billIDParam],
                  responses: ["201": "已创建支付订单", "401": "未登录", "404": "违法记录不存在或不是本人车辆的",
                              "409": "已处理、没有可记分的驾驶证，或处理后将记满12分（需到车管所）"]),
        Operation(method: "get", path: "/api/v1/me/traffic/payments/{id}", summary: "罚款支付订单状态（本人）", tag: "traffic", secured: true,
                  parameters: [billIDParam], responses: ["200": "成功", "401": "未登录", "404": "不存在"]),
        Operation(method: "get", path: "/api/v1/me/traffic/payments/{id}/receipt", summary: "交通违法罚款缴款凭证（本人）", tag: "traffic", secured: true,
                  parameters: [billIDParam], responses: ["200": "成功", "401": "未登录", "404": "不存在或尚未支付"]),
        Operation(method: "post", path: "/api/v1/traffic/plate-queries",
                  summary: "他人车辆违法查询：号牌号码加车架号后六位，只返回违法记录，不含车主信息（每个号牌15分钟内错5次、每个地址错20次后暂停）",
                  tag: "traffic", body: object(["plate": ["type": "string", "maxLength": 10], "vinSuffix": ["type": "string", "pattern": "^[A-HJ-NPR-Z0-9]{6}$"]],
                                               required: ["plate", "vinSuffix"]),
                  responses: ["200": "成功", "404": "号牌号码与车架号后六位不匹配", "422": "格式错误", "429": "错误次数过多"]),
    ]
}
