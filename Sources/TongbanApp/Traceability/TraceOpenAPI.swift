import TongbanCore

extension OpenAPIDocument {
    static let traceOperations: [Operation] = {
        let batch = [pathParam("gtin"), pathParam("lot")]
        let quantity = object(["epcClass": ["type": "string", "description": "urn:epc:class:lgtin:… 或 GS1 数字链接 …/01/GTIN/10/批号"],
                               "quantity": ["type": "number", "exclusiveMinimum": true, "minimum": 0], "uom": ["type": "string", "maxLength": 3]],
                              required: ["epcClass"])
        let quantities: [String: Any] = ["type": "array", "minItems": 1, "items": quantity]
        let party = object(["type": string, "source": string, "destination": string], required: ["type"])
        let event = object([
            "type": ["type": "string", "enum": ["ObjectEvent", "TransformationEvent"]],
            "eventID": string, "eventTime": ["type": "string", "format": "date-time"],
            "eventTimeZoneOffset": ["type": "string", "pattern": "^[+-][0-9]{2}:[0-9]{2}$"],
            "action": ["type": "string", "enum": ["ADD", "OBSERVE", "DELETE"]],
            "bizStep": ["type": "string", "description": "CBV 业务步骤：" + BizStep.allCases.map(\.rawValue).joined(separator: ", ")],
            "disposition": ["type": "string", "description": "CBV 处置状态：" + Disposition.allCases.map(\.rawValue).joined(separator: ", ")],
            "readPoint": object(["id": string], required: ["id"]), "bizLocation": object(["id": string], required: ["id"]),
            "quantityList": quantities, "inputQuantityList": quantities, "outputQuantityList": quantities,
            "sourceList": ["type": "array", "items": party], "destinationList": ["type": "array", "items": party],
            "tb:place": string, "tb:productName": string,
        ], required: ["type", "eventTime", "eventTimeZoneOffset", "bizStep"])
        return [
            Operation(method: "post", path: "/api/v1/trace/companies/{creditCode}/events",
                      summary: "企业记录或导入追溯事件（EPCIS 2.0 JSON：单个 ObjectEvent/TransformationEvent，或含 eventList 的 EPCISDocument，最多 1000 个）；每个事件写入存证账本，重复的 eventID 跳过",
                      tag: "trace", secured: true, parameters: [pathParam("creditCode")],
                      body: ["oneOf": [event, object(["type": ["type": "string", "enum": ["EPCISDocument"]],
                                                      "epcisBody": object(["eventList": ["type": "array", "items": event]], required: ["eventList"])],
                                                     required: ["type", "epcisBody"])]],
                      responses: ["201": "已记录", "401": "未登录", "403": "不是该企业的经办人", "422": "EPCIS 数据有误（details 按 eventList[序号].字段 列出）"]),
            Operation(method: "get", path: "/api/v1/trace/batches/{gtin}/{lot}",
                      summary: "批次追溯链（公开）：本批次及其原料批次的全部事件、每个事件对签名树头的包含证明、由本批次加工而成的批次、召回状态",
                      tag: "trace", parameters: batch, responses: ["200": "成功", "404": "没有该批次的记录", "422": "商品条码或批号格式错误"]),
            Operation(method: "post", path: "/api/v1/trace/batches/{gtin}/{lot}/recall",
                      summary: "责令召回一个批次（市场监管局工作人员或管理员）：记入账本，并通知本批次及其下游批次的全部持有企业（站内消息和短信）",
                      tag: "trace", secured: true, parameters: batch,
                      body: object(["reason": ["type": "string", "minLength": 2, "maxLength": 500]], required: ["reason"]),
                      responses: ["200": "已责令召回", "401": "未登录", "403": "不是市场监管局工作人员", "404": "没有该批次的记录",
                                  "409": "该批次已被召回", "422": "未填写原因或批次格式错误"]),
        ]
    }()
}
