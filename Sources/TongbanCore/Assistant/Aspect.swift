import Foundation

/// What a question asks about a service: the assistant answers that part first. Detected from cue words people use;
/// the cues are taken out of the text before the service is looked up, so "要带什么" does not pull in every item
/// whose guide mentions materials.
public enum Aspect: String, CaseIterable, Sendable {
    case materials, time, fee, place, online, conditions, steps

    static let cues: [(Aspect, [String])] = [
        (.materials, ["需要哪些材料", "需要什么材料", "要什么材料", "什么材料", "哪些材料", "要带什么", "带什么", "带啥", "要带", "需要什么", "需要啥",
                      "要什么", "要啥", "准备什么", "准备啥", "提供什么", "拿什么", "哪些证件", "什么证件", "材料", "资料", "手续"]),
        (.time, ["多长时间", "多久", "几天", "多少天", "几个工作日", "时限", "啥时候", "什么时候", "多快", "要多长", "期限", "时间"]),
        (.fee, ["多少钱", "收不收费", "收费吗", "收费", "费用", "要钱", "花钱", "免费", "交钱", "工本费", "几块钱"]),
        (.place, ["在哪里", "在哪儿", "在哪", "去哪里", "去哪儿", "去哪", "哪里办", "哪儿办", "地址", "哪个窗口", "窗口", "地点", "哪个部门", "电话"]),
        (.online, ["网上能办", "网上办", "网上", "线上", "手机上", "手机", "app", "APP", "皖事通", "网办", "不用跑", "在家", "掌上"]),
        (.conditions, ["什么条件", "条件", "能不能", "可不可以", "可以吗", "能否", "符合", "资格", "谁能", "是否可以", "够不够"]),
        (.steps, ["流程", "步骤", "怎么办理", "如何办理", "怎么办", "如何办", "怎么弄", "咋办", "咋整", "怎么申请", "如何申请", "怎么操作", "程序", "怎么搞"]),
    ]

    /// The aspects a question names, in the order of `Aspect.allCases`, and the question with their cue words removed.
    public static func detect(_ question: String) -> (aspects: [Aspect], rest: String) {
        var rest = question
        var found: Set<Aspect> = []
        for (aspect, words) in cues {
            for word in words where rest.contains(word) {
                found.insert(aspect)
                rest = rest.replacingOccurrences(of: word, with: " ")
            }
        }
        // "还能换吗", "能一次取完吗": a yes-or-no question about being allowed is a question about the conditions.
        if (question.contains("能") || question.contains("可以")) && (question.contains("吗") || question.hasSuffix("？")) { found.insert(.conditions) }
        return (allCases.filter(found.contains), rest)
    }
}
