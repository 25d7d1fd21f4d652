import Testing
import TongbanCore

@Suite("CommentGrouping")
struct CommentGroupingTests {
    let index = ServiceCatalogue.index()

    @Test("reworded comments on the same matter form one group; a different matter stays apart")
    func groups() {
        let comments = [
            "小区停车位太少，建议新建立体停车场",
            "建议多建立体停车场，小区停车位严重不足",
            "老旧小区加装电梯的补贴标准太低",
            "小区停车位不够，希望新建立体停车场",
            "加装电梯补贴标准建议提高",
        ]
        let groups = CommentGrouping.groups(comments, index: index)
        #expect(groups == [[0, 1, 3], [2, 4]])
    }

    @Test("every comment is in exactly one group, in order, and the result does not change between runs")
    func partition() {
        let comments = ["公交线路太少", "停车收费太贵", "公交站点离小区太远", "", "停车收费标准太高", "路灯不亮"]
        let groups = CommentGrouping.groups(comments, index: index)
        #expect(groups.flatMap { $0 }.sorted() == Array(comments.indices))
        #expect(groups.allSatisfy { $0 == $0.sorted() })
        #expect(groups.map(\.first!) == groups.map(\.first!).sorted())
        #expect(CommentGrouping.groups(comments, index: index) == groups)
    }

    @Test("no comments, no groups; a threshold above 1 keeps every comment alone")
    func edges() {
        #expect(CommentGrouping.groups([], index: index).isEmpty)
        let same = ["停车位太少", "停车位太少"]
        #expect(CommentGrouping.groups(same, index: index) == [[0, 1]])
        #expect(CommentGrouping.groups(same, index: index, threshold: 1.01) == [[0], [1]])
    }
}
