/// Which statutory retirement age someone starts from, before the 2025 reform.
public enum RetirementGroup: String, Sendable, Codable {
    /// Men: 60.
    case men60
    /// Women cadres (管理和技术岗位): 55.
    case women55
    /// Women workers: 50.
    case women50

    /// The statutory retirement age of someone in this group born in `birth`, as (years, months).
    ///
    /// 全国人大常委会《关于实施渐进式延迟法定退休年龄的决定》(2024), from 1 January 2025: men and women
    /// of 55 go one month later for every four months of birth from January 1965 and January 1970, up to
    /// 63 and 58; women of 50 one month for every two months from January 1975, up to 55. So a man born
    /// in January–April 1965 retires at 60 and 1 month (February 2025), one born from September 1976 at 63.
    public func statutoryAge(born birth: CalendarDay) -> (years: Int, months: Int) {
        let (base, firstBorn, step, cap): (Int, Int, Int, Int) = switch self {
        case .men60: (60, 1965, 4, 36)
        case .women55: (55, 1970, 4, 36)
        case .women50: (50, 1975, 2, 60)
        }
        let monthsAfterStart = (birth.year - firstBorn) * 12 + (birth.month - 1)
        let delay = monthsAfterStart < 0 ? 0 : min(monthsAfterStart / step + 1, cap)
        return (base + delay / 12, delay % 12)
    }

    /// The day someone born on `birth` reaches the statutory age.
    public func retirementDay(born birth: CalendarDay) -> CalendarDay {
        let age = statutoryAge(born: birth)
        return birth.adding(months: age.years * 12 + age.months)
    }
}
