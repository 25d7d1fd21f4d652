extension OpenAPIDocument {
    static let communityOperations: [Operation] = [
        Operation(method: "get", path: "/api/v1/communities", summary: "社区（村）列表，含所属街道（乡镇）和区县", tag: "community",
                  responses: ["200": "成功"], returnsList: true),
        Operation(method: "get", path: "/api/v1/communities/{code}/overview", summary: "社区概况：居民数、户数、楼栋数、年龄结构（本社区工作人员和市级管理人员）",
                  tag: "community", secured: true,
                  parameters: [["name": "code", "in": "path", "required": true, "schema": ["type": "string"]]],
                  responses: ["200": "成功", "401": "未登录", "403": "不是该社区的工作人员", "404": "没有这个社区"]),
        Operation(method: "get", path: "/api/v1/communities/{code}/dashboard", summary: "社区看板：居民、70岁以上老人、在办报修与超期、未处理告警、活动与到场率，及图表数据",
                  tag: "community", secured: true,
                  parameters: [["name": "code", "in": "path", "required": true, "schema": ["type": "string"]]],
                  responses: ["200": "成功", "401": "未登录", "403": "不是该社区的工作人员", "404": "没有这个社区"]),
        Operation(method: "get", path: "/api/v1/me/community", summary: "我的社区（按人口库中的户籍地址）", tag: "community", secured: true,
                  responses: ["200": "成功", "401": "未登录", "404": "人口库中没有本人的六安户籍地址"]),
        Operation(method: "post", path: "/api/v1/communities/{code}/residents",
                  summary: "协助开户：为本社区（人口库）没有账号的居民开通账号，记录本人同意方式；不设密码，以短信验证码登录（本社区工作人员、网格员）",
                  tag: "community", secured: true, parameters: [pathParam("code")],
                  body: object(["idNumber": string, "phone": ["type": "string", "pattern": "^1[3-9][0-9]{9}$"],
                                "consent": ["type": "string", "minLength": 2, "maxLength": 100]], required: ["idNumber", "phone", "consent"]),
                  responses: ["201": "已开通", "401": "未登录", "403": "无权限", "404": "没有这个社区", "409": "手机号或身份证号已有账号",
                              "422": "内容有误，或该居民不在本社区"]),
    ]
}
