import Foundation

/// The OpenAPI 3 description of /api/v1, written alongside the routes (a test fails when the
/// two differ). Schemas are precise for request bodies so that fuzzers generate useful input.
enum OpenAPIDocument {
    struct Operation {
        var method: String
        var path: String
        var summary: String
        var tag: String
        var secured: Bool = false
        var parameters: [[String: Any]] = []
        var body: [String: Any]? = nil
        var responses: [String: String] = ["200": "成功"]
        /// The 2xx body is a JSON array (lists) rather than an object.
        var returnsList = false
        /// The 2xx body is a file of one of these types, not JSON (a material's download).
        var fileTypes: [String]? = nil
    }

    static let string: [String: Any] = ["type": "string"]
    static let stringArray: [String: Any] = ["type": "array", "items": string]
    static func pathParam(_ name: String) -> [String: Any] {
        ["name": name, "in": "path", "required": true, "schema": string]
    }
    static func queryParam(_ name: String, _ schema: [String: Any] = string) -> [String: Any] {
        ["name": name, "in": "query", "required": false, "schema": schema]
    }
    static func object(_ properties: [String: [String: Any]], required: [String]) -> [String: Any] {
        ["type": "object", "properties": properties, "required": required]
    }

    static let material = object([
        "name": string, "form": string, "copies": ["type": "integer"], "required": ["type": "boolean"],
        "source": string, "replaceableBy": string, "note": string,
    ], required: ["name", "form", "copies", "required"])
    static let place = object(["name": string, "window": string, "address": string, "hours": string], required: ["name", "address", "hours"])
    static let formField = object([
        "key": string, "label": string, "type": string, "required": ["type": "boolean"], "options": stringArray,
        "min": ["type": "number"], "max": ["type": "number"], "maxLength": ["type": "integer"], "prefill": string,
    ], required: ["key", "label", "type", "required"])
    static let serviceItemInput = object([
        "code": string, "name": string, "department": string, "type": string, "audience": stringArray, "themes": stringArray,
        "caseType": string, "summary": string, "legalBasis": stringArray, "conditions": stringArray,
        "materials": ["type": "array", "items": material], "steps": stringArray,
        "legalLimitDays": ["type": "integer"], "promisedLimitDays": ["type": "integer"],
        "fee": object(["charged": ["type": "boolean"], "text": string, "fen": ["type": "integer"]], required: ["charged", "text"]),
        "onlineDepth": ["type": "string", "enum": OnlineDepth.allCases.map(\.rawValue)], "visits": ["type": "integer"],
        "visitReason": string, "places": ["type": "array", "items": place], "consultPhone": string, "complaintPhone": string,
        "keywords": stringArray, "hot": ["type": "boolean"], "crossRegion": ["type": "boolean"], "result": string,
        "formFields": ["type": "array", "items": formField],
    ], required: ["code", "name", "department", "type", "audience", "themes", "caseType", "summary", "legalBasis", "conditions",
                  "materials", "steps", "legalLimitDays", "promisedLimitDays", "fee", "onlineDepth", "visits", "places", "keywords", "formFields"])
    static let materialUpload = object(["name": string, "uploadId": ["type": "string", "format": "uuid"]], required: ["name", "uploadId"])
    static let applicationInput = object([
        "item": string, "lifeEvent": string, "form": ["type": "object", "additionalProperties": string],
        "materials": ["type": "array", "items": materialUpload], "company": string, "district": string,
    ], required: ["form"])
    static let departmentInput = object([
        "code": string, "name": string, "shortName": string, "phone": string, "address": string, "hours": string,
    ], required: ["code", "name", "shortName"])

    static let operations: [Operation] = [
        Operation(method: "get", path: "/api/v1/services", summary: "事项列表（可按部门、主题、服务对象筛选）", tag: "catalog",
                  parameters: [queryParam("department"), queryParam("theme"), queryParam("audience", ["type": "string", "enum": ["个人", "法人"]]),
                               queryParam("hot", ["type": "boolean"])], responses: ["200": "成功", "400": "参数错误", "404": "部门或主题不存在"], returnsList: true),
        Operation(method: "get", path: "/api/v1/services/{code}", summary: "办事指南", tag: "catalog",
                  parameters: [pathParam("code")], responses: ["200": "成功", "404": "事项不存在"]),
        Operation(method: "get", path: "/api/v1/search", summary: "搜索事项与一件事", tag: "catalog",
                  parameters: [queryParam("q"), queryParam("limit", ["type": "integer", "minimum": 1, "maximum": 100])],
                  responses: ["200": "成功", "400": "参数错误"]),
        Operation(method: "get", path: "/api/v1/departments", summary: "部门列表", tag: "catalog", returnsList: true),
        Operation(method: "get", path: "/api/v1/departments/{code}", summary: "部门信息", tag: "catalog",
                  parameters: [pathParam("code")], responses: ["200": "成功", "404": "部门不存在"]),
        Operation(method: "get", path: "/api/v1/departments/{code}/staff", summary: "部门工作人员（本部门及全市性岗位可见）", tag: "workbench",
                  secured: true, parameters: [pathParam("code")], responses: ["200": "成功", "401": "未登录", "403": "无权限", "404": "部门不存在"], returnsList: true),
        Operation(method: "get", path: "/api/v1/themes", summary: "主题列表", tag: "catalog", returnsList: true),
        Operation(method: "get", path: "/api/v1/districts", summary: "区县列表", tag: "catalog", returnsList: true),
        Operation(method: "get", path: "/api/v1/life-events", summary: "一件事列表", tag: "catalog", returnsList: true),
        Operation(method: "get", path: "/api/v1/life-events/{code}", summary: "一件事详情", tag: "catalog",
                  parameters: [pathParam("code")], responses: ["200": "成功", "404": "不存在"]),
        Operation(method: "post", path: "/api/v1/admin/services", summary: "新增事项（管理员）", tag: "admin", secured: true,
                  body: serviceItemInput, responses: ["201": "已创建", "400": "格式错误", "401": "未登录", "403": "无权限", "409": "编码已存在", "422": "内容有误"]),
        Operation(method: "put", path: "/api/v1/admin/services/{code}", summary: "修改事项（管理员）", tag: "admin", secured: true,
                  parameters: [pathParam("code")], body: serviceItemInput,
                  responses: ["200": "成功", "400": "格式错误", "401": "未登录", "403": "无权限", "404": "事项不存在", "422": "内容有误"]),
        Operation(method: "post", path: "/api/v1/admin/departments", summary: "新增部门（管理员）", tag: "admin", secured: true,
                  body: departmentInput, responses: ["201": "已创建", "400": "格式错误", "401": "未登录", "403": "无权限", "409": "编码已存在", "422": "内容有误"]),
        Operation(method: "put", path: "/api/v1/admin/departments/{code}", summary: "修改部门（管理员）", tag: "admin", secured: true,
                  parameters: [pathParam("code")], body: departmentInput,
                  responses: ["200": "成功", "400": "格式错误", "401": "未登录", "403": "无权限", "404": "部门不存在", "422": "内容有误"]),
        Operation(method: "post", path: "/api/v1/auth/register", summary: "市民实名注册", tag: "identity",
                  body: object([
                      "phone": ["type": "string", "pattern": "^1[3-9][0-9]{9}$"],
                      "password": ["type": "string", "minLength": 8, "maxLength": 64],
                      "realName": ["type": "string", "minLength": 2, "maxLength": 20],
                      "idNumber": ["type": "string", "pattern": "^([0-9]{17}[0-9Xx]|[0-9]{15})$"],
                  ], required: ["phone", "password", "realName", "idNumber"]),
                  responses: ["201": "已注册", "400": "格式错误", "409": "手机号或身份证已注册", "422": "内容有误"]),
        Operation(method: "post", path: "/api/v1/auth/token", summary: "登录并取得访问令牌", tag: "identity",
                  body: object(["login": string, "password": string], required: ["login", "password"]),
                  responses: ["200": "成功", "400": "格式错误", "401": "账号或密码不正确", "429": "失败次数过多"]),
        Operation(method: "delete", path: "/api/v1/auth/token", summary: "注销访问令牌", tag: "identity", secured: true,
                  responses: ["204": "已注销", "401": "未登录"]),
        Operation(method: "get", path: "/api/v1/me", summary: "我的资料（脱敏）", tag: "identity", secured: true,
                  responses: ["200": "成功", "401": "未登录"]),
        Operation(method: "post", path: "/api/v1/me/companies", summary: "关联企业（统一社会信用代码）", tag: "identity", secured: true,
                  body: object([
                      "creditCode": ["type": "string", "pattern": "^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}$"],
                      "name": ["type": "string", "minLength": 2, "maxLength": 100],
                  ], required: ["creditCode", "name"]),
                  responses: ["201": "已关联", "400": "格式错误", "401": "未登录", "422": "代码无效"]),
        Operation(method: "get", path: "/api/v1/ledger/tree-head", summary: "存证账本最新签名树头（Ed25519）", tag: "ledger", secured: false,
                  responses: ["200": "成功"]),
        Operation(method: "get", path: "/api/v1/ledger/public-key", summary: "树头签名公钥", tag: "ledger", secured: false,
                  responses: ["200": "成功"]),
        Operation(method: "get", path: "/api/v1/ledger/proof/inclusion", summary: "包含证明（按叶哈希）", tag: "ledger", secured: false,
                  parameters: [["name": "leafHash", "in": "query", "required": true, "schema": ["type": "string"]]], responses: ["200": "成功", "404": "不存在", "422": "参数有误"]),
        Operation(method: "get", path: "/api/v1/ledger/proof/consistency", summary: "一致性证明（两个树大小之间）", tag: "ledger", secured: false,
                  parameters: [["name": "first", "in": "query", "required": true, "schema": ["type": "integer"]], ["name": "second", "in": "query", "required": true, "schema": ["type": "integer"]]], responses: ["200": "成功", "422": "参数有误"]),
        Operation(method: "get", path: "/api/v1/ledger/entries", summary: "账本条目（按序号区间，每次最多 1000 条）", tag: "ledger", secured: false,
                  parameters: [["name": "start", "in": "query", "required": false, "schema": ["type": "integer"]], ["name": "end", "in": "query", "required": false, "schema": ["type": "integer"]]], responses: ["200": "成功", "422": "参数有误"], returnsList: true),
        Operation(method: "get", path: "/api/v1/me/certificates", summary: "我的证照（电子证照夹）", tag: "certificates", secured: true,
                  responses: ["200": "成功", "401": "未登录"], returnsList: true),
        Operation(method: "post", path: "/api/v1/certificates/{id}/share", summary: "授权亮证：生成限时亮证码", tag: "certificates", secured: true,
                  parameters: [["name": "id", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]],
                  body: object(["minutes": ["type": "integer", "minimum": 5, "maximum": 10080]], required: []),
                  responses: ["201": "已生成", "401": "未登录", "404": "不存在", "422": "时间无效"]),
        Operation(method: "post", path: "/api/v1/certificates/{id}/revoke", summary: "撤销证照（发证部门）", tag: "certificates", secured: true,
                  parameters: [["name": "id", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]],
                  body: object(["reason": ["type": "string", "minLength": 2, "maxLength": 500]], required: ["reason"]),
                  responses: ["200": "已撤销", "401": "未登录", "403": "无权限", "404": "不存在", "409": "已撤销", "422": "缺少原因"]),
        Operation(method: "get", path: "/api/v1/certificates/verify", summary: "公开核验证照（编号＋核验码）", tag: "certificates", secured: false,
                  parameters: [["name": "number", "in": "query", "required": true, "schema": ["type": "string"]],
                               ["name": "code", "in": "query", "required": true, "schema": ["type": "string"]]],
                  responses: ["200": "成功", "404": "不存在"]),
        Operation(method: "get", path: "/api/v1/certificates/shared/{code}", summary: "查看亮证（持证人授权期内）", tag: "certificates", secured: false,
                  parameters: [["name": "code", "in": "path", "required": true, "schema": ["type": "string"]]],
                  responses: ["200": "成功", "404": "不存在或已过期"]),
        Operation(method: "get", path: "/api/v1/me/data-usage", summary: "数据使用记录：谁、为何读取了我的数据", tag: "exchange", secured: true,
                  responses: ["200": "成功", "401": "未登录"], returnsList: true),
        Operation(method: "get", path: "/api/v1/exchange/{registry}/{idNumber}", summary: "经共享交换读取基础库（按授权脱敏并留痕）", tag: "exchange", secured: true,
                  parameters: [["name": "registry", "in": "path", "required": true, "schema": ["type": "string", "enum": RegistryCatalog.all.map(\.code)]],
                               ["name": "idNumber", "in": "path", "required": true, "schema": ["type": "string"]],
                               ["name": "fields", "in": "query", "required": true, "schema": ["type": "string"]],
                               ["name": "purpose", "in": "query", "required": true, "schema": ["type": "string"]],
                               ["name": "case", "in": "query", "schema": ["type": "string", "format": "uuid"]]],
                  responses: ["200": "成功", "401": "未登录", "403": "无授权", "404": "数据库不存在", "422": "参数有误"]),
        Operation(method: "post", path: "/api/v1/registries/{registry}/{subject}", summary: "更改基础库记录（所属部门；记入存证账本）", tag: "exchange", secured: true,
                  parameters: [["name": "registry", "in": "path", "required": true, "schema": ["type": "string", "enum": ["population", "fund", "socialInsurance", "legalEntity"]]],
                               ["name": "subject", "in": "path", "required": true, "schema": ["type": "string"]]],
                  body: object(["fields": ["type": "object", "additionalProperties": ["type": "string"]]], required: ["fields"]),
                  responses: ["200": "已更改", "400": "格式错误", "401": "未登录", "403": "非所属部门", "404": "不存在", "422": "内容有误"]),
        Operation(method: "get", path: "/api/v1/admin/grants", summary: "数据共享授权列表", tag: "exchange", secured: true,
                  responses: ["200": "成功", "401": "未登录", "403": "无权限"], returnsList: true),
        Operation(method: "post", path: "/api/v1/admin/grants", summary: "新增数据共享授权", tag: "exchange", secured: true,
                  body: object([
                      "department": ["type": "string"], "registry": ["type": "string"],
                      "fields": ["type": "array", "items": ["type": "string"]], "purpose": ["type": "string"],
                      "expiresOn": ["type": "string", "format": "date"],
                  ], required: ["department", "registry", "fields", "purpose", "expiresOn"]),
                  responses: ["201": "已授权", "400": "格式错误", "401": "未登录", "403": "无权限", "422": "内容有误"]),
        Operation(method: "post", path: "/api/v1/admin/grants/{id}/revoke", summary: "撤销数据共享授权", tag: "exchange", secured: true,
                  parameters: [["name": "id", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]],
                  responses: ["200": "已撤销", "401": "未登录", "403": "无权限", "404": "不存在"]),
        Operation(method: "get", path: "/api/v1/sharing-requests", summary: "数据共享申请：本部门提出的和待本部门答复的（督办员、领导、管理员看全部）",
                  tag: "exchange", secured: true, responses: ["200": "成功", "401": "未登录", "403": "无权限"], returnsList: true),
        Operation(method: "post", path: "/api/v1/sharing-requests", summary: "向数据所属部门提出共享申请，对方在规定工作日内答复",
                  tag: "exchange", secured: true,
                  body: object([
                      "department": ["type": "string"], "registry": ["type": "string"],
                      "fields": ["type": "array", "items": ["type": "string"]], "purpose": ["type": "string"],
                      "reason": ["type": "string", "minLength": 5, "maxLength": 500], "expiresOn": ["type": "string", "format": "date"],
                  ], required: ["registry", "fields", "purpose", "reason", "expiresOn"]),
                  responses: ["201": "已提交", "400": "格式错误", "401": "未登录", "403": "无权限", "409": "已有待答复的同类申请", "422": "内容有误"]),
        Operation(method: "post", path: "/api/v1/sharing-requests/{id}/answer", summary: "数据所属部门答复共享申请；同意即生成授权",
                  tag: "exchange", secured: true,
                  parameters: [["name": "id", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]],
                  body: object(["approve": ["type": "boolean"], "answer": ["type": "string", "maxLength": 500]], required: ["approve"]),
                  responses: ["200": "已答复", "400": "格式错误", "401": "未登录", "403": "无权限", "404": "不存在", "409": "已答复或期限已过", "422": "内容有误"]),
        Operation(method: "get", path: "/api/v1/users/{id}", summary: "用户资料（本人或管理员）", tag: "identity", secured: true,
                  parameters: [["name": "id", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]],
                  responses: ["200": "成功", "400": "编号格式错误", "401": "未登录", "403": "无权限", "404": "不存在"]),
        Operation(method: "get", path: "/api/v1/workbench", summary: "工作台（工作人员）", tag: "workbench", secured: true,
                  responses: ["200": "成功", "401": "未登录", "403": "无权限"]),
        Operation(method: "post", path: "/api/v1/uploads", summary: "上传材料文件（PDF/JPG/PNG，≤10MB；文件名放在 X-File-Name）", tag: "cases", secured: true,
                  body: ["type": "string", "format": "binary"], responses: ["201": "已上传", "401": "未登录", "413": "文件过大", "415": "类型不支持", "422": "空文件"]),
        Operation(method: "get", path: "/api/v1/uploads/{id}", summary: "下载材料（本人及经办人员）", tag: "cases", secured: true,
                  parameters: [["name": "id", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]], responses: ["200": "文件", "401": "未登录", "404": "不存在"],
                  fileTypes: UploadStore.allowedTypes.keys.sorted()),
        Operation(method: "post", path: "/api/v1/cases", summary: "申请（单个事项或一件事）", tag: "cases", secured: true,
                  body: applicationInput, responses: ["201": "已提交", "400": "格式错误", "401": "未登录", "404": "事项不存在", "422": "内容有误"]),
        Operation(method: "get", path: "/api/v1/cases/draft", summary: "申请表（按账户信息预填）", tag: "cases", secured: true,
                  parameters: [["name": "item", "in": "query", "schema": ["type": "string"]], ["name": "lifeEvent", "in": "query", "schema": ["type": "string"]]],
                  responses: ["200": "成功", "401": "未登录", "404": "事项不存在", "422": "参数有误"]),
        Operation(method: "get", path: "/api/v1/cases", summary: "我的办件", tag: "cases", secured: true, responses: ["200": "成功", "401": "未登录"], returnsList: true),
        Operation(method: "get", path: "/api/v1/cases/{id}", summary: "办件详情与进度", tag: "cases", secured: true,
                  parameters: [["name": "id", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]], responses: ["200": "成功", "401": "未登录", "404": "不存在或无权查看"]),
        Operation(method: "post", path: "/api/v1/cases/{id}/withdraw", summary: "撤回申请", tag: "cases", secured: true,
                  parameters: [["name": "id", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]], body: object(["reason": string], required: []), responses: ["200": "已撤回", "401": "未登录", "404": "不存在", "409": "当前状态不能撤回"]),
        Operation(method: "post", path: "/api/v1/cases/{id}/supplement", summary: "提交补正材料", tag: "cases", secured: true,
                  parameters: [["name": "id", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]], body: object(["materials": ["type": "array", "items": materialUpload], "note": string], required: ["materials"]),
                  responses: ["200": "已补正", "400": "格式错误", "401": "未登录", "404": "不存在", "409": "当前状态不能补正", "422": "内容有误"]),
        Operation(method: "post", path: "/api/v1/cases/{id}/accept", summary: "受理（综合窗口）", tag: "window", secured: true,
                  parameters: [["name": "id", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]], responses: ["200": "已受理", "401": "未登录", "403": "无权限", "404": "不存在", "409": "当前状态不能受理"]),
        Operation(method: "post", path: "/api/v1/cases/{id}/refuse", summary: "不予受理（综合窗口）", tag: "window", secured: true,
                  parameters: [["name": "id", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]], body: object(["reason": string], required: ["reason"]),
                  responses: ["200": "已不予受理", "400": "格式错误", "401": "未登录", "403": "无权限", "404": "不存在", "409": "状态冲突", "422": "缺少原因"]),
        Operation(method: "post", path: "/api/v1/cases/{id}/deliver", summary: "出件（综合窗口）", tag: "window", secured: true,
                  parameters: [["name": "id", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]], responses: ["200": "已出件", "401": "未登录", "403": "无权限", "404": "不存在", "409": "尚未办结"]),
        Operation(method: "post", path: "/api/v1/counter/cases", summary: "窗口代办登记", tag: "window", secured: true,
                  body: object(["applicantIdNumber": string, "applicantName": string, "applicantPhone": string, "application": applicationInput], required: ["applicantIdNumber", "application"]),
                  responses: ["201": "已登记", "400": "格式错误", "401": "未登录", "403": "无权限", "404": "未找到", "422": "内容有误"]),
        Operation(method: "get", path: "/api/v1/window/cases", summary: "窗口待受理、待出件", tag: "window", secured: true,
                  responses: ["200": "成功", "401": "未登录", "403": "无权限"]),
        Operation(method: "get", path: "/api/v1/tasks", summary: "本部门审批队列（按期限排序）", tag: "review", secured: true,
                  responses: ["200": "成功", "401": "未登录", "403": "无权限"], returnsList: true),
        Operation(method: "post", path: "/api/v1/tasks/{id}/decision", summary: "审批决定：通过、不通过或补正", tag: "review", secured: true,
                  parameters: [["name": "id", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]], body: object(["decision": ["type": "string", "enum": ["approve", "reject", "supplement"]], "note": string, "materials": stringArray], required: ["decision"]),
                  responses: ["200": "成功", "400": "格式错误", "401": "未登录", "403": "无权限", "404": "不存在", "409": "状态冲突", "422": "内容有误"]),
        Operation(method: "get", path: "/api/v1/supervision/late-tasks", summary: "预警与超期任务（督办）", tag: "review", secured: true,
                  responses: ["200": "成功", "401": "未登录", "403": "无权限"], returnsList: true),
        Operation(method: "get", path: "/api/v1/notifications", summary: "站内消息", tag: "notifications", secured: true,
                  responses: ["200": "成功", "401": "未登录"], returnsList: true),
        Operation(method: "post", path: "/api/v1/notifications/read", summary: "全部标为已读", tag: "notifications", secured: true,
                  responses: ["204": "成功", "401": "未登录"]),
        Operation(method: "get", path: "/api/v1/openapi.json", summary: "本文档", tag: "meta"),
    ]

    static func json() -> Data {
        var paths: [String: [String: Any]] = [:]
        for op in operations + hotlineOperations + reviewOperations + assistantOperations + communityOperations
                    + repairOperations + communityNoticeOperations + billOperations + eventOperations + alarmOperations + securityOperations + careOperations
                    + clinicOperations + recordsOperations + trafficOperations + consultationOperations
                    + interviewOperations + traceOperations + federationOperations {
            var entry: [String: Any] = ["summary": op.summary, "tags": [op.tag], "operationId": op.method + op.path.replacingOccurrences(of: "/", with: "_")]
            if !op.parameters.isEmpty { entry["parameters"] = op.parameters }
            if let body = op.body {
                let type = body["format"] as? String == "binary" ? "application/octet-stream" : "application/json"
                entry["requestBody"] = ["required": true, "content": [type: ["schema": body]]]
            }
            if op.secured { entry["security"] = [["bearer": [String]()]] }
            entry["responses"] = op.responses.reduce(into: [String: Any]()) { result, response in
                let (status, description) = response
                if status == "204" { result[status] = ["description": description]; return }
                let isList = op.returnsList && status.hasPrefix("2")
                let schema: [String: Any] = isList ? ["type": "array", "items": ["type": "object"]] : ["type": "object"]
                if let types = op.fileTypes, status.hasPrefix("2") {
                    let file: [String: Any] = ["type": "string", "format": "binary"]
                    result[status] = ["description": description, "content": Dictionary(uniqueKeysWithValues: types.map { ($0, ["schema": file]) })]
                    return
                }
                result[status] = ["description": description, "content": ["application/json": ["schema": schema]]]
            }.merging(["default": ["description": "错误（JSON：error 代码与 message 中文说明）"] as [String: Any]]) { a, _ in a }
            paths[op.path, default: [:]][op.method] = entry
        }
        let document: [String: Any] = [
            "openapi": "3.0.3",
            "info": ["title": "六安通办 API", "version": "1.0.0", "description": "一网通办平台接口。错误均为 JSON：{\"error\": 代码, \"message\": 中文说明}。"],
            "servers": [["url": "/"]],
            "paths": paths,
            "components": ["securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]]],
        ]
        return (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted])) ?? Data()
    }
}
