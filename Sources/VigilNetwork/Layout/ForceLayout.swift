/// A point of a drawing, in layout units (the ideal edge length is 1).
public struct LayoutPoint: Hashable, Sendable {
    /// The horizontal coordinate.
    public var x: Double
    /// The vertical coordinate.
    public var y: Double

    /// A point at `x`, `y`.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// A force-directed layout for drawing a graph: Fruchterman and Reingold's spring embedder ("Graph drawing by
/// force-directed placement", Software: Practice and Experience 21, 1991), with their grid variant of the
/// repulsion and a weak pull towards the centre that keeps separate components in view.
///
/// Nodes start at seeded random points of a square of side √*n*; at each iteration every node is pushed away
/// from the nodes in its own and the neighbouring grid cells (force *k*²/*d*) and pulled along its edges (force
/// *d*²/*k*), then moved by at most the temperature, which cools linearly to zero. The ideal distance *k* is 1.
/// Nodes are visited in ID order and the only randomness is the generator, so the same graph, iterations and
/// seed give the same drawing on every run and machine.
public struct ForceLayout: Sendable {
    /// The number of iterations (default 300).
    public var iterations: Int
    /// The strength of the pull towards the centre, relative to an edge's (default 0.05).
    public var gravity: Double

    /// A layout with the given number of iterations and pull towards the centre.
    public init(iterations: Int = 300, gravity: Double = 0.05) {
        self.iterations = iterations
        self.gravity = gravity
    }

    /// The position of every node, by node ID, within the square [0, √*n*]².
    /// - Complexity: O(*n* + *m*) per iteration when nodes spread evenly over the grid.
    public func positions(of graph: Graph, using generator: inout some RandomNumberGenerator) -> [LayoutPoint] {
        let n = graph.nodeCount
        guard n > 1 else { return n == 1 ? [LayoutPoint(x: 0.5, y: 0.5)] : [] }
        let side = Double(n).squareRoot()
        var x = (0..<n).map { _ in Double.random(in: 0..<side, using: &generator) }
        var y = (0..<n).map { _ in Double.random(in: 0..<side, using: &generator) }
        let grid = RepulsionGrid(side: side, cellSize: 2)
        let adjacencies = graph.isDirected ? [graph.outgoing, graph.incoming] : [graph.outgoing]
        let centre = side / 2
        var dx = [Double](repeating: 0, count: n)
        var dy = [Double](repeating: 0, count: n)
        for iteration in 0..<iterations {
            let temperature = side / 10 * (1 - Double(iteration) / Double(iterations))
            let cells = grid.bucket(x: x, y: y)
            for node in 0..<n {
                var (fx, fy) = (0.0, 0.0)
                grid.forEachNeighbour(of: node, x: x, y: y, cells: cells) { other in
                    let (ux, uy) = (x[node] - x[other], y[node] - y[other])
                    let squared = max(ux * ux + uy * uy, 1e-9)
                    guard squared < 4 else { return }
                    // k²/d along the unit vector: (u/d)·(1/d) = u/d².
                    fx += ux / squared
                    fy += uy / squared
                }
                for adjacency in adjacencies {
                    for slot in adjacency.range(of: node) {
                        let other = adjacency.neighbors[slot]
                        let (ux, uy) = (x[other] - x[node], y[other] - y[node])
                        let distance = (ux * ux + uy * uy).squareRoot()
                        // d²/k along the unit vector: u·d.
                        fx += ux * distance
                        fy += uy * distance
                    }
                }
                fx += gravity * (centre - x[node])
                fy += gravity * (centre - y[node])
                dx[node] = fx
                dy[node] = fy
            }
            for node in 0..<n {
                let length = (dx[node] * dx[node] + dy[node] * dy[node]).squareRoot()
                guard length > 0 else { continue }
                let step = min(length, temperature) / length
                x[node] = min(side, max(0, x[node] + dx[node] * step))
                y[node] = min(side, max(0, y[node] + dy[node] * step))
            }
        }
        return (0..<n).map { LayoutPoint(x: x[$0], y: y[$0]) }
    }
}

/// Square cells over the layout, so that repulsion is computed between nearby nodes only.
private struct RepulsionGrid {
    let columns: Int
    let cellSize: Double

    init(side: Double, cellSize: Double) {
        self.cellSize = cellSize
        columns = max(1, Int((side / cellSize).rounded(.up)) + 1)
    }

    /// Nodes sorted by cell: the nodes of cell `c` are `nodes[start[c]..<start[c + 1]]`, in ID order.
    struct Cells {
        var start: [Int]
        var nodes: [Int]
    }

    func cell(_ x: Double, _ y: Double) -> (column: Int, row: Int) {
        (min(columns - 1, Int(x / cellSize)), min(columns - 1, Int(y / cellSize)))
    }

    func bucket(x: [Double], y: [Double]) -> Cells {
        var start = [Int](repeating: 0, count: columns * columns + 1)
        let cellOfNode = x.indices.map { node in
            let (column, row) = cell(x[node], y[node])
            return row * columns + column
        }
        for cell in cellOfNode { start[cell + 1] += 1 }
        for index in 0..<(columns * columns) { start[index + 1] += start[index] }
        var cursor = start
        var nodes = [Int](repeating: 0, count: x.count)
        for (node, cell) in cellOfNode.enumerated() {
            nodes[cursor[cell]] = node
            cursor[cell] += 1
        }
        return Cells(start: start, nodes: nodes)
    }

    func forEachNeighbour(of node: Int, x: [Double], y: [Double], cells: Cells, _ body: (Int) -> Void) {
        let (column, row) = cell(x[node], y[node])
        for neighbourRow in max(0, row - 1)...min(columns - 1, row + 1) {
            for neighbourColumn in max(0, column - 1)...min(columns - 1, column + 1) {
                let index = neighbourRow * columns + neighbourColumn
                for other in cells.nodes[cells.start[index]..<cells.start[index + 1]] where other != node { body(other) }
            }
        }
    }
}
