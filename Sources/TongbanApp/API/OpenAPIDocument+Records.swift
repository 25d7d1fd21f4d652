extension OpenAPIDocument {
    static let recordsOperations: [Operation] = {
        let period = [queryParam("from"), queryParam("to")]
        let own = ["401": "未登录", "403": "非市民账号或未登记身份证号"]
        return [
            Operation(method: "get", path: "/api/v1/me/records", summary: "我的社保、公积金、医保账户概况（本人，经共享交换读取并留痕）",
                      tag: "records", secured: true, responses: ["200": "成功"].merging(own) { a, _ in a }),
            Operation(method: "get", path: "/api/v1/me/records/social-insurance", summary: "我的社保：参保信息与按月缴费明细（期间 from、to 为 YYYY-MM，可省略）",
                      tag: "records", secured: true, parameters: period, responses: ["200": "成功", "422": "期间有误或没有记录"].merging(own) { a, _ in a }),
            Operation(method: "get", path: "/api/v1/me/records/fund", summary: "我的公积金：账户余额与缴存、提取、结息明细",
                      tag: "records", secured: true, parameters: period, responses: ["200": "成功", "422": "期间有误或没有记录"].merging(own) { a, _ in a }),
            Operation(method: "get", path: "/api/v1/me/records/medical", summary: "我的医保：参保信息、个人账户余额与就医结算记录",
                      tag: "records", secured: true, parameters: period, responses: ["200": "成功", "422": "期间有误或没有记录"].merging(own) { a, _ in a }),
            Operation(method: "post", path: "/api/v1/me/records/statements",
                      summary: "开具社保缴费证明、公积金缴存证明或医保参保证明（电子证照，带核验码，可在 /api/v1/certificates/verify 公开核验）",
                      tag: "records", secured: true,
                      body: object(["kind": ["type": "string", "enum": StatementService.Kind.allCases.map(\.rawValue)],
                                    "from": ["type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"], "to": ["type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"],
                                    "showAmounts": ["type": "boolean"]], required: ["kind"]),
                      responses: ["201": "已开具", "422": "证明类型或期间有误，或所选期间没有记录"].merging(own) { a, _ in a }),
            Operation(method: "get", path: "/api/v1/me/records/statements/{id}", summary: "我开具的一份证明（仅本人）",
                      tag: "records", secured: true, parameters: [pathParam("id")],
                      responses: ["200": "成功", "404": "不存在或不是本人的证明"].merging(own) { a, _ in a }),
        ]
    }()
}
