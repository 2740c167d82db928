namespace Reciproca.Matching.Assignment;

/// <summary>
/// The full set of allowed cells in the solver's orientation and minimisation form, dense or sparse: the
/// candidate graph is drawn from it and priced out against it.
/// </summary>
internal interface ICostSource
{
    int Rows { get; }

    int Columns { get; }

    /// <summary>Allowed cells per active row, on average.</summary>
    double AverageDegree { get; }

    /// <summary>The min-form cost of an allowed cell (undefined for a forbidden one).</summary>
    long Get(int row, int column);

    /// <summary>The min-form costs of several allowed cells of one row.</summary>
    void GetCosts(int row, List<int> columns, Span<long> target);

    /// <summary>Copies a row's min-form costs; false when the source is sparse or the row has a forbidden cell.</summary>
    bool TryCopyRow(int row, Span<long> target);

    /// <summary>Appends every allowed column of the row.</summary>
    void AddAllowed(int row, List<int> list);

    /// <summary>The row's allowed columns, starting near <paramref name="hint"/> (dense) or in order (sparse).</summary>
    IEnumerable<int> AllowedColumns(int row, int hint);

    /// <summary>Appends each row's k cheapest allowed columns and each column's k cheapest rows.</summary>
    void SelectCheapest(int k, List<int>[] candidates, bool[] activeRows);

    /// <summary>Appends, per row, at most <paramref name="perRow"/> cells of negative reduced cost (the most negative); returns how many.</summary>
    long PriceOut(long[] rowDual, long[] columnDual, List<int>[] candidates, bool[] activeRows, int perRow);
}
