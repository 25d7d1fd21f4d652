import NIOConcurrencyHelpers
import TongbanCore

/// Towns, streets and landmarks of Lu'an by district, so a message that names "梅山路" or "苏埠镇" is known
/// to be local to its district. District names themselves come from the catalogue.
enum HotlinePlaces {
    static let byDistrict: [String: [String]] = [
        "341502": ["金安", "三里桥", "中市街道", "东市街道", "清水河", "城北乡", "望城街道", "东河口", "木厂", "椿树", "横塘岗",
                   "施桥", "孙岗", "张店", "毛坦厂", "翁墩", "淠东", "梅山路", "皖西大道", "佛子岭路", "解放路", "人民路", "云路街", "长安路"],
        "341503": ["裕安", "鼓楼街道", "西市街道", "小华山", "平桥", "城南镇", "苏埠", "独山", "丁集", "徐集", "固镇", "韩摆渡",
                   "新安镇", "顺河", "石婆店", "狮子岗", "分路口", "青山乡", "淠河路", "寿春路", "龙河路"],
        "341504": ["叶集", "史河街道", "三元镇", "孙岗乡", "洪集"],
        "341522": ["霍邱", "临淮岗", "周集", "孟集", "冯井", "姚李", "城西湖", "城东湖", "户胡", "石店", "高塘"],
        "341523": ["舒城", "杭埠", "千人桥", "桃溪", "万佛湖", "晓天", "河棚", "干汊河", "百神庙", "南港"],
        "341524": ["金寨", "梅山镇", "天堂寨", "燕子河", "青山镇", "白塔畈", "古碑", "汤家汇", "南溪", "梅山水库", "响洪甸"],
        "341525": ["霍山", "衡山镇", "佛子岭镇", "佛子岭水库", "下符桥", "但家庙", "与儿街", "诸佛庵", "大化坪", "漫水河", "太平畈"],
    ]

    /// Built once per set of districts: the catalogue's districts hardly ever change, intake asks on every ticket.
    static func matcher(districts: [DistrictRecord]) -> DistrictMatcher {
        let key = districts.map { $0.code + $0.name }.joined(separator: ",")
        if let cached = cache.withLockedValue({ $0 }), cached.key == key { return cached.matcher }
        var names = byDistrict
        for district in districts { names[district.code, default: []].append(district.name) }
        let matcher = DistrictMatcher(names)
        cache.withLockedValue { $0 = (key, matcher) }
        return matcher
    }

    private static let cache = NIOLockedValueBox<(key: String, matcher: DistrictMatcher)?>(nil)
}
