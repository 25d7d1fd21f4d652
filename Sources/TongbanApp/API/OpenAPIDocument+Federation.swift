extension OpenAPIDocument {
    static let federationOperations: [Operation] = {
        let signed = "须由已配置的对方城市签名：请求头 X-Tongban-City、X-Tongban-Timestamp（毫秒）、X-Tongban-Nonce、X-Tongban-Signature（Ed25519，见 docs/federation.md）"
        let refusals = ["400": "缺少签名头", "401": "未登记的城市、签名无效或时钟偏差超出允许范围", "409": "重复的请求（重放）"]
        let staff = ["401": "未登录", "403": "无权限"]
        let decision = object(["decision": ["type": "string", "enum": ["accept", "supplement", "approve", "reject", "conclude"]],
                               "note": ["type": "string"]], required: ["decision"])
        return [
            Operation(method: "get", path: "/api/v1/federation/public-key", summary: "本市的跨域通办身份：城市代码、名称、Ed25519 公钥（对方城市据此配置）、允许的时钟偏差、已配置的对方城市",
                      tag: "federation", responses: ["200": "成功"]),
            Operation(method: "get", path: "/api/v1/federation/items", summary: "跨域通办事项：在本市窗口收件、由哪个城市审批",
                      tag: "federation", responses: ["200": "成功"], returnsList: true),
            Operation(method: "get", path: "/api/v1/federation/certificates/verify",
                      summary: "核验其他城市签发的电子证照：向该城市取证照、账本包含证明与签名树头，用本市配置的该城市账本公钥验签",
                      tag: "federation", parameters: [queryParam("city"), queryParam("number"), queryParam("code")],
                      responses: ["200": "核验结果（verified 与各项检查）", "404": "对方没有相符的证照", "409": "未配置对方账本公钥",
                                  "422": "城市未配置或缺少编号、核验码", "502": "对方平台无法连接"]),
            Operation(method: "post", path: "/api/v1/federation/inbox/cases", summary: "（城市之间）接收对方城市代收的办件及材料。" + signed,
                      tag: "federation", body: ["type": "object"], responses: ["200": "已收件", "422": "材料与摘要不符"].merging(refusals) { a, _ in a }),
            Operation(method: "post", path: "/api/v1/federation/inbox/case-status", summary: "（城市之间）接收审批城市回传的办件状态。" + signed,
                      tag: "federation", body: ["type": "object"], responses: ["204": "已记录", "404": "不是转交给该城市的办件"].merging(refusals) { a, _ in a }),
            Operation(method: "post", path: "/api/v1/federation/inbox/tickets", summary: "（城市之间）接收对方城市 12345 转来的工单。" + signed,
                      tag: "federation", body: ["type": "object"], responses: ["200": "已接收"].merging(refusals) { a, _ in a }),
            Operation(method: "post", path: "/api/v1/federation/inbox/ticket-replies", summary: "（城市之间）接收对方城市对转交工单的签收与答复。" + signed,
                      tag: "federation", body: ["type": "object"], responses: ["204": "已记录", "404": "不是转交给该城市的工单"].merging(refusals) { a, _ in a }),
            Operation(method: "get", path: "/api/v1/federation/cases", summary: "外地代收、由本市审批的办件（审批人只见本部门的，窗口与管理员见全部）",
                      tag: "federation", secured: true, responses: ["200": "成功"].merging(staff) { a, _ in a }, returnsList: true),
            Operation(method: "post", path: "/api/v1/federation/cases/{id}/decision", summary: "对外地代收的办件作出决定（受理、补正、准予、不予许可、办结），状态回传收件城市",
                      tag: "federation", secured: true, parameters: [pathParam("id")], body: decision,
                      responses: ["200": "成功", "404": "不存在", "409": "当前状态下不能执行该操作", "422": "补正或不予许可须写明理由"].merging(staff) { a, _ in a }),
            Operation(method: "post", path: "/api/v1/federation/ticket-transfers", summary: "把涉及其他城市的 12345 工单转交该城市平台（话务员、派单员、督办、管理员）",
                      tag: "federation", secured: true,
                      body: object(["ticket": ["type": "string", "description": "工单编号"], "city": ["type": "string", "description": "城市名称或代码"],
                                    "reason": ["type": "string"]], required: ["ticket", "city"]),
                      responses: ["202": "已转交（发送排队中）", "404": "工单不存在", "409": "已转交过", "422": "城市未配置"].merging(staff) { a, _ in a }),
            Operation(method: "get", path: "/api/v1/federation/tickets", summary: "其他城市转来的 12345 工单",
                      tag: "federation", secured: true, responses: ["200": "成功"].merging(staff) { a, _ in a }, returnsList: true),
            Operation(method: "post", path: "/api/v1/federation/tickets/{id}/reply", summary: "答复其他城市转来的工单，答复回传来件城市",
                      tag: "federation", secured: true, parameters: [pathParam("id")], body: object(["reply": ["type": "string"]], required: ["reply"]),
                      responses: ["200": "已答复", "404": "不存在", "409": "已答复过", "422": "答复为空"].merging(staff) { a, _ in a }),
            Operation(method: "get", path: "/api/v1/admin/federation/messages", summary: "城市之间的全部请求记录（双向，含拒绝原因：签名无效、重放、时钟偏差）；reference 按办件或工单筛选",
                      tag: "federation", secured: true, parameters: [queryParam("reference")], responses: ["200": "成功"].merging(staff) { a, _ in a }, returnsList: true),
            Operation(method: "put", path: "/api/v1/admin/federation/items/{code}", summary: "把事项设为跨域通办，指定审批城市",
                      tag: "federation", secured: true, parameters: [pathParam("code")],
                      body: object(["decidingCityCode": ["type": "string"], "note": ["type": "string"]], required: ["decidingCityCode"]),
                      responses: ["200": "成功", "404": "事项不存在", "422": "城市未配置"].merging(staff) { a, _ in a }),
            Operation(method: "delete", path: "/api/v1/admin/federation/items/{code}", summary: "取消事项的跨域通办",
                      tag: "federation", secured: true, parameters: [pathParam("code")], responses: ["204": "成功"].merging(staff) { a, _ in a }),
        ]
    }()
}
