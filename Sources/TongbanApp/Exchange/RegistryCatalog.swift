import Foundation

/// The registries the exchange serves and the fields each one can share, with the names people read.
enum RegistryCatalog {
    struct Registry: Sendable {
        var code: String
        var name: String
        var owner: String
        var fields: [(key: String, label: String)]
        /// People are looked up by ID number, companies by 统一社会信用代码.
        var keyedByCompany = false

        /// The keyed hash under which the registries and the access log know the subject.
        func subjectHash(_ subject: String, cipher: FieldCipher) -> String {
            cipher.lookupHash((keyedByCompany ? "uscc:" : "rid:") + subject)
        }

        func label(_ field: String) -> String {
            fields.first { $0.key == field }?.label ?? RegistryCatalog.histories[code]?.first { $0.key == field }?.label ?? field
        }
    }

    static let all: [Registry] = [
        Registry(code: "fund", name: "住房公积金缴存库", owner: "gjj", fields: [
            ("isContributor", "是否缴存职工"), ("accountNumber", "公积金账号"), ("accountStatus", "账户状态"),
            ("consecutiveMonths", "连续缴存月数"), ("outstandingLoan", "未结清公积金贷款"), ("balanceYuan", "账户余额"),
        ]),
        Registry(code: "realestate", name: "不动产登记库", owner: "zrzy", fields: [
            ("latestRegistrationDate", "最近登记日期"), ("address", "房屋坐落"), ("certificateNumber", "不动产权证号"), ("count", "名下不动产数量"),
        ]),
        Registry(code: "population", name: "人口库", owner: "ga", fields: [
            ("name", "姓名"), ("gender", "性别"), ("birthDate", "出生日期"), ("address", "户籍地址"), ("householdNumber", "户号"),
            ("maritalStatus", "婚姻状况"), ("householdSize", "同户人数"), ("alive", "是否健在"),
            ("idCardValidUntil", "身份证有效期至"), ("childrenBirthDates", "子女出生日期"), ("community", "所属社区"),
            ("disabilityLevel", "残疾等级"),
        ]),
        Registry(code: "legalEntity", name: "法人库", owner: "scjg", fields: [
            ("name", "企业名称"), ("entityType", "企业类型"), ("legalRepresentative", "法定代表人"), ("registeredCapitalYuan", "注册资本（元）"),
            ("establishedOn", "成立日期"), ("address", "住所"), ("status", "登记状态"),
        ], keyedByCompany: true),
        Registry(code: "socialInsurance", name: "社会保险库", owner: "rs", fields: [
            ("number", "社保编号"), ("status", "参保状态"), ("months", "累计缴费月数"), ("employer", "参保单位"),
        ]),
        Registry(code: "medicalInsurance", name: "医疗保障库", owner: "yb", fields: [
            ("number", "医保编号"), ("insuranceType", "参保险种"), ("status", "参保状态"), ("balanceYuan", "个人账户余额"), ("insuredSince", "参保日期"),
        ]),
        Registry(code: "traffic", name: "交通管理库", owner: "jj", fields: [
            ("plates", "名下机动车号牌"), ("vehicleCount", "名下机动车数量"), ("licenceClass", "准驾车型"), ("licenceStatus", "驾驶证状态"),
            ("licenceValidUntil", "驾驶证有效期至"), ("pointsScored", "本记分周期累积记分"), ("unhandledViolations", "未处理交通违法数"),
            ("unpaidFineYuan", "未缴罚款（元）"), ("violations", "交通违法记录"),
        ]),
    ]

    static func registry(_ code: String) -> Registry? { all.first { $0.code == code } }

    /// Rule facts named `registry.field`, grouped by registry, so each registry is read once for all its fields.
    /// Facts of other kinds (`person.age`) are left out.
    static func fieldsByRegistry(_ facts: some Sequence<String>) -> [String: [String]] {
        var grouped: [String: [String]] = [:]
        for key in facts {
            let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
            if parts.count == 2, registry(parts[0]) != nil { grouped[parts[0], default: []].append(parts[1]) }
        }
        return grouped
    }
}
