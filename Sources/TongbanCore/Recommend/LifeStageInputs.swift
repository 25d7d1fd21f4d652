/// The service identifiers the life-stage rules return; the app sets them to its catalogue codes
/// (or keeps the keywords and searches the catalogue by them).
public struct LifeStageKeys: Sendable {
    public var idCardRenewal = "居民身份证换领"
    public var retirement = "退休"
    public var schoolEnrolment = "义务教育入学"
    public var annualReport = "企业年报"

    public init() {}
}

/// A service that is due because of a date in someone's life, not because of what they applied for.
public struct DueService: Hashable, Sendable {
    /// One of the `LifeStageKeys` values.
    public var key: String
    public var reason: String
    /// The last day it makes sense to do it (expiry, 31 August, 30 June), when there is one.
    public var dueBy: CalendarDay?

    public init(key: String, reason: String, dueBy: CalendarDay? = nil) {
        self.key = key
        self.reason = reason
        self.dueBy = dueBy
    }
}

public enum Gender: String, Sendable, Codable {
    case male, female
}

/// What the rules need to know about a person; everything optional is simply not judged when missing.
public struct Resident: Sendable {
    public var birthDate: CalendarDay?
    public var gender: Gender?
    /// Women workers' original statutory age is 50, women cadres' 55; the platform cannot tell, so the caller says.
    public var retirementGroup: RetirementGroup?
    /// nil for a 长期 (permanent) card or when unknown.
    public var idCardExpiry: CalendarDay?
    public var childrenBirthDates: [CalendarDay]

    public init(birthDate: CalendarDay? = nil, gender: Gender? = nil, retirementGroup: RetirementGroup? = nil,
                idCardExpiry: CalendarDay? = nil, childrenBirthDates: [CalendarDay] = []) {
        self.birthDate = birthDate
        self.gender = gender
        self.retirementGroup = retirementGroup
        self.idCardExpiry = idCardExpiry
        self.childrenBirthDates = childrenBirthDates
    }

    /// The stated group, else the usual one for the gender (women default to 55, the later of the two,
    /// so nobody is told to retire five years early).
    var effectiveRetirementGroup: RetirementGroup? {
        retirementGroup ?? gender.map { $0 == .male ? .men60 : .women55 }
    }
}

public struct Company: Sendable {
    /// 成立日期 from the business licence.
    public var founded: CalendarDay

    public init(founded: CalendarDay) {
        self.founded = founded
    }
}

/// The app has its own `Company` model; this name reaches the rules' one from there.
public typealias LifeStageCompany = Company
