extension OpenAPIDocument {
    static let billIDParam: [String: Any] = ["name": "id", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]

    static let billOperations: [Operation] = [
        Operation(method: "get", path: "/api/v1/me/community/bills", summary: "我家的物业费、水电燃气等账单（按人口库户号）", tag: "community", secured: true,
                  responses: ["200": "成功", "401": "未登录", "404": "人口库中没有本人的六安户籍地址"], returnsList: true),
        Operation(method: "post", path: "/api/v1/me/community/payments", summary: "缴纳一笔或几笔账单：创建支付订单，返回支付地址 payURL", tag: "community",
                  secured: true, body: object(["bills": ["type": "array", "items": ["type": "string", "format": "uuid"], "minItems": 1]], required: ["bills"]),
                  responses: ["201": "已创建支付订单", "401": "未登录", "404": "账单不存在或不是本户的", "409": "账单已缴", "422": "没有选择账单"]),
        Operation(method: "get", path: "/api/v1/me/community/payments/{id}", summary: "支付订单状态（本户）", tag: "community", secured: true,
                  parameters: [billIDParam], responses: ["200": "成功", "401": "未登录", "404": "不存在"]),
        Operation(method: "get", path: "/api/v1/community/payments/{id}/receipt", summary: "电子收据（本户成员；本社区工作人员和物业看到的缴费人已脱敏）",
                  tag: "community", secured: true, parameters: [billIDParam], responses: ["200": "成功", "401": "未登录", "404": "不存在或尚未支付"]),
        Operation(method: "post", path: "/api/v1/communities/{code}/bills", summary: "开具账单：一户、一栋楼或全社区每户（本社区工作人员、物业服务人员）",
                  tag: "community", secured: true, parameters: [pathParam("code")],
                  body: object(["scope": ["type": "string", "enum": ["household", "building", "community"]], "household": string, "building": string,
                                "kind": ["type": "string", "enum": Bill.kinds], "period": ["type": "string", "maxLength": 20],
                                "amountFen": ["type": "integer", "minimum": 1, "maximum": BillMoney.maxFen], "dueOn": ["type": "string", "format": "date"]],
                               required: ["scope", "kind", "period", "amountFen", "dueOn"]),
                  responses: ["201": "已开具", "401": "未登录", "403": "不是本社区的社区工作人员或物业", "404": "没有这个社区", "409": "已开具过", "422": "内容有误"]),
        Operation(method: "get", path: "/api/v1/communities/{code}/arrears", summary: "欠费清单：逾期未缴账单，按楼栋和户汇总", tag: "community", secured: true,
                  parameters: [pathParam("code")], responses: ["200": "成功", "401": "未登录", "403": "无权限", "404": "没有这个社区"]),
        Operation(method: "post", path: "/api/v1/payments/callback/{provider}", summary: "支付机构的支付结果通知（X-Payment-Signature：请求体的 HMAC-SHA256）",
                  tag: "community", parameters: [pathParam("provider")],
                  body: object(["orderNumber": string, "providerOrder": string, "amountFen": ["type": "integer"],
                                "status": ["type": "string", "enum": ["paid", "cancelled"]]], required: ["orderNumber", "providerOrder", "amountFen", "status"]),
                  responses: ["200": "已处理（重复通知同样返回 200）", "401": "签名无效", "404": "订单或通道不存在", "422": "金额或流水号与订单不符"]),
    ]
}
