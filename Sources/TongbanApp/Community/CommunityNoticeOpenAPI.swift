extension OpenAPIDocument {
    static let communityNoticeOperations: [Operation] = [
        Operation(method: "post", path: "/api/v1/communities/{code}/notices", summary: "发布通知公告：全体居民或一栋楼，有账户的居民收到站内消息（可选短信）",
                  tag: "community", secured: true, parameters: [pathParam("code")],
                  body: object([
                      "title": ["type": "string", "minLength": 2, "maxLength": CommunityNoticeService.maxTitle],
                      "body": ["type": "string", "minLength": 5, "maxLength": CommunityNoticeService.maxBody],
                      "building": string, "sms": ["type": "boolean"],
                  ], required: ["title", "body"]),
                  responses: ["201": "已发布", "400": "格式错误", "401": "未登录", "403": "不是该社区的社区工作人员", "404": "没有这个社区", "422": "内容有误"]),
        Operation(method: "get", path: "/api/v1/communities/{code}/notices", summary: "社区已发布的通知公告", tag: "community", secured: true,
                  parameters: [pathParam("code")], responses: ["200": "成功", "401": "未登录", "403": "不是该社区的工作人员", "404": "没有这个社区"], returnsList: true),
        Operation(method: "get", path: "/api/v1/me/community/notices", summary: "我所在社区（和楼栋）的通知公告", tag: "community", secured: true,
                  responses: ["200": "成功", "401": "未登录", "404": "人口库中没有本人的六安户籍地址"], returnsList: true),
    ]
}
