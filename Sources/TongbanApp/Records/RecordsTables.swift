import Vapor

/// The account and history of one record, as page fragments; shared by the record pages and the
/// statement form's error page.
enum RecordsTables {
    struct Rendered {
        var account: HTML
        var hasAccount: Bool
        var historyTitle: String
        var history: HTML
        var period: RecordPeriodView?
        var available: RecordPeriodView?
    }

    static func render(_ kind: StatementService.Kind, _ service: RecordsService, from: String?, to: String?) async throws -> Rendered {
        switch kind {
        case .socialInsurance: social(try await service.socialInsurance(from: from, to: to))
        case .fund: fund(try await service.fund(from: from, to: to))
        case .medical: medical(try await service.medical(from: from, to: to))
        }
    }

    static func yuan(_ fen: Int) -> String { BillMoney.yuan(fen) }

    static func table(_ header: [String], _ rows: [HTML], footer: HTML = .empty, empty: String) -> HTML {
        guard !rows.isEmpty else { return "<p class=\"muted\">\(empty)</p>" }
        let heads: [HTML] = header.map { "<th>\($0)</th>" }
        return "<div class=\"table-wrap\"><table><thead><tr>\(heads)</tr></thead><tbody>\(rows)</tbody>\(footer)</table></div>"
    }

    static func social(_ found: SocialInsuranceRecords) -> Rendered {
        let account: HTML = found.account.map {
            "<dl class=\"facts\"><dt>社会保障号码</dt><dd>\($0.number)</dd><dt>参保状态</dt><dd>\($0.status)</dd><dt>累计缴费</dt><dd>\($0.totalMonths) 个月</dd></dl>"
        } ?? "<p class=\"muted\">没有查询到您的社会保险参保记录。如有疑问请咨询市人社局或拨打 12345。</p>"
        let rows: [HTML] = found.contributions.reversed().map {
            "<tr><td>\($0.period)</td><td>\($0.employer)</td><td class=\"num\">\(yuan($0.baseFen))</td><td class=\"num\">\(yuan($0.personalFen))</td><td class=\"num\">\(yuan($0.employerFen))</td></tr>"
        }
        let footer: HTML = "<tfoot><tr><th colspan=\"3\">合计（\(found.contributions.count) 个月）</th><th class=\"num\">\(yuan(found.personalTotalFen))</th><th class=\"num\">\(yuan(found.employerTotalFen))</th></tr></tfoot>"
        return Rendered(account: account, hasAccount: found.account != nil, historyTitle: "缴费明细（养老、医疗、失业、工伤）",
                        history: table(["月份", "参保单位", "缴费基数（元）", "个人缴纳（元）", "单位缴纳（元）"], rows, footer: footer, empty: "所选期间没有缴费记录。"),
                        period: found.period, available: found.available)
    }

    static func fund(_ found: FundRecords) -> Rendered {
        let account: HTML = found.account.map {
            """
            <dl class="facts"><dt>公积金账号</dt><dd>\($0.accountNumber)</dd><dt>账户状态</dt><dd>\($0.status)</dd>
            <dt>账户余额</dt><dd><strong>\(StatementService.yuan($0.balanceFen))</strong></dd><dt>连续缴存</dt><dd>\($0.consecutiveMonths) 个月</dd>
            <dt>公积金贷款</dt><dd>\($0.outstandingLoan ? "有未结清贷款" : "无")</dd></dl>
            """
        } ?? "<p class=\"muted\">没有查询到您的住房公积金账户。</p>"
        let rows: [HTML] = found.transactions.reversed().map {
            "<tr><td>\($0.date)</td><td>\($0.kind)</td><td>\($0.note)</td><td class=\"num\">\($0.amountFen > 0 ? "+" : "")\(yuan($0.amountFen))</td><td class=\"num\">\(yuan($0.balanceFen))</td></tr>"
        }
        let footer: HTML = "<tfoot><tr><th colspan=\"5\">期间缴存 \(StatementService.yuan(found.depositedFen))，提取 \(StatementService.yuan(found.withdrawnFen))</th></tr></tfoot>"
        return Rendered(account: account, hasAccount: found.account != nil, historyTitle: "缴存与提取明细",
                        history: table(["日期", "类型", "摘要", "发生额（元）", "余额（元）"], rows, footer: footer, empty: "所选期间没有缴存或提取记录。"),
                        period: found.period, available: found.available)
    }

    static func medical(_ found: MedicalRecords) -> Rendered {
        let account: HTML = found.account.map {
            """
            <dl class="facts"><dt>医保编号</dt><dd>\($0.number)</dd><dt>参保险种</dt><dd>\($0.insuranceType)</dd>
            <dt>参保状态</dt><dd>\($0.status)</dd><dt>参保日期</dt><dd>\($0.insuredSince)</dd>\(RecordsPages.balance($0))</dl>
            """
        } ?? "<p class=\"muted\">没有查询到您的医疗保险参保记录。</p>"
        let rows: [HTML] = found.visits.map {
            "<tr><td>\($0.date)</td><td>\($0.hospital)</td><td>\($0.department)</td><td>\($0.kind)</td><td class=\"num\">\(yuan($0.totalFen))</td><td class=\"num\">\(yuan($0.reimbursedFen))</td><td class=\"num\">\(yuan($0.selfPaidFen))</td></tr>"
        }
        let footer: HTML = "<tfoot><tr><th colspan=\"4\">合计（\(found.visits.count) 次）</th><th class=\"num\">\(yuan(found.totalFen))</th><th class=\"num\">\(yuan(found.reimbursedFen))</th><th class=\"num\">\(yuan(found.totalFen - found.reimbursedFen))</th></tr></tfoot>"
        return Rendered(account: account, hasAccount: found.account != nil, historyTitle: "就医结算记录",
                        history: table(["日期", "医疗机构", "科室", "类别", "总费用（元）", "医保报销（元）", "个人支付（元）"], rows, footer: footer, empty: "所选期间没有就医结算记录。"),
                        period: found.period, available: found.available)
    }
}
