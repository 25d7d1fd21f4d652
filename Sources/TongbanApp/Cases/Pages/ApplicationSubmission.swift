import Fluent
import Foundation
import Vapor

/// A browser's multipart application: form answers as `form[key]`, files as `file[m<i>]` for the i-th
/// material of the draft, ids of files kept from an earlier attempt as `kept[m<i>]` (not bare numbers:
/// MultipartKit reads `[3]` as an array index and drops indices past the end).
struct ApplicationSubmission: Content {
    var item: String?
    var event: String?
    var form: [String: String]?
    var file: [String: File]?
    var kept: [String: String]?
    var company: String?
    var district: String?

    /// Routes that take files from a browser form: big bodies are allowed here and nowhere else.
    static let maxBody = ByteCount(value: BodyLimitMiddleware.uploadBytes)

    static func index(_ key: String) -> Int? { key.hasPrefix("m") ? Int(key.dropFirst()) : nil }

    struct Prepared {
        var input: ApplicationInput
        var kept: [Int: ApplicationFormHTML.Kept]
        var errors: [String: String]
    }

    /// Saves the chosen files (each checked on its own, so one bad file does not lose the others)
    /// and turns the submission into the API's input.
    func prepare(_ draft: CaseDraft, owner: UUID, request: Request) async throws -> Prepared {
        var files: [Int: ApplicationFormHTML.Kept] = [:]
        var errors: [String: String] = [:]
        let earlier = (kept ?? [:]).compactMapValues(UUID.init(uuidString:))
        let owned = try await Upload.query(on: request.db).filter(\.$id ~~ Array(earlier.values)).filter(\.$owner.$id == owner).all()
        for (key, id) in earlier {
            guard let index = Self.index(key), let upload = owned.first(where: { $0.id == id }) else { continue }
            files[index] = .init(uploadID: id, fileName: upload.fileName)
        }
        for (key, file) in file ?? [:] {
            guard let index = Self.index(key), draft.materials.indices.contains(index), file.data.readableBytes > 0 else { continue }
            do {
                let upload = try await request.application.uploadStore.save(
                    Data(file.data.readableBytesView), fileName: file.filename, owner: owner, on: request.db)
                files[index] = .init(uploadID: try upload.requireID(), fileName: upload.fileName)
            } catch let error as AppError {
                errors["material.\(index)"] = error.message
            }
        }
        let materials = files.sorted { $0.key < $1.key }.compactMap { index, file in
            draft.materials.indices.contains(index) ? MaterialUpload(name: draft.materials[index].name, uploadId: file.uploadID) : nil
        }
        let input = ApplicationInput(item: draft.item, lifeEvent: draft.lifeEvent, form: form ?? [:], materials: materials,
                                     company: company?.trimmed.nilIfEmpty, district: district)
        return Prepared(input: input, kept: files, errors: errors)
    }
}
