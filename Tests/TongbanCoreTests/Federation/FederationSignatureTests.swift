import Crypto
import Foundation
import Testing
@testable import TongbanCore

@Suite("Federation signatures")
struct FederationSignatureTests {
    let hefei = Curve25519.Signing.PrivateKey()
    let now: Int64 = 1_790_000_000_000

    func envelope(body: String = #"{"case":"1"}"#, at: Int64? = nil, nonce: String = "n-1", path: String = "/federation/v1/cases") -> FederationEnvelope {
        FederationEnvelope(method: "post", path: path, timestampMillis: at ?? now, nonce: nonce, body: Data(body.utf8), sender: "340100")
    }

    @Test("the canonical string names every signed field, one a line")
    func canonical() {
        let lines = envelope(body: "").canonical.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines == ["tongban-federation-v1", "POST", "/federation/v1/cases", "1790000000000", "n-1",
                          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "340100"])
    }

    @Test("a request signed by the peer is accepted once and refused when replayed")
    func acceptThenReplay() throws {
        var guardian = FederationReplayGuard()
        let signed = envelope()
        let signature = try signed.signature(with: hefei)
        #expect(FederationCheck.verify(signed, signature: signature, peerKey: hefei.publicKey, nowMillis: now, replays: &guardian) == .accepted)
        #expect(FederationCheck.verify(signed, signature: signature, peerKey: hefei.publicKey, nowMillis: now + 1000, replays: &guardian) == .replay)
    }

    @Test("a changed body, path or sender, or another key, makes the signature a forgery")
    func forged() throws {
        var guardian = FederationReplayGuard()
        let signature = try envelope().signature(with: hefei)
        let tampered = [envelope(body: #"{"case":"2"}"#), envelope(path: "/federation/v1/tickets"),
                        FederationEnvelope(method: "POST", path: "/federation/v1/cases", timestampMillis: now, nonce: "n-1",
                                           body: Data(#"{"case":"1"}"#.utf8), sender: "341500")]
        for envelope in tampered {
            #expect(FederationCheck.verify(envelope, signature: signature, peerKey: hefei.publicKey, nowMillis: now, replays: &guardian) == .forged)
        }
        let stranger = try envelope().signature(with: Curve25519.Signing.PrivateKey())
        #expect(FederationCheck.verify(envelope(), signature: stranger, peerKey: hefei.publicKey, nowMillis: now, replays: &guardian) == .forged)
        #expect(FederationCheck.verify(envelope(), signature: "not base64!", peerKey: hefei.publicKey, nowMillis: now, replays: &guardian) == .forged)
        #expect(guardian.count == 0, "a forged request must not use up the nonce")
    }

    @Test("a timestamp outside the window either way is refused as clock skew", arguments: [-301_000, 301_000, -3_600_000] as [Int64])
    func skew(offset: Int64) throws {
        var guardian = FederationReplayGuard()
        let skewed = envelope(at: now + offset)
        #expect(FederationCheck.verify(skewed, signature: try skewed.signature(with: hefei), peerKey: hefei.publicKey, nowMillis: now, replays: &guardian) == .skew)
    }

    @Test("inside the window a skewed clock is tolerated", arguments: [-299_000, 0, 299_000] as [Int64])
    func tolerated(offset: Int64) throws {
        var guardian = FederationReplayGuard()
        let ok = envelope(at: now + offset)
        #expect(FederationCheck.verify(ok, signature: try ok.signature(with: hefei), peerKey: hefei.publicKey, nowMillis: now, replays: &guardian) == .accepted)
    }

    @Test("during a key change either key is accepted, a third is not, and a replay under the other key is still a replay")
    func keyChangeOver() throws {
        var guardian = FederationReplayGuard()
        let next = Curve25519.Signing.PrivateKey()
        let keys = [hefei.publicKey, next.publicKey]
        let old = envelope(nonce: "old"), new = envelope(nonce: "new")
        #expect(FederationCheck.verify(old, signature: try old.signature(with: hefei), peerKeys: keys, nowMillis: now, replays: &guardian) == .accepted)
        #expect(FederationCheck.verify(new, signature: try new.signature(with: next), peerKeys: keys, nowMillis: now, replays: &guardian) == .accepted)
        #expect(FederationCheck.verify(new, signature: try new.signature(with: hefei), peerKeys: keys, nowMillis: now, replays: &guardian) == .replay)
        let other = envelope(nonce: "other")
        #expect(FederationCheck.verify(other, signature: try other.signature(with: .init()), peerKeys: keys, nowMillis: now, replays: &guardian) == .forged)
        #expect(FederationCheck.verify(other, signature: try other.signature(with: next), peerKeys: [], nowMillis: now, replays: &guardian) == .unknownPeer)
    }

    @Test("an unknown sender is refused before anything else")
    func unknown() throws {
        var guardian = FederationReplayGuard()
        #expect(FederationCheck.verify(envelope(), signature: try envelope().signature(with: hefei), peerKey: nil, nowMillis: now, replays: &guardian) == .unknownPeer)
    }

    @Test("the same nonce from two cities is two requests")
    func noncePerSender() {
        var guardian = FederationReplayGuard()
        let first = guardian.remember(sender: "340100", nonce: "x", timestampMillis: now, nowMillis: now)
        let otherCity = guardian.remember(sender: "341500", nonce: "x", timestampMillis: now, nowMillis: now)
        let again = guardian.remember(sender: "340100", nonce: "x", timestampMillis: now, nowMillis: now)
        #expect(first && otherCity && !again)
    }
}
