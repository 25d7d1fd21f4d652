import Crypto
import Fluent
import Foundation
import TongbanCore
import Vapor

/// Stores uploaded files once by their SHA-256 under `<data>/uploads/ab/abcdef…`, so the same
/// scan uploaded twice takes space once, and a file's name says nothing about its owner.
struct UploadStore: Sendable {
    let directory: String
    static let maxBytes = 10 * 1024 * 1024
    static let allowedTypes: [String: String] = ["application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"]

    /// Checks the declared type against the file's first bytes: an extension or header is easy to fake.
    static func detectType(_ data: Data) -> String? {
        let bytes = [UInt8](data.prefix(8))
        if bytes.starts(with: [0x25, 0x50, 0x44, 0x46]) { return "application/pdf" }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        return nil
    }

    func save(_ data: Data, fileName: String, owner: UUID, on db: any Database) async throws -> Upload {
        guard !data.isEmpty else { throw AppError.invalid("upload.empty", "文件是空的，请重新选择") }
        guard data.count <= Self.maxBytes else {
            throw AppError(.payloadTooLarge, "upload.too_large", "文件不能超过 \(Self.maxBytes / 1024 / 1024) MB")
        }
        guard let type = Self.detectType(data) else {
            throw AppError(.unsupportedMediaType, "upload.unsupported_type", "只能上传 PDF、JPG 或 PNG 文件")
        }
        let hash = SHA256.hash(data: data).hexLower
        let folder = "\(directory)/\(hash.prefix(2))"
        let path = "\(folder)/\(hash)"
        if !FileManager.default.fileExists(atPath: path) {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            // Write then rename, so a crash never leaves a half-written file under its final name.
            let temporary = path + ".tmp-" + UUID().uuidString
            try data.write(to: URL(fileURLWithPath: temporary))
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        }
        let upload = Upload()
        upload.$owner.id = owner
        upload.sha256 = hash
        upload.fileName = String(fileName.trimmed.prefix(120)).nilIfEmpty ?? "材料"
        upload.contentType = type
        upload.size = data.count
        try await upload.create(on: db)
        return upload
    }

    func read(_ upload: Upload) throws -> Data {
        let path = "\(directory)/\(upload.sha256.prefix(2))/\(upload.sha256)"
        guard let data = FileManager.default.contents(atPath: path) else { throw AppError.notFound("文件", code: "upload.not_found") }
        return data
    }
}

extension Application {
    var uploadStore: UploadStore { UploadStore(directory: settings.dataDirectory + "/uploads") }
}
