/// Services due by the calendar or a stage of life, whatever someone applied for before:
/// an ID card about to expire, retirement, a child starting school, a company's annual report.
///
/// Pure functions of the inputs and `today`; the app supplies the dates and maps `keys` to catalogue codes.
public struct LifeStageRules: Sendable {
    public var keys: LifeStageKeys
    /// 居民身份证 can be renewed from three months before it expires.
    public var idCardLeadDays = 90
    /// Retirement is suggested from this many days before the statutory day…
    public var retirementLeadDays = 90
    /// …until this many after (the app stops showing it once the person has applied).
    public var retirementLingerDays = 180

    public init(keys: LifeStageKeys = .init()) {
        self.keys = keys
    }

    /// Completed years (周岁) on `today`; someone born on 29 February turns a year older on 1 March in common years.
    public static func age(born birth: CalendarDay, on today: CalendarDay) -> Int {
        birth.fullYears(until: today)
    }

    public func due(for resident: Resident, today: CalendarDay) -> [DueService] {
        var due: [DueService] = []
        if let expiry = resident.idCardExpiry, let card = idCardRenewal(expiry: expiry, today: today) { due.append(card) }
        if let birth = resident.birthDate, let group = resident.effectiveRetirementGroup,
           let retiring = retirement(born: birth, group: group, today: today) { due.append(retiring) }
        due += resident.childrenBirthDates.compactMap { schoolEnrolment(childBorn: $0, today: today) }
        return due
    }

    public func due(for company: Company, today: CalendarDay) -> [DueService] {
        annualReport(founded: company.founded, today: today).map { [$0] } ?? []
    }

    /// Due once the card expires within `idCardLeadDays`, and still due after it has expired.
    public func idCardRenewal(expiry: CalendarDay, today: CalendarDay) -> DueService? {
        let left = expiry.dayNumber - today.dayNumber
        guard left <= idCardLeadDays else { return nil }
        let reason = switch left {
        case 1...: "居民身份证将于 \(expiry) 到期（还有 \(left) 天），可以办理换领"
        case 0: "居民身份证今天到期，请尽快办理换领"
        default: "居民身份证已于 \(expiry) 过期，请尽快办理换领"
        }
        return DueService(key: keys.idCardRenewal, reason: reason, dueBy: expiry)
    }

    /// Due around the day the person reaches the statutory retirement age (with the 2025 reform).
    public func retirement(born birth: CalendarDay, group: RetirementGroup, today: CalendarDay) -> DueService? {
        let day = group.retirementDay(born: birth)
        let offset = today.dayNumber - day.dayNumber
        guard (-retirementLeadDays...retirementLingerDays).contains(offset) else { return nil }
        let age = group.statutoryAge(born: birth)
        let ageText = age.months == 0 ? "\(age.years) 周岁" : "\(age.years) 周岁 \(age.months) 个月"
        let reason = offset < 0
            ? "将于 \(day) 达到法定退休年龄（\(ageText)），可以提前准备办理退休"
            : "已于 \(day) 达到法定退休年龄（\(ageText)），可以办理退休"
        return DueService(key: keys.retirement, reason: reason, dueBy: nil)
    }

    /// Due from 1 January to 31 August of the year the child starts school: the year in which they
    /// turn 6 before 1 September (so born 1 September six years earlier … 31 August five years earlier).
    public func schoolEnrolment(childBorn birth: CalendarDay, today: CalendarDay) -> DueService? {
        let cutoff = CalendarDay(year: today.year, month: 8, day: 31)
        let sixth = birth.adding(months: 72)
        guard today <= cutoff, sixth <= cutoff, sixth > CalendarDay(year: today.year - 1, month: 8, day: 31) else { return nil }
        return DueService(key: keys.schoolEnrolment,
                          reason: "\(birth) 出生的孩子在今年 9 月 1 日前年满 6 周岁，可以报名今年秋季入学",
                          dueBy: cutoff)
    }

    /// 企业年度报告: every company set up before this year reports between 1 January and 30 June.
    public func annualReport(founded: CalendarDay, today: CalendarDay) -> DueService? {
        let deadline = CalendarDay(year: today.year, month: 6, day: 30)
        guard founded.year < today.year, today <= deadline else { return nil }
        return DueService(key: keys.annualReport,
                          reason: "企业应于 1 月 1 日至 6 月 30 日报送上一年度年度报告",
                          dueBy: deadline)
    }
}
