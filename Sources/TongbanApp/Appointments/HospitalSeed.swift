import Fluent
import Foundation

/// The city's hospitals, departments and doctors as shipped in `Resources/seed/hospitals.json`, loaded once into an
/// empty table; a real deployment would take them from the health commission's hospital register.
enum HospitalSeed {
    struct File: Decodable {
        struct Entry: Decodable {
            var code: String
            var name: String
            var district: String
            var address: String
            var phone: String
            var departments: [Department]
        }
        struct Department: Decodable {
            var code: String
            var name: String
            var doctors: [DoctorEntry]
        }
        struct DoctorEntry: Decodable {
            var code: String
            var name: String
            var title: String
            var feeFen: Int
            var specialty: String
            var schedule: [DoctorShift]
        }
        var hospitals: [Entry]
    }

    static func load(on db: any Database) async throws -> Bool {
        guard try await Hospital.query(on: db).count() == 0 else { return false }
        guard let url = Bundle.module.url(forResource: "hospitals", withExtension: "json", subdirectory: "Resources/seed") else {
            throw AppError(.internalServerError, "seed.missing", "缺少医院数据 hospitals.json")
        }
        let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        try await db.transaction { db in
            for entry in file.hospitals {
                let hospital = Hospital()
                (hospital.code, hospital.name, hospital.districtCode, hospital.address, hospital.phone) =
                    (entry.code, entry.name, entry.district, entry.address, entry.phone)
                try await hospital.create(on: db)
                for item in entry.departments {
                    let department = ClinicDepartment()
                    (department.hospitalID, department.code, department.name) = (try hospital.requireID(), item.code, item.name)
                    try await department.create(on: db)
                    for person in item.doctors {
                        let doctor = Doctor()
                        (doctor.departmentID, doctor.code, doctor.name, doctor.title) = (try department.requireID(), person.code, person.name, person.title)
                        (doctor.feeFen, doctor.specialty) = (person.feeFen, person.specialty)
                        doctor.scheduleJSON = String(decoding: try JSONEncoder().encode(person.schedule), as: UTF8.self)
                        try await doctor.create(on: db)
                    }
                }
            }
        }
        return true
    }
}
