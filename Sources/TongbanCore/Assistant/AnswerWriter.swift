/// Writes the assistant's answer from an entry's facts: short, the part asked first, always naming the service.
enum AnswerWriter {
    static func write(_ entry: AssistantEntry, subject: AssistantEntry, aspects: [Aspect], question: String = "", synonyms: SynonymTable? = nil) -> String {
        var lines: [String] = []
        if entry.kind == .faq, let answer = entry.answer {
            lines.append(answer)
            if subject.id != entry.id { lines.append("相关事项：\(subject.title)。") }
            for aspect in aspects where !mentions(answer, aspect) { lines.append(part(aspect, of: subject)) }
            return lines.filter { !$0.isEmpty }.joined(separator: "\n")
        }
        lines.append("【\(subject.title)】")
        if aspects.isEmpty {
            lines.append(sentence(subject.summary))
            lines.append(part(.time, of: subject) + " " + part(.fee, of: subject) + " " + part(.online, of: subject))
            lines.append(part(.materials, of: subject, brief: true))
        } else {
            // One line on what the service is, then what was asked.
            lines.append(sentence(subject.summary))
            for aspect in aspects.prefix(3) { lines.append(part(aspect, of: subject)) }
        }
        let written = lines.joined()
        let evidence = Evidence.sentences(for: question, in: subject, limit: 3, synonyms: synonyms).filter { !written.contains($0) }
        if !evidence.isEmpty { lines.append("另外：" + evidence.joined(separator: " ")) }
        return lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.joined(separator: "\n")
    }

    static func part(_ aspect: Aspect, of entry: AssistantEntry, brief: Bool = false) -> String {
        switch aspect {
        case .materials:
            if entry.kind == .lifeEvent {
                return "一次提交，同时办理：\(entry.parts.joined(separator: "、"))。所需材料按各事项合并，重复的只交一次。"
            }
            let needed = entry.materials.filter { !$0.exempt }
            let exempt = entry.materials.filter(\.exempt)
            guard !entry.materials.isEmpty else { return "无需提交材料。" }
            let list = needed.map { material in
                let notes = [brief ? nil : material.form, material.required ? nil : "如有"].compactMap { $0 }
                return material.name + (notes.isEmpty ? "" : "（\(notes.joined(separator: "，"))）")
            }
            var text = needed.isEmpty ? "无需提交纸质材料。" : "需要准备：\(list.joined(separator: "、"))。"
            if !exempt.isEmpty { text += "可免提交（通过数据共享或电子证照获取）：\(exempt.map(\.name).joined(separator: "、"))。" }
            return text
        case .time:
            guard let promised = entry.promisedDays else { return "" }
            let limit = promised == 0 ? "即办件，材料齐全当场办结。" : "承诺\(promised)个工作日内办结。"
            if let legal = entry.legalDays, legal > promised { return limit + "（法定时限\(legal)个工作日）" }
            return limit
        case .fee:
            guard let fee = entry.fee else { return "" }
            return "收费：\(fee)。"
        case .place:
            var text = entry.places.isEmpty ? "" : "办理地点：\(entry.places.joined(separator: "；"))。"
            if let phone = entry.phone { text += "咨询电话：\(phone)。" }
            return text.isEmpty ? "可在“通办”网上办理，或到六安市政务服务中心综合窗口咨询。" : text
        case .online:
            switch entry.online {
            case "全程网办": return "可以网上办理（全程网办），在“通办”点“在线办理”提交，不用跑窗口。"
            case "最多跑一次": return "可以网上申请，最多跑一次（领取结果或核验原件时到现场）。"
            case "需到现场": return "需要到现场办理，可先在网上查看办事指南、准备材料。"
            default: return entry.kind == .lifeEvent ? "可以网上一次申请，多个部门同时办理。" : ""
            }
        case .conditions:
            guard !entry.conditions.isEmpty else { return "办理条件：\(sentence(entry.summary))" }
            return "办理条件：" + entry.conditions.prefix(4).enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "；") + "。"
        case .steps:
            guard !entry.steps.isEmpty else { return sentence(entry.summary) }
            return "办理流程：" + entry.steps.prefix(5).enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "；") + "。"
        }
    }

    /// The first sentence: answers stay short.
    static func sentence(_ text: String) -> String {
        guard let end = text.firstIndex(where: { "。！？".contains($0) }) else { return text }
        return String(text[...end])
    }

    /// Whether an FAQ answer already covers the aspect asked, so the item's fact is not added twice.
    static func mentions(_ answer: String, _ aspect: Aspect) -> Bool {
        switch aspect {
        case .materials: answer.contains("材料") || answer.contains("携带") || answer.contains("准备")
        case .time: answer.contains("工作日") || answer.contains("天")
        case .fee: answer.contains("费") || answer.contains("元")
        case .place: answer.contains("地址") || answer.contains("窗口") || answer.contains("中心")
        case .online: answer.contains("网上") || answer.contains("网办")
        case .conditions: answer.contains("条件")
        case .steps: answer.contains("流程") || answer.contains("步骤")
        }
    }
}
