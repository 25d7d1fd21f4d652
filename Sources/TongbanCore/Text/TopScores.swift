/// The best `capacity` scores seen so far, kept as a min-heap so that each offer costs O(log capacity)
/// rather than sorting every candidate.
struct TopScores: Sendable {
    struct Entry: Sendable {
        let score: Double
        let slot: UInt32

        /// Equal scores fall back to slot order only so that selection is deterministic.
        func outranks(_ other: Entry) -> Bool {
            score != other.score ? score > other.score : slot < other.slot
        }
    }

    let capacity: Int
    private var heap: [Entry] = []

    init(capacity: Int) {
        self.capacity = capacity
        heap.reserveCapacity(capacity)
    }

    var isFull: Bool { heap.count >= capacity }
    /// The weakest score still kept; meaningful once full.
    var weakest: Double { heap.first?.score ?? 0 }
    var entries: [Entry] { heap }

    mutating func offer(_ score: Double, slot: UInt32) {
        let entry = Entry(score: score, slot: slot)
        if heap.count < capacity {
            heap.append(entry)
            siftUp(heap.count - 1)
        } else if capacity > 0, entry.outranks(heap[0]) {
            heap[0] = entry
            siftDown(0)
        }
    }

    private mutating func siftUp(_ index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[parent].outranks(heap[child]) else { return }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    private mutating func siftDown(_ index: Int) {
        var parent = index
        while true {
            var weakest = parent
            let left = 2 * parent + 1, right = left + 1
            if left < heap.count && heap[weakest].outranks(heap[left]) { weakest = left }
            if right < heap.count && heap[weakest].outranks(heap[right]) { weakest = right }
            guard weakest != parent else { return }
            heap.swapAt(parent, weakest)
            parent = weakest
        }
    }
}
