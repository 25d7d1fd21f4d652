import TongbanCore

// Typed-throws parsing wrapped as Result: catching a typed error inside a larger untyped
// `do` block crashes the Swift 6.3 compiler in language mode 5 (SIL ownership verifier).
extension ResidentID {
    static func result(_ text: String) -> Result<ResidentID, IdentifierError> {
        do throws(IdentifierError) { return .success(try parse(text)) } catch { return .failure(error) }
    }
}

extension CreditCode {
    static func result(_ text: String) -> Result<CreditCode, IdentifierError> {
        do throws(IdentifierError) { return .success(try parse(text)) } catch { return .failure(error) }
    }
}
