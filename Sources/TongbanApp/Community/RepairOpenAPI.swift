extension OpenAPIDocument {
    static let repairOperations: [Operation] = {
        let code = pathParam("code"), number = pathParam("number")
        let errors = ["200": "成功", "401": "未登录", "403": "不是该社区办理该工单的工作人员", "404": "本社区没有这张工单", "409": "状态不允许", "422": "内容有误"]
        return [
            Operation(method: "post", path: "/api/v1/me/community/repairs", summary: "社区报修：居民向所在社区（按人口库）提交物业维修、公共设施或其他诉求", tag: "community",
                      secured: true, body: object([
                          "category": ["type": "string", "enum": RepairCategory.allCases.map(\.rawValue) + RepairCategory.allCases.map(\.title)],
                          "description": ["type": "string", "minLength": 5, "maxLength": RepairService.maxDescription],
                          "location": ["type": "string", "minLength": 2, "maxLength": RepairService.maxLocation],
                          "photos": ["type": "array", "items": ["type": "string", "format": "uuid"], "maxItems": TicketPhotos.maxCount,
                                     "description": "先用 POST /api/v1/uploads 上传的本人照片（JPG、PNG）"],
                      ], required: ["category", "description", "location"]),
                      responses: ["201": "已受理（工单，跟进、回访和评价同12345工单）", "400": "格式错误", "401": "未登录", "403": "工作人员不能代居民报修",
                                  "404": "照片不存在或不是本人上传的", "422": "内容有误，或人口库中没有本人的社区"]),
            Operation(method: "post", path: "/api/v1/communities/{code}/repairs", summary: "代办报修：社区工作人员或网格员为不便上网的居民报修（按身份证号，记录本人同意方式）",
                      tag: "community", secured: true, parameters: [code], body: object([
                          "category": ["type": "string", "enum": RepairCategory.allCases.map(\.rawValue) + RepairCategory.allCases.map(\.title)],
                          "description": ["type": "string", "minLength": 5, "maxLength": RepairService.maxDescription],
                          "location": ["type": "string", "minLength": 2, "maxLength": RepairService.maxLocation],
                          "residentIdNumber": ["type": "string"], "consent": ["type": "string", "minLength": 2, "maxLength": 100],
                      ], required: ["category", "description", "location", "residentIdNumber", "consent"]),
                      responses: ["201": "已受理（工单属于该居民）", "400": "格式错误", "401": "未登录", "403": "不是该社区的工作人员或网格员",
                                  "404": "没有这个社区", "422": "内容有误，或该居民不在本社区、尚未注册"]),
            Operation(method: "get", path: "/api/v1/me/community/repairs", summary: "我的报修", tag: "community", secured: true,
                      responses: ["200": "成功", "401": "未登录"], returnsList: true),
            Operation(method: "get", path: "/api/v1/communities/{code}/repairs", summary: "社区报修工单：待办（按答复期限）、已升级为12345工单、已办结（社区工作人员、网格员全部，物业只看物业维修）",
                      tag: "community", secured: true, parameters: [code], responses: ["200": "成功", "401": "未登录", "403": "不是该社区的工作人员", "404": "没有这个社区"]),
            Operation(method: "get", path: "/api/v1/communities/{code}/repairs/{number}", summary: "社区报修工单详情", tag: "community", secured: true,
                      parameters: [code, number], responses: errors),
            Operation(method: "post", path: "/api/v1/communities/{code}/repairs/{number}/sign", summary: "签收社区报修工单", tag: "community", secured: true,
                      parameters: [code, number], responses: errors),
            Operation(method: "post", path: "/api/v1/communities/{code}/repairs/{number}/reply", summary: "答复居民（站内消息和短信，请其回访评价）", tag: "community",
                      secured: true, parameters: [code, number], body: object(["reply": string], required: ["reply"]), responses: errors),
            Operation(method: "post", path: "/api/v1/communities/{code}/repairs/{number}/escalate", summary: "超出社区职责，升级为12345工单（社区工作人员）",
                      tag: "community", secured: true, parameters: [code, number], body: object(["reason": string], required: ["reason"]), responses: errors),
        ]
    }()
}
