import Foundation

/// Which silences and signals become alarms. A pressed button is urgent at once; a home where no water has run or the
/// door has not opened for a day may mean someone has fallen, so it is urgent too; a device gone quiet is a task, not
/// an emergency.
enum AlarmRules {
    enum Rule: String, Codable, Sendable {
        case emergency, noWater = "no_water", noDoor = "no_door", offline

        var urgent: Bool { self != .offline }

        func message(resident: String, label: String, hours: Int) -> String {
            switch self {
            case .emergency: "\(resident)家的紧急呼叫按钮（\(label)）被按下"
            case .noWater: "\(resident)家已连续 \(hours) 小时未用水（\(label)）"
            case .noDoor: "\(resident)家门已连续 \(hours) 小时未开启（\(label)）"
            case .offline: "\(resident)家的设备（\(label)）已 \(hours) 小时没有上报，请检查设备"
            }
        }
    }

    static let quietHours = 24
    static let offlineHours = 24

    /// The activity whose absence a device watches for, if any.
    static func watchedActivity(_ kind: Device.Kind) -> (event: String, rule: Rule)? {
        switch kind {
        case .waterMeter: ("water_usage", .noWater)
        case .doorSensor: ("door_opened", .noDoor)
        case .emergencyButton: nil
        }
    }

    /// The silences due now, given when the device was installed, last reported anything, and last reported activity.
    static func silences(_ kind: Device.Kind, installed: Date, lastSeen: Date?, lastActivity: Date?, now: Date) -> [Rule] {
        var due: [Rule] = []
        if let watched = watchedActivity(kind), now.timeIntervalSince(lastActivity ?? installed) >= Double(quietHours) * 3600 {
            due.append(watched.rule)
        }
        if now.timeIntervalSince(lastSeen ?? installed) >= Double(offlineHours) * 3600 { due.append(.offline) }
        return due
    }
}
