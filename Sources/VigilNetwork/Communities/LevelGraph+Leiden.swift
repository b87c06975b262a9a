import Foundation

extension LevelGraph {
    /// Leiden's fast local moving: a queue of nodes, each moved to the best neighbouring or an empty community;
    /// the neighbours of a moved node outside its new community are queued again.
    func moveNodesFast(
        _ start: [Int], resolution: Double, using generator: inout some RandomNumberGenerator
    ) -> [Int] {
        let n = nodeCount
        let (strength, twiceTotal) = strengths()
        guard twiceTotal > 0 else { return start }
        var community = start
        var communityStrength = [Double](repeating: 0, count: n)
        var size = [Int](repeating: 0, count: n)
        for node in 0..<n {
            communityStrength[community[node]] += strength[node]
            size[community[node]] += 1
        }
        var empty = (0..<n).filter { size[$0] == 0 }.reversed() as [Int]
        var queue = Array(0..<n)
        queue.shuffle(using: &generator)
        var isQueued = [Bool](repeating: true, count: n)
        var head = 0
        var neighbours = NeighbourWeights(count: n)
        while head < queue.count {
            let node = queue[head]
            head += 1
            isQueued[node] = false
            let current = community[node]
            neighbours.gather(node, in: self, community: community)
            communityStrength[current] -= strength[node]
            size[current] -= 1
            if size[current] == 0 { empty.append(current) }
            let scale = resolution * strength[node] / twiceTotal
            var best = current
            var bestGain = neighbours.weight[current] - scale * communityStrength[current]
            for candidate in neighbours.communities where candidate != current {
                let gain = neighbours.weight[candidate] - scale * communityStrength[candidate]
                if gain > bestGain + 1e-12 * max(1, abs(bestGain)) {
                    best = candidate
                    bestGain = gain
                }
            }
            if bestGain < -1e-12, size[current] > 0, let fresh = empty.last {
                best = fresh  // alone is better than any community at hand
            }
            if size[best] == 0, let index = empty.lastIndex(of: best) { empty.remove(at: index) }
            communityStrength[best] += strength[node]
            size[best] += 1
            community[node] = best
            neighbours.clear()
            if best != current {
                for slot in offsets[node]..<offsets[node + 1] {
                    let neighbor = neighbors[slot]
                    if community[neighbor] != best, !isQueued[neighbor] {
                        isQueued[neighbor] = true
                        queue.append(neighbor)
                    }
                }
            }
        }
        return community
    }

    /// Leiden's refinement: inside each community, nodes start alone and merge only into well-connected
    /// sub-communities of the same community, chosen at random by their modularity gain.
    func refine(
        _ partition: [Int], resolution: Double, randomness: Double, using generator: inout some RandomNumberGenerator
    ) -> [Int] {
        let n = nodeCount
        let (strength, twiceTotal) = strengths()
        var refined = Array(0..<n)
        guard twiceTotal > 0 else { return refined }
        let total = twiceTotal / 2
        var refinedStrength = strength
        var refinedSize = [Int](repeating: 1, count: n)
        // Weight from each node (then each refined community) to the rest of its community.
        var external = [Double](repeating: 0, count: n)
        var communityStrength = [Double](repeating: 0, count: n)
        var members = [[Int]](repeating: [], count: n)
        for node in 0..<n {
            communityStrength[partition[node]] += strength[node]
            members[partition[node]].append(node)
            for slot in offsets[node]..<offsets[node + 1] where partition[neighbors[slot]] == partition[node] {
                external[node] += weights[slot]
            }
        }
        var linkWeight = [Double](repeating: 0, count: n)
        var isTouched = [Bool](repeating: false, count: n)
        var touched: [Int] = []
        for community in 0..<n where members[community].count > 1 {
            let communityTotal = communityStrength[community]
            var order = members[community]
            order.shuffle(using: &generator)
            for node in order where refinedSize[refined[node]] == 1 {
                // Only well-connected nodes move: enough weight to the rest of the community.
                guard external[node] >= resolution * strength[node] * (communityTotal - strength[node]) / twiceTotal else { continue }
                touched.removeAll(keepingCapacity: true)
                for slot in offsets[node]..<offsets[node + 1] where partition[neighbors[slot]] == community {
                    let target = refined[neighbors[slot]]
                    if !isTouched[target] {
                        isTouched[target] = true
                        touched.append(target)
                    }
                    linkWeight[target] += weights[slot]
                }
                let own = refined[node]
                var candidates: [(target: Int, gain: Double)] = [(own, 0)]
                for target in touched where target != own {
                    let targetStrength = refinedStrength[target]
                    let isWellConnected =
                        external[target] >= resolution * targetStrength * (communityTotal - targetStrength) / twiceTotal
                    let gain = (linkWeight[target] - resolution * strength[node] * targetStrength / twiceTotal) / total
                    if isWellConnected, gain >= 0 { candidates.append((target, gain)) }
                }
                let chosen = Self.choose(candidates, randomness: randomness, using: &generator)
                if chosen != own {
                    external[chosen] += external[node] - 2 * linkWeight[chosen]
                    refinedStrength[chosen] += strength[node]
                    refinedSize[chosen] += 1
                    refinedSize[own] = 0
                    refined[node] = chosen
                }
                for target in touched {
                    linkWeight[target] = 0
                    isTouched[target] = false
                }
            }
        }
        return refined
    }

    /// Picks a candidate with probability ∝ exp(gain / randomness).
    private static func choose(
        _ candidates: [(target: Int, gain: Double)], randomness: Double, using generator: inout some RandomNumberGenerator
    ) -> Int {
        guard candidates.count > 1 else { return candidates[0].target }
        let top = candidates.map(\.gain).max()!
        let weights = candidates.map { exp(($0.gain - top) / randomness) }
        var draw = Double.random(in: 0..<weights.reduce(0, +), using: &generator)
        for (index, weight) in weights.enumerated() {
            draw -= weight
            if draw < 0 { return candidates[index].target }
        }
        return candidates[candidates.count - 1].target
    }
}
