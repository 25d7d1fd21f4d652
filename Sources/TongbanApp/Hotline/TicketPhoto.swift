import Fluent
import Foundation
import Vapor

/// 现场照片: a photo of the leaking pipe or the broken lamp says more than a paragraph. A ticket keeps up to three,
/// stored like every upload (by content hash), and shown only to those who may read the ticket itself.
final class TicketPhoto: Model, @unchecked Sendable {
    static let schema = "ticket_photos"

    @ID(key: .id) var id: UUID?
    @Field(key: "ticket_id") var ticketID: UUID
    @Field(key: "upload_id") var uploadID: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

struct CreateTicketPhotos: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(TicketPhoto.schema)
            .id()
            .field("ticket_id", .uuid, .required, .references(Ticket.schema, .id))
            .field("upload_id", .uuid, .required, .references(Upload.schema, .id))
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(TicketPhoto.schema).delete()
    }
}

enum TicketPhotos {
    static let maxCount = 3
    static let types: Set<String> = ["image/jpeg", "image/png"]

    /// The filer's own image uploads, at most three; every problem named under `photos`.
    static func check(_ ids: [UUID], owner: UUID, on db: any Database) async throws -> [UUID] {
        let wanted = Array(NSOrderedSet(array: ids).compactMap { $0 as? UUID })
        guard !wanted.isEmpty else { return [] }
        guard wanted.count <= maxCount else {
            throw AppError.invalid("ticket.too_many_photos", "最多上传\(maxCount)张照片", details: ["photos": "最多上传\(maxCount)张照片"])
        }
        let found = try await Upload.query(on: db).filter(\.$id ~~ wanted).filter(\.$owner.$id == owner).all()
        guard found.count == wanted.count else { throw AppError.notFound("照片", code: "upload.not_found") }
        guard found.allSatisfy({ types.contains($0.contentType) }) else {
            throw AppError.invalid("ticket.photo_type", "照片只能是 JPG 或 PNG 图片", details: ["photos": "照片只能是 JPG 或 PNG 图片"])
        }
        return wanted
    }

    /// Written in the ticket's own transaction (`TicketService.intake`'s `alongside`).
    static func attach(_ uploads: [UUID], to ticket: Ticket, at now: Date, on db: any Database) async throws {
        for upload in uploads {
            let photo = TicketPhoto()
            (photo.ticketID, photo.uploadID, photo.createdAt) = (try ticket.requireID(), upload, now)
            try await photo.create(on: db)
        }
    }

    static func path(_ number: String, _ upload: UUID) -> String { "/tickets/\(number)/photos/\(upload.uuidString)" }

    static func html(_ view: TicketView) -> HTML {
        guard !view.photos.isEmpty else { return .empty }
        let items: [HTML] = view.photos.enumerated().map { index, id in
            "<a href=\"\(path(view.number, id))\"><img src=\"\(path(view.number, id))\" alt=\"现场照片\(index + 1)\" loading=\"lazy\"></a>"
        }
        return "<h2>现场照片</h2><p class=\"ticket-photos\">\(items.joined(separator: " "))</p>"
    }
}

/// Serves a ticket's photo to whoever may read that ticket (its caller, the department or community handling it,
/// the 12345 centre); to anyone else it does not exist.
struct TicketPhotoController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("tickets", ":number", "photos", ":id", use: photo)
    }

    @Sendable func photo(_ request: Request) async throws -> Response {
        let person = try request.requirePrincipal()
        let (ticket, _) = try await request.tickets.visibleTicket(request.parameters.get("number") ?? "", to: person)
        guard let id = request.parameters.get("id", as: UUID.self),
              try await TicketPhoto.query(on: request.db).filter(\.$ticketID == ticket.requireID()).filter(\.$uploadID == id).count() > 0,
              let upload = try await Upload.find(id, on: request.db) else { throw AppError.notFound("照片", code: "photo.not_found") }
        let headers = HTTPHeaders([("Content-Type", upload.contentType), ("Cache-Control", "private, max-age=3600")])
        return Response(status: .ok, headers: headers, body: .init(data: try request.application.uploadStore.read(upload)))
    }
}
