namespace Reciproca.Matching.Assignment;

/// <summary>Whether the solver minimises total cost or maximises total weight.</summary>
public enum ObjectiveSense
{
    /// <summary>Minimise the sum of the costs of the assigned cells.</summary>
    Minimize,

    /// <summary>Maximise the sum of the weights of the assigned cells.</summary>
    Maximize,
}

/// <summary>
/// A bipartite assignment problem: rows, columns, the cost of every allowed pair, optional capacities and
/// whether people may stay unmatched.
/// </summary>
/// <remarks>
/// Without <see cref="Partial"/> the smaller side is matched completely (SciPy's semantics for rectangular
/// matrices): when the total row capacity is at most the total column capacity every row is filled to its
/// capacity, otherwise every column is. With <see cref="Partial"/> any matching is allowed, so a pair is
/// only made when it improves the objective (a negative cost, or a positive weight).
/// A side with capacities above one turns each person into that many "slots"; with capacities above one on
/// both sides the problem is solved as a min-cost flow instead, so that a pair is never chosen twice.
/// </remarks>
public sealed class AssignmentProblem
{
    /// <summary>Creates a problem over a dense matrix.</summary>
    /// <param name="costs">The costs (weights when maximising).</param>
    public AssignmentProblem(CostMatrix costs)
    {
        ArgumentNullException.ThrowIfNull(costs);
        Dense = costs;
        Rows = costs.Rows;
        Columns = costs.Columns;
    }

    /// <summary>Creates a problem over a sparse matrix: unlisted pairs are forbidden.</summary>
    /// <param name="costs">The costs (weights when maximising).</param>
    public AssignmentProblem(SparseCostMatrix costs)
    {
        ArgumentNullException.ThrowIfNull(costs);
        Sparse = costs;
        Rows = costs.Rows;
        Columns = costs.Columns;
    }

    /// <summary>The dense matrix, when the problem was built from one.</summary>
    public CostMatrix? Dense { get; }

    /// <summary>The sparse matrix, when the problem was built from one.</summary>
    public SparseCostMatrix? Sparse { get; }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Columns { get; }

    /// <summary>Minimise (default) or maximise.</summary>
    public ObjectiveSense Sense { get; init; }

    /// <summary>When true any matching is allowed and people may stay unmatched.</summary>
    public bool Partial { get; init; }

    /// <summary>How many columns each row may take (default one each); zero removes the row.</summary>
    public IReadOnlyList<int>? RowCapacities { get; init; }

    /// <summary>How many rows each column may take (default one each); zero removes the column.</summary>
    public IReadOnlyList<int>? ColumnCapacities { get; init; }

    /// <summary>The capacity of a row.</summary>
    /// <param name="row">Row index.</param>
    /// <returns>The capacity.</returns>
    public int RowCapacity(int row) => RowCapacities?[row] ?? 1;

    /// <summary>The capacity of a column.</summary>
    /// <param name="column">Column index.</param>
    /// <returns>The capacity.</returns>
    public int ColumnCapacity(int column) => ColumnCapacities?[column] ?? 1;

    /// <summary>Whether a pair may be assigned.</summary>
    /// <param name="row">Row index.</param>
    /// <param name="column">Column index.</param>
    /// <returns><see langword="true"/> when allowed.</returns>
    public bool IsAllowed(int row, int column) => TryGetCost(row, column, out _);

    /// <summary>The cost (or weight) of a pair.</summary>
    /// <param name="row">Row index.</param>
    /// <param name="column">Column index.</param>
    /// <param name="cost">The cost, when allowed.</param>
    /// <returns><see langword="true"/> when the pair is allowed.</returns>
    public bool TryGetCost(int row, int column, out long cost)
    {
        if (Dense is { } dense)
        {
            cost = dense[row, column];
            return cost != CostMatrix.Forbidden;
        }

        var found = Sparse!.Find(row, column);
        cost = found ?? 0;
        return found.HasValue;
    }

    /// <summary>Whether both sides have someone of capacity above one (then each pair is still used at most once).</summary>
    public bool IsManyToMany =>
        RowCapacities is not null && ColumnCapacities is not null
        && RowCapacities.Any(c => c > 1) && ColumnCapacities.Any(c => c > 1);

    internal void Validate()
    {
        CheckCapacities(RowCapacities, Rows, nameof(RowCapacities));
        CheckCapacities(ColumnCapacities, Columns, nameof(ColumnCapacities));
    }

    private static void CheckCapacities(IReadOnlyList<int>? capacities, int count, string name)
    {
        if (capacities is null)
        {
            return;
        }

        if (capacities.Count != count)
        {
            throw new ArgumentException($"Expected {count} capacities, got {capacities.Count}.", name);
        }

        if (capacities.Any(c => c < 0))
        {
            throw new ArgumentException("Capacities cannot be negative.", name);
        }

        if (capacities.Sum(c => (long)c) > 1 << 24)
        {
            throw new ArgumentException("Total capacity is too large (more than 2^24 slots).", name);
        }
    }
}
