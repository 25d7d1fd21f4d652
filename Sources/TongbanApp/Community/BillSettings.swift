/// 物业费 and utility bills: how they are paid and when households are reminded (see docs/community-bills.md).
public struct BillSettings: Sendable {
    /// `test` (the default: 模拟支付 on this server, no money moves) or `gateway` (TONGBAN_PAYMENT_PROVIDER).
    public var paymentProvider = "test"
    /// Shared with the provider to sign its callbacks (TONGBAN_PAYMENT_SECRET). Required for `gateway`; the test
    /// provider derives one from the master key when unset, so every instance agrees without configuration.
    public var paymentSecret: String?
    /// Where a `gateway` provider creates payments (TONGBAN_PAYMENT_GATEWAY_URL).
    public var paymentGatewayURL: String?
    /// The public address of our callback, given to the gateway (TONGBAN_PAYMENT_NOTIFY_URL),
    /// e.g. https://tongban.luan.gov.cn/api/v1/payments/callback/gateway.
    public var paymentNotifyURL: String?
    /// Households are reminded this many days before a bill is due (TONGBAN_BILL_REMIND_DAYS).
    public var reminderDays = 3

    public init() {}

    static func fromEnvironment(_ env: [String: String]) -> BillSettings {
        var settings = BillSettings()
        if let name = env["TONGBAN_PAYMENT_PROVIDER"], !name.isEmpty { settings.paymentProvider = name }
        settings.paymentSecret = env["TONGBAN_PAYMENT_SECRET"].flatMap { $0.isEmpty ? nil : $0 }
        settings.paymentGatewayURL = env["TONGBAN_PAYMENT_GATEWAY_URL"].flatMap { $0.isEmpty ? nil : $0 }
        settings.paymentNotifyURL = env["TONGBAN_PAYMENT_NOTIFY_URL"].flatMap { $0.isEmpty ? nil : $0 }
        if let days = env["TONGBAN_BILL_REMIND_DAYS"].flatMap(Int.init), (1...30).contains(days) { settings.reminderDays = days }
        return settings
    }
}
