/// How long a 居民身份证 is valid (居民身份证法 第五条): issued at 16–25 for 10 years, at 26–45 for 20 years, from 46
/// for good (长期); under 16 a card is voluntary. Used to fill a synthetic 人口库 in which everyone renewed on time,
/// so the card taken at 16 ends on the 26th birthday and the next on the 46th.
public enum IDCardValidity: Equatable, Sendable {
    case none
    case until(CalendarDay)
    case permanent

    public static func onTimeRenewals(born birth: CalendarDay, on today: CalendarDay) -> IDCardValidity {
        switch birth.fullYears(until: today) {
        case ..<16: .none
        case 16..<26: .until(birth.adding(months: 26 * 12))
        case 26..<46: .until(birth.adding(months: 46 * 12))
        default: .permanent
        }
    }

    /// As the registry stores it: a date, "长期", or nil without a card.
    public var registryText: String? {
        switch self {
        case .none: nil
        case .until(let day): day.description
        case .permanent: "长期"
        }
    }
}
