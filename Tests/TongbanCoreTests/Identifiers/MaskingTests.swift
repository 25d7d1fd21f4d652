import Testing
import TongbanCore

@Suite("Masking")
struct MaskingTests {
    @Test("resident IDs keep the first and last 4", arguments: [
        ("340102199001011234", "3401**********1234"),
        ("110105491231002", "1101*******1002"),
        (" 11010519491231002X ", "1101**********002X"),
        ("12345678", "12****78"),
        ("123", "***"),
        ("", ""),
    ])
    func residentID(input: String, expected: String) {
        #expect(Masking.residentID(input) == expected)
    }

    @Test("phones keep what identifies the line but not the subscriber", arguments: [
        ("13812345678", "138****5678"),
        ("138 1234 5678", "138****5678"),
        ("+86 138-1234-5678", "+86 138****5678"),
        ("010-12345678", "010-****5678"),
        ("02112345678", "021-****5678"),
        ("0551-6512345", "0551-****345"),
        ("(0551)65123456", "0551-****3456"),
        ("12345678", "****5678"),
        ("12345", "***45"),
        ("1", "*"),
        ("abc", "****"),
        ("", ""),
    ])
    func phone(input: String, expected: String) {
        #expect(Masking.phone(input) == expected)
    }

    @Test("names keep only the first character", arguments: [
        ("张三", "张*"), ("欧阳娜娜", "欧***"), ("王小明", "王**"), ("李", "*"), ("", ""), (" 王五 ", "王*"),
    ])
    func name(input: String, expected: String) {
        #expect(Masking.name(input) == expected)
    }

    @Test("credit codes are public and returned unchanged")
    func creditCode() {
        #expect(Masking.creditCode("91110108551385082Q") == "91110108551385082Q")
    }

    @Test("addresses keep the administrative part only", arguments: [
        ("安徽省合肥市蜀山区长江西路100号", "安徽省合肥市蜀山区****"),
        ("北京市朝阳区望京街道花家地小区3号楼2单元501", "北京市朝阳区望京街道****"),
        ("内蒙古自治区呼和浩特市新城区中山东路8号", "内蒙古自治区呼和浩特市新城区****"),
        ("山西省晋城市城区凤台东街1号", "山西省晋城市城区****"),
        ("浙江省杭州市西湖区城市花园5幢", "浙江省杭州市西湖区****"),
        ("上海市浦东新区张江镇科苑路88号", "上海市浦东新区张江镇****"),
        ("广东省深圳市南山区人民市场旁", "广东省深圳市南山区****"),
        ("江苏省南京市鼓楼区广州路10号", "江苏省南京市鼓楼区****"),
        ("河北省唐山市路北区建设路1号", "河北省唐山市路北区****"),
        ("重庆市万州区高笋塘1号", "重庆市万州区****"),
        ("湖北省恩施土家族苗族自治州恩施市舞阳坝街道解放路2号", "湖北省恩施土家族苗族自治州恩施市舞阳坝街道****"),
        ("人民路100号3栋501室", "人民路100****"),
        ("北京市朝阳区", "北京市朝阳区"),
        ("", ""),
    ])
    func address(input: String, expected: String) {
        #expect(Masking.address(input) == expected)
    }
}
