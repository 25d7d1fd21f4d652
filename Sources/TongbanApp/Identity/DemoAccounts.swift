import Fluent
import Foundation
import TongbanCore
import Vapor

/// One demo account for every role, listed in README.md. All share one password so that a
/// demonstration can switch roles quickly; a real deployment creates its own staff accounts.
enum DemoAccounts {
    static let password = "Tongban2026"

    struct Staff {
        var username: String
        var name: String
        var role: Role
        var department: String?
        var community: String? = nil
    }

    static let staff: [Staff] = [
        Staff(username: "admin", name: "管理员", role: .admin, department: nil),
        Staff(username: "clerk", name: "窗口王芳", role: .clerk, department: "sjzy"),
        Staff(username: "reviewer.gjj", name: "审批李明", role: .reviewer, department: "gjj"),
        Staff(username: "reviewer.scjg", name: "审批赵强", role: .reviewer, department: "scjg"),
        Staff(username: "reviewer.zrzy", name: "审批孙丽", role: .reviewer, department: "zrzy"),
        Staff(username: "reviewer.sw", name: "审批周杰", role: .reviewer, department: "sw"),
        Staff(username: "reviewer.rs", name: "审批吴敏", role: .reviewer, department: "rs"),
        Staff(username: "reviewer.zj", name: "审批钱进", role: .reviewer, department: "zj"),
        Staff(username: "reviewer.ga", name: "审批冯军", role: .reviewer, department: "ga"),
        Staff(username: "operator", name: "话务陈静", role: .hotlineOperator, department: "sjzy"),
        Staff(username: "dispatcher", name: "派单刘洋", role: .dispatcher, department: "sjzy"),
        Staff(username: "handler.cg", name: "承办黄涛", role: .handler, department: "cg"),
        Staff(username: "supervisor", name: "督办郑华", role: .supervisor, department: nil),
        Staff(username: "leader", name: "领导何平", role: .leader, department: nil),
    ] + otherHandlers + communityStaff

    /// 翡翠苑社区 (where 张三 lives) has a full team; 红军街社区 (王奶奶's) has its own staff, to show that each sees only theirs.
    static let communityStaff: [Staff] = [
        Staff(username: "community.fcy", name: "社区周敏", role: .communityStaff, community: "341502001001"),
        Staff(username: "grid.fcy", name: "网格吴刚", role: .gridWorker, community: "341502001001"),
        Staff(username: "volunteer.fcy", name: "志愿者郑雪", role: .volunteer, community: "341502001001"),
        Staff(username: "property.fcy", name: "物业钱伟", role: .propertyStaff, community: "341502001001"),
        Staff(username: "community.hjj", name: "社区陈红", role: .communityStaff, community: "341524001001"),
        Staff(username: "grid.hjj", name: "网格李军", role: .gridWorker, community: "341524001001"),
        Staff(username: "volunteer.hjj", name: "志愿者孙芳", role: .volunteer, community: "341524001001"),
    ]

    /// Automatic dispatch can send a ticket to any department, so each has a handler to sign for it:
    /// handler.<department code>, e.g. handler.zj for 住建.
    /// (The codes are typed as plain strings: passed on to `department`, an optional, they would otherwise be
    /// inferred as optionals and the usernames would read "handler.Optional(...)".)
    static let otherHandlers: [Staff] = zip(
        ["sjzy", "scjg", "sw", "rs", "yb", "gjj", "zrzy", "zj", "ga", "jj", "mz", "wj", "jy", "jt", "sthj", "cl", "tyjr", "slj"] as [String],
        ["马丽", "高峰", "林涛", "罗敏", "梁静", "宋洁", "唐磊", "许诺", "韩冰", "邓超", "曹颖", "彭博", "曾毅", "萧然", "田野", "董洁", "袁野", "潘阳"] as [String]
    ).map { (code: String, name: String) in Staff(username: "handler." + code, name: "承办" + name, role: .handler, department: code) }

    struct Citizen {
        var phone: String
        var name: String
        var idNumber: String
    }

    static let citizens: [Citizen] = [
        Citizen(phone: "13800000001", name: "张三", idNumber: ResidentID.make(region: "341502", year: 1985, month: 6, day: 18, order: 123).value),
        Citizen(phone: "13800000002", name: "李四", idNumber: ResidentID.make(region: "341503", year: 1979, month: 11, day: 2, order: 456).value),
        Citizen(phone: "13800000003", name: "王奶奶", idNumber: ResidentID.make(region: "341522", year: 1948, month: 3, day: 9, order: 282).value),
    ]

    /// The enterprise agent's company (李四 acts for it).
    static let company = (name: "六安皖西茶业有限公司", creditCode: CreditCode.make(region: "341502", serial: 1).value)

    static func load(on db: any Database, cipher: FieldCipher, passwords: AsyncPasswordHasher) async throws -> Bool {
        guard try await User.query(on: db).count() == 0 else { return false }
        let hash = try await PasswordHashCache.shared.hash(password, with: passwords)
        let departments = try await Department.query(on: db).all()
        let departmentID = Dictionary(uniqueKeysWithValues: departments.compactMap { d in d.id.map { (d.code, $0) } })
        try await db.transaction { db in
            for member in staff {
                let user = User()
                user.username = member.username
                user.realName = member.name
                user.passwordHash = hash
                try await user.create(on: db)
                let department = try member.department.map { code in
                    guard let id = departmentID[code] else {
                        throw AppError(.internalServerError, "seed.invalid", "演示账号 \(member.username) 的部门 \(code) 不存在")
                    }
                    return id
                }
                try await UserRole(userID: user.requireID(), role: member.role, departmentID: department, communityCode: member.community).create(on: db)
            }
            var agent: User?
            for citizen in citizens {
                let user = User()
                user.phoneHash = cipher.lookupHash("phone:" + citizen.phone)
                user.phoneCipher = try cipher.seal(citizen.phone)
                user.realName = citizen.name
                user.idNumberHash = cipher.lookupHash("rid:" + citizen.idNumber)
                user.idNumberCipher = try cipher.seal(citizen.idNumber)
                user.passwordHash = hash
                try await user.create(on: db)
                try await UserRole(userID: user.requireID(), role: .citizen, departmentID: nil).create(on: db)
                if citizen.phone == "13800000002" { agent = user }
            }
            let company = Company()
            company.creditCode = Self.company.creditCode
            company.name = Self.company.name
            try await company.create(on: db)
            let link = CompanyAgent()
            link.$company.id = try company.requireID()
            link.$user.id = try agent!.requireID()
            try await link.create(on: db)
        }
        return true
    }
}
