import Foundation

/// The registries the exchange serves and the fields each one can share, with the names people read.
enum RegistryCatalog {
    struct Registry: Sendable {
        var code: String
        var name: String
        var owner: String
        var fields: [(key: String, label: String)]

        func label(_ field: String) -> String { fields.first { $0.key == field }?.label ?? field }
    }

    static let all: [Registry] = [
        Registry(code: "fund", name: "住房公积金缴存库", owner: "gjj", fields: [
            ("isContributor", "是否缴存职工"), ("accountNumber", "公积金账号"), ("accountStatus", "账户状态"),
            ("consecutiveMonths", "连续缴存月数"), ("outstandingLoan", "未结清公积金贷款"), ("balanceYuan", "账户余额"),
        ]),
        Registry(code: "realestate", name: "不动产登记库", owner: "zrzy", fields: [
            ("latestRegistrationDate", "最近登记日期"), ("address", "房屋坐落"), ("certificateNumber", "不动产权证号"), ("count", "名下不动产数量"),
        ]),
    ]

    static func registry(_ code: String) -> Registry? { all.first { $0.code == code } }
}
