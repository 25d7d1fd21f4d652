extension OpenAPIDocument {
    static let careOperations: [Operation] = {
        let code = pathParam("code"), entry = pathParam("entry")
        let integer: [String: Any] = ["type": "integer"], number: [String: Any] = ["type": "number"]
        return [
            Operation(method: "get", path: "/api/v1/communities/{code}/care",
                      summary: "关爱名单：原因、需求等级、走访人、上次走访、下次应访、逾期天数（社区工作人员、网格员；志愿者只见分配给自己的人；身份证号脱敏）",
                      tag: "community", secured: true, parameters: [code, queryParam("closed", ["type": "boolean"])],
                      responses: ["200": "成功", "401": "未登录", "403": "不是该社区的工作人员", "404": "没有这个社区"], returnsList: true),
            Operation(method: "post", path: "/api/v1/communities/{code}/care/refresh", summary: "按人口库立即更新本社区关爱名单（社区工作人员）",
                      tag: "community", secured: true, parameters: [code],
                      responses: ["200": "新增、更新、移出的人数", "401": "未登录", "403": "不是该社区的工作人员", "404": "没有这个社区"]),
            Operation(method: "post", path: "/api/v1/communities/{code}/care/{entry}/plan", summary: "设定需求等级（高：每周，中：每两周，低：每月）和走访人（社区工作人员）",
                      tag: "community", secured: true, parameters: [code, entry],
                      body: object(["level": string, "visitorID": string], required: ["level"]),
                      responses: ["200": "成功", "401": "未登录", "403": "不是该社区的工作人员", "404": "没有这个关爱对象", "409": "已移出名单", "422": "等级或走访人有误"]),
            Operation(method: "get", path: "/api/v1/communities/{code}/care/{entry}/visits", summary: "一位关爱对象的走访记录",
                      tag: "community", secured: true, parameters: [code, entry],
                      responses: ["200": "成功", "401": "未登录", "403": "不是该社区的工作人员", "404": "没有这个关爱对象"], returnsList: true),
            Operation(method: "post", path: "/api/v1/communities/{code}/care/{entry}/visits",
                      summary: "记录一次走访：时间、是否见到本人、情况、健康检查、需求（需求转为12345求助工单）",
                      tag: "community", secured: true, parameters: [code, entry],
                      body: object(["visitedAt": string, "met": ["type": "boolean"], "findings": string, "systolic": integer, "diastolic": integer,
                                    "heartRate": integer, "bloodSugar": number, "needs": stringArray, "needNote": string, "contactPhone": string],
                                   required: ["visitedAt", "met", "findings"]),
                      responses: ["201": "已记录", "401": "未登录", "403": "不是该社区的工作人员", "404": "没有这个关爱对象", "409": "已移出名单",
                                  "422": "走访时间、健康数据或需求有误"]),
        ]
    }()
}
