namespace Reciproca.Matching.Assignment;

/// <summary>
/// The b-matching as a min-cost flow: source to each row (the row's capacity), row to column for each allowed
/// cell (capacity one, the cell's min-form cost), column to sink (the column's capacity). Solved by successive
/// shortest paths with potentials (Dijkstra on reduced costs); the duals are read from one last shortest-path
/// tree of the residual network.
/// </summary>
/// <remarks>
/// Rows are the side that must be filled when the run is not partial (the caller transposes). Every augmenting
/// path crosses at least one unit arc, so each carries one unit and the same pair is never used twice.
/// </remarks>
internal sealed class UnitFlowNetwork
{
    private const long Unreached = long.MaxValue;

    private readonly int _rows;
    private readonly int _columns;
    private readonly int _sink;
    private readonly int[] _start;
    private readonly int[] _to;
    private readonly int[] _reverse;
    private readonly int[] _residual;
    private readonly long[] _cost;
    private readonly long[] _potential;
    private readonly long[] _distance;
    private readonly int[] _parentArc;
    private readonly bool[] _done;
    private readonly PriorityQueue<int, long> _queue = new();

    /// <summary>Builds the network; <paramref name="cellStart"/> indexes the cells of each row.</summary>
    public UnitFlowNetwork(int[] rowCapacity, int[] columnCapacity, int[] cellStart, int[] cellColumn, long[] cellCost)
    {
        _rows = rowCapacity.Length;
        _columns = columnCapacity.Length;
        _sink = _rows + _columns + 1;
        var nodes = _sink + 1;
        var degree = new int[nodes + 1];
        degree[0] = _rows;
        degree[_sink] = _columns;
        for (var r = 0; r < _rows; r++)
        {
            degree[Row(r)] = 1 + cellStart[r + 1] - cellStart[r];
        }

        for (var c = 0; c < _columns; c++)
        {
            degree[Column(c)] = 1;
        }

        foreach (var c in cellColumn)
        {
            degree[Column(c)]++;
        }

        _start = new int[nodes + 1];
        for (var v = 0; v < nodes; v++)
        {
            _start[v + 1] = _start[v] + degree[v];
        }

        var arcs = _start[nodes];
        _to = new int[arcs];
        _reverse = new int[arcs];
        _residual = new int[arcs];
        _cost = new long[arcs];
        var fill = (int[])_start.Clone();
        for (var r = 0; r < _rows; r++)
        {
            AddArc(fill, 0, Row(r), rowCapacity[r], 0);
            for (var a = cellStart[r]; a < cellStart[r + 1]; a++)
            {
                AddArc(fill, Row(r), Column(cellColumn[a]), 1, cellCost[a]);
            }
        }

        for (var c = 0; c < _columns; c++)
        {
            AddArc(fill, Column(c), _sink, columnCapacity[c], 0);
        }

        _potential = new long[nodes];
        _distance = new long[nodes];
        _parentArc = new int[nodes];
        _done = new bool[nodes];
    }

    /// <summary>Units sent so far.</summary>
    public long Flow { get; private set; }

    /// <summary>
    /// Sends flow along shortest paths: all <paramref name="required"/> units, or (partial) while a path still
    /// lowers the cost. Returns false when the required flow cannot be sent.
    /// </summary>
    public bool Run(bool partial, long required)
    {
        InitialPotentials();
        while (partial || Flow < required)
        {
            var reached = Dijkstra(stopAtSink: true, sources: 0);
            if (!reached)
            {
                break;
            }

            var sinkDistance = _distance[_sink];

            // The path's true cost: its reduced length plus the potential difference of its ends.
            var pathCost = sinkDistance + _potential[_sink] - _potential[0];
            for (var v = 0; v < _potential.Length; v++)
            {
                _potential[v] += Math.Min(_distance[v], sinkDistance);
            }

            if (partial && pathCost >= 0)
            {
                break;
            }

            for (var v = _sink; v != 0; v = _to[_reverse[_parentArc[v]]])
            {
                var arc = _parentArc[v];
                _residual[arc]--;
                _residual[_reverse[arc]]++;
            }

            Flow++;
        }

        return partial || Flow == required;
    }

    /// <summary>The matched cells: for each row, the columns its unit arcs carry flow to.</summary>
    public IEnumerable<(int Row, int Column, int Arc)> Matched()
    {
        for (var r = 0; r < _rows; r++)
        {
            for (var a = _start[Row(r)]; a < _start[Row(r) + 1]; a++)
            {
                if (_to[a] > _rows && _to[a] != _sink && _residual[a] == 0)
                {
                    yield return (r, _to[a] - _rows - 1, a);
                }
            }
        }
    }

    /// <summary>
    /// Min-form duals of the transportation programme with unit arc bounds, from exact distances d out of the
    /// sink (and, in partial mode, the source too, both at 0): <c>u = -d(row)</c>, <c>v = d(column)</c>, and
    /// for a matched cell <c>w = u + v - cost</c>, which the residual reverse arc keeps non-negative.
    /// </summary>
    public (long[] RowDual, long[] ColumnDual) Duals(bool partial, int[] cellStart, int[] cellColumn, long[] cellCost)
    {
        Dijkstra(stopAtSink: false, sources: partial ? 2 : 1);
        var columnDual = new long[_columns];
        for (var c = 0; c < _columns; c++)
        {
            var d = _distance[Column(c)];
            var hasFlow = HasFlowIn(c);

            // An unused column may sit at zero: lowering its dual only loosens its cells' constraints.
            columnDual[c] = d == Unreached ? 0 : hasFlow ? d : Math.Min(d, 0);
        }

        var rowDual = new long[_rows];
        for (var r = 0; r < _rows; r++)
        {
            var d = _distance[Row(r)];
            if (d != Unreached)
            {
                rowDual[r] = -d;
                continue;
            }

            // Only a row without capacity is unreachable: any dual low enough for its cells will do.
            var u = partial ? 0 : long.MaxValue;
            for (var a = cellStart[r]; a < cellStart[r + 1]; a++)
            {
                u = Math.Min(u, cellCost[a] - columnDual[cellColumn[a]]);
            }

            rowDual[r] = u == long.MaxValue ? 0 : u;
        }

        return (rowDual, columnDual);
    }

    /// <summary>The min-form cost of an arc.</summary>
    public long ArcCost(int arc) => _cost[arc];

    private int Row(int r) => 1 + r;

    private int Column(int c) => 1 + _rows + c;

    private bool HasFlowIn(int column)
    {
        // The arc to the sink is the column's last arc; flow has left the column when its reverse holds residual.
        var arc = _start[Column(column) + 1] - 1;
        return _residual[_reverse[arc]] > 0;
    }

    private void AddArc(int[] fill, int from, int to, int capacity, long cost)
    {
        var forward = fill[from]++;
        var backward = fill[to]++;
        _to[forward] = to;
        _to[backward] = from;
        _reverse[forward] = backward;
        _reverse[backward] = forward;
        _residual[forward] = capacity;
        _cost[forward] = cost;
        _cost[backward] = -cost;
    }

    // Feasible potentials for the empty flow: the network is acyclic, so one pass in topological order suffices.
    private void InitialPotentials()
    {
        Array.Fill(_potential, 0);
        var sink = 0L;
        for (var c = 0; c < _columns; c++)
        {
            var v = Column(c);
            var lowest = 0L;
            for (var a = _start[v]; a < _start[v + 1]; a++)
            {
                if (_to[a] != _sink)
                {
                    lowest = Math.Min(lowest, -_cost[a]);
                }
            }

            _potential[v] = lowest;
            sink = Math.Min(sink, lowest);
        }

        _potential[_sink] = sink;
    }

    // Dijkstra on reduced costs. During the search the source starts at 0; for the duals every origin starts at
    // the reduced key of a true distance 0 (minus its potential), so that afterwards d(v) = key(v) + p(v).
    private bool Dijkstra(bool stopAtSink, int sources)
    {
        Array.Fill(_distance, Unreached);
        Array.Clear(_done);
        _queue.Clear();
        if (sources != 1)
        {
            Seed(0, stopAtSink ? 0 : -_potential[0]);
        }

        if (sources != 0)
        {
            Seed(_sink, -_potential[_sink]);
        }

        while (_queue.TryDequeue(out var v, out var key))
        {
            if (_done[v] || key != _distance[v])
            {
                continue;
            }

            _done[v] = true;
            if (stopAtSink && v == _sink)
            {
                return true;
            }

            for (var a = _start[v]; a < _start[v + 1]; a++)
            {
                if (_residual[a] == 0)
                {
                    continue;
                }

                var w = _to[a];
                var next = key + _cost[a] + _potential[v] - _potential[w];
                if (next < _distance[w])
                {
                    _distance[w] = next;
                    _parentArc[w] = a;
                    _queue.Enqueue(w, next);
                }
            }
        }

        if (!stopAtSink)
        {
            for (var v = 0; v < _distance.Length; v++)
            {
                if (_distance[v] != Unreached)
                {
                    _distance[v] += _potential[v];
                }
            }
        }

        return _distance[_sink] != Unreached;
    }

    private void Seed(int node, long key)
    {
        if (key < _distance[node])
        {
            _distance[node] = key;
            _queue.Enqueue(node, key);
        }
    }
}
