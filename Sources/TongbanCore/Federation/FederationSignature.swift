import Crypto
import Foundation

/// What one city signs when it calls another: the request line, when, a one-time nonce, a digest of the
/// body and who sends it. Everything the receiver acts on is inside the signature, so a captured request
/// cannot be pointed at another path, given another body or claimed by another city.
public struct FederationEnvelope: Sendable, Equatable {
    public var method: String
    public var path: String
    public var timestampMillis: Int64
    public var nonce: String
    public var bodySHA256: String
    public var sender: String

    public init(method: String, path: String, timestampMillis: Int64, nonce: String, body: Data, sender: String) {
        self.method = method.uppercased()
        self.path = path
        self.timestampMillis = timestampMillis
        self.nonce = nonce
        self.bodySHA256 = SHA256.hash(data: body).map { String(format: "%02x", $0) }.joined()
        self.sender = sender
    }

    /// One field a line; a version tag first so a later format can never be mistaken for this one.
    public var canonical: String {
        ["tongban-federation-v1", method, path, String(timestampMillis), nonce, bodySHA256, sender].joined(separator: "\n")
    }

    public func signature(with key: Curve25519.Signing.PrivateKey) throws -> String {
        try key.signature(for: Data(canonical.utf8)).base64EncodedString()
    }

    public func isSigned(_ signature: String, by key: Curve25519.Signing.PublicKey) -> Bool {
        guard let raw = Data(base64Encoded: signature) else { return false }
        return key.isValidSignature(raw, for: Data(canonical.utf8))
    }

    /// A fresh nonce: 16 random bytes, hex.
    public static func newNonce() -> String {
        (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }
}

/// Why an incoming request was refused; the raw value is what the message log records.
public enum FederationVerdict: String, Sendable, Equatable, CaseIterable {
    case accepted
    case unknownPeer = "refused-unknown-peer"
    case malformed = "refused-malformed"
    case forged = "refused-forged"
    case skew = "refused-skew"
    case replay = "refused-replay"
}

/// The checks in the order that costs least and leaks least: a stranger learns nothing about our clock,
/// and a nonce is only remembered once the signature proves the sender made it.
public enum FederationCheck {
    /// Five minutes either side, as most signed-request schemes allow for NTP-less hosts.
    public static let defaultWindowSeconds: Int64 = 300

    public static func verify(
        _ envelope: FederationEnvelope, signature: String, peerKey: Curve25519.Signing.PublicKey?,
        nowMillis: Int64, windowSeconds: Int64 = defaultWindowSeconds, replays: inout FederationReplayGuard
    ) -> FederationVerdict {
        verify(envelope, signature: signature, peerKeys: peerKey.map { [$0] } ?? [], nowMillis: nowMillis, windowSeconds: windowSeconds,
               replays: &replays)
    }

    /// During a key change-over a peer is trusted under its current and its next key: it may switch at any moment
    /// without a request being refused on the way.
    public static func verify(
        _ envelope: FederationEnvelope, signature: String, peerKeys: [Curve25519.Signing.PublicKey],
        nowMillis: Int64, windowSeconds: Int64 = defaultWindowSeconds, replays: inout FederationReplayGuard
    ) -> FederationVerdict {
        guard !peerKeys.isEmpty else { return .unknownPeer }
        guard !envelope.nonce.isEmpty, envelope.nonce.count <= 64 else { return .malformed }
        guard peerKeys.contains(where: { envelope.isSigned(signature, by: $0) }) else { return .forged }
        guard withinWindow(envelope.timestampMillis, nowMillis: nowMillis, windowSeconds: windowSeconds) else { return .skew }
        guard replays.remember(sender: envelope.sender, nonce: envelope.nonce, timestampMillis: envelope.timestampMillis, nowMillis: nowMillis) else {
            return .replay
        }
        return .accepted
    }

    public static func withinWindow(_ timestampMillis: Int64, nowMillis: Int64, windowSeconds: Int64) -> Bool {
        abs(nowMillis - timestampMillis) <= windowSeconds * 1000
    }
}

/// Nonces seen inside the window. A nonce older than the window need not be kept: its timestamp alone
/// gets it refused. The app keeps the same rule in a table so every instance shares it.
public struct FederationReplayGuard: Sendable {
    public let windowSeconds: Int64
    private var seen: [String: Int64] = [:]

    public init(windowSeconds: Int64 = FederationCheck.defaultWindowSeconds) { self.windowSeconds = windowSeconds }

    /// False if this sender's nonce was already used within the window.
    public mutating func remember(sender: String, nonce: String, timestampMillis: Int64, nowMillis: Int64) -> Bool {
        let horizon = nowMillis - 2 * windowSeconds * 1000
        if seen.count > 10_000 { seen = seen.filter { $0.value >= horizon } }
        let key = sender + "\n" + nonce
        if let at = seen[key], at >= horizon { return false }
        seen[key] = timestampMillis
        return true
    }

    public var count: Int { seen.count }
}
