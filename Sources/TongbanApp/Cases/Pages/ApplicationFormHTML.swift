import Foundation
import Vapor

/// One form for one application, whether a citizen fills it online or a clerk at the counter.
/// Files go in the same multipart submission; files already uploaded by an earlier attempt that
/// failed validation are carried as hidden ids, so nobody has to choose them again.
enum ApplicationFormHTML {
    struct Kept {
        var uploadID: UUID
        var fileName: String
    }

    static func render(_ request: Request, draft: CaseDraft, action: String, values: [String: String], errors: [String: String],
                       kept: [Int: Kept], company: String?, district: String?, before: HTML = .empty) -> HTML {
        let fields: [HTML] = draft.fields.map { field(field: $0, value: values[$0.key] ?? $0.value, error: errors[$0.key]) }
        let materials: [HTML] = draft.materials.enumerated().map { index, material in
            if let source = material.replaceableBy {
                return "<li><strong>\(material.name)</strong> <span class=\"tag online\">\(GuideView.replacementText(source))</span></li>"
            }
            let already: HTML = kept[index].map {
                "<input type=\"hidden\" name=\"kept[m\(index)]\" value=\"\($0.uploadID.uuidString)\"><p class=\"hint\">已上传：\($0.fileName)（如需更换，请重新选择文件）</p>"
            } ?? .empty
            let error = errors["material.\(index)"]
            return """
            <li><label for="file-\(index)">\(material.name)\(material.required ? HTML.empty : "（非必需）")</label>
            <input id="file-\(index)" type="file" name="file[m\(index)]" accept="application/pdf,image/jpeg,image/png"\(error == nil ? HTML.empty : " aria-invalid=\"true\"")>
            \(already)\(material.note.map { "<p class=\"hint\">\($0)</p>" as HTML } ?? .empty)\(error.map { "<p class=\"field-error\">\($0)</p>" as HTML } ?? .empty)</li>
            """
        }
        let companies: [HTML] = draft.companies.map {
            "<option value=\"\($0.creditCode)\"\(company == $0.creditCode ? " selected" as HTML : .empty)>\($0.name)（\($0.creditCode)）</option>"
        }
        let chosenDistrict = district ?? draft.districts.first?.code
        let districts: [HTML] = draft.districts.map {
            "<option value=\"\($0.code)\"\(chosenDistrict == $0.code ? " selected" as HTML : .empty)>\($0.name)</option>"
        }
        let companyBlock: HTML = draft.companies.isEmpty
            ? (draft.companyOnly ? "<p class=\"field-error\">该事项由企业办理，请先在<a href=\"\(SiteURL.me)\">“我的”</a>关联企业。</p>" : .empty)
            : """
              <label for="company">代办企业</label>
              <select id="company" name="company">\(draft.companyOnly ? HTML.empty : "<option value=\"\">以个人身份申请</option>")\(companies)</select>
              \(errors["company"].map { "<p class=\"field-error\">\($0)</p>" as HTML } ?? .empty)
              """
        return """
        <form class="stacked" method="post" action="\(action)" enctype="multipart/form-data">
          \(Layout.csrfField(request))
          \(draft.item.map { "<input type=\"hidden\" name=\"item\" value=\"\($0)\">" as HTML } ?? .empty)
          \(draft.lifeEvent.map { "<input type=\"hidden\" name=\"event\" value=\"\($0)\">" as HTML } ?? .empty)
          \(before)
          <fieldset><legend>填写信息</legend>
            <p class="hint">已为您自动填好能从账户和共享数据中得到的内容，请核对。</p>
            \(fields)
            \(companyBlock)
            <label for="district">办理地（区县）</label>
            <select id="district" name="district">\(districts)</select>
          </fieldset>
          <fieldset><legend>上传材料</legend>
            <p class="hint">支持 PDF、JPG、PNG，每个文件不超过 10 MB。标有“免提交”的材料由部门共享获取，无需上传。</p>
            \(errors["materials"].map { "<p class=\"field-error\" role=\"alert\">\($0)</p>" as HTML } ?? .empty)
            <ul class="list">\(materials)</ul>
          </fieldset>
          <p><button type="submit">提交申请</button></p>
          <p class="hint">提交后由综合窗口受理，受理后 \(draft.promisedLimitDays) 个工作日内办结（补正材料期间暂停计时）。</p>
        </form>
        """
    }

    static func field(field: CaseDraft.Field, value: String, error: String?) -> HTML {
        let id = "f-\(field.key)"
        let required: HTML = field.required ? " required" : .empty
        let invalid: HTML = error == nil ? .empty : " aria-invalid=\"true\""
        let maxLength: HTML = field.maxLength.map { " maxlength=\"\($0)\"" } ?? .empty
        let name = "form[\(field.key)]"
        let control: HTML
        switch field.type {
        case "textarea":
            control = "<textarea id=\"\(id)\" name=\"\(name)\"\(required)\(maxLength)\(invalid)>\(value)</textarea>"
        case "choice", "boolean":
            let options = field.type == "boolean" ? ["是", "否"] : (field.options ?? [])
            let rows: [HTML] = options.map { "<option\(value == $0 ? " selected" as HTML : .empty)>\($0)</option>" }
            control = "<select id=\"\(id)\" name=\"\(name)\"\(required)\(invalid)><option value=\"\">请选择</option>\(rows)</select>"
        default:
            let type = ["date": "date", "phone": "tel"][field.type] ?? "text"
            let mode: HTML = ["money": " inputmode=\"decimal\"", "integer": " inputmode=\"numeric\"", "residentId": " maxlength=\"18\""][field.type].map { HTML(unsafeRaw: $0) } ?? .empty
            control = "<input id=\"\(id)\" type=\"\(type)\" name=\"\(name)\" value=\"\(value)\"\(required)\(maxLength)\(mode)\(invalid)>"
        }
        return """
        <label for="\(id)">\(field.label)\(field.required ? HTML.empty : "（选填）")</label>
        \(control)\(field.prefilledFrom == nil ? HTML.empty : "<p class=\"hint\">已自动填写</p>")\(error.map { "<p class=\"field-error\">\($0)</p>" as HTML } ?? .empty)
        """
    }
}
