using System.Text.Json;
using Reciproca.Matching.Cli;

namespace Reciproca.Matching.Tests.Cli;

public sealed class CliAppTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("reciproca-cli-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Solves_an_or_library_dense_file()
    {
        var file = Write("dense.txt", "3\n4 1 3\n2 0 5\n3 2 2\n");

        var (code, json, _) = Run("solve", file);

        Assert.Equal(CliApp.ExitOk, code);
        Assert.Equal(5, json!.RootElement.GetProperty("objective").GetInt64());
        Assert.True(json.RootElement.GetProperty("verified").GetBoolean());
        Assert.True(json.RootElement.GetProperty("solveSeconds").GetDouble() >= 0);
        Assert.Equal([[0, 1], [1, 0], [2, 2]], Pairs(json));
    }

    [Fact]
    public void Solves_an_or_library_sparse_file_where_missing_pairs_are_forbidden()
    {
        var file = Write("sparse.txt", "2\n1 1 5\n1 2 1\n2 2 1\n");

        var (code, json, _) = Run("solve", file);

        Assert.Equal(CliApp.ExitOk, code);
        Assert.Equal(6, json!.RootElement.GetProperty("objective").GetInt64());
        Assert.Equal([[0, 0], [1, 1]], Pairs(json));
    }

    [Fact]
    public void Reads_csv_with_x_and_empty_cells_as_forbidden_and_maximizes()
    {
        var file = Write("m.csv", "9,x,1\n,8,2\n");

        var (code, json, _) = Run("solve", file, "--maximize");

        Assert.Equal(CliApp.ExitOk, code);
        Assert.Equal(17, json!.RootElement.GetProperty("objective").GetInt64());
        Assert.Equal([[0, 0], [1, 1]], Pairs(json));
    }

    [Fact]
    public void Rectangular_csv_matches_every_vertex_of_the_smaller_side()
    {
        var file = Write("tall.csv", "9,6\n2,4\n7,3\n");

        var (code, json, _) = Run("solve", file);

        Assert.Equal(CliApp.ExitOk, code);
        Assert.Equal(5, json!.RootElement.GetProperty("objective").GetInt64());
        Assert.Equal(2, Pairs(json).Count);
    }

    [Fact]
    public void Partial_mode_allows_an_empty_matching()
    {
        var file = Write("p.csv", "3,-2\n4,5\n");

        var (code, json, _) = Run("solve", file, "--partial");

        Assert.Equal(CliApp.ExitOk, code);
        Assert.Equal(-2, json!.RootElement.GetProperty("objective").GetInt64());
        Assert.Equal([[0, 1]], Pairs(json));
    }

    [Fact]
    public void Column_capacities_count_as_several_vertices()
    {
        var file = Write("cap.csv", "1,9\n1,9\n1,9\n");
        var capacities = Write("cap.txt", "2\n1\n");

        var (code, json, _) = Run("solve", file, "--col-capacity-file", capacities);

        Assert.Equal(CliApp.ExitOk, code);
        Assert.Equal(11, json!.RootElement.GetProperty("objective").GetInt64());
        Assert.True(json.RootElement.GetProperty("verified").GetBoolean());
    }

    [Fact]
    public void Ragged_rows_fail_with_the_line_number()
    {
        var file = Write("ragged.csv", "1,2,3\n4,5\n");

        var (code, json, error) = Run("solve", file);

        Assert.Equal(CliApp.ExitBadInput, code);
        Assert.Null(json);
        Assert.Contains("line 2 has 2 cells, expected 3", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_number_fails_with_its_position()
    {
        var file = Write("bad.csv", "1,2\n3,abc\n");

        var (code, _, error) = Run("solve", file);

        Assert.Equal(CliApp.ExitBadInput, code);
        Assert.Contains("line 2, cell 2: 'abc' is not an integer", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_or_library_file_fails()
    {
        var file = Write("short.txt", "3\n1 2 3 4\n");

        var (code, _, error) = Run("solve", file);

        Assert.Equal(CliApp.ExitBadInput, code);
        Assert.Contains("expected 9 costs", error, StringComparison.Ordinal);
    }

    [Fact]
    public void No_feasible_assignment_fails_with_its_own_exit_code()
    {
        var file = Write("inf.csv", "1,x\n2,x\n");

        var (code, json, error) = Run("solve", file);

        Assert.Equal(CliApp.ExitInfeasible, code);
        Assert.Null(json);
        Assert.Contains("no feasible assignment", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("solve")]
    [InlineData("frobnicate", "x.txt")]
    [InlineData("solve", "missing-file.txt")]
    [InlineData("solve", "x.txt", "--fast")]
    public void Bad_usage_fails_with_a_message(params string[] args)
    {
        var (code, _, error) = Run(args);

        Assert.Equal(CliApp.ExitBadInput, code);
        Assert.StartsWith("error:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_capacity_file_of_the_wrong_length_fails()
    {
        var file = Write("m2.csv", "1,2\n3,4\n");
        var capacities = Write("c.txt", "1\n");

        var (code, _, error) = Run("solve", file, "--col-capacity-file", capacities);

        Assert.Equal(CliApp.ExitBadInput, code);
        Assert.Contains("expected 2 capacities", error, StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static (int Code, JsonDocument? Json, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run(args, output, error);
        var text = output.ToString();
        return (code, text.Length == 0 ? null : JsonDocument.Parse(text), error.ToString());
    }

    private static List<int[]> Pairs(JsonDocument json) =>
        json.RootElement.GetProperty("matched").EnumerateArray().Select(p => p.EnumerateArray().Select(x => x.GetInt32()).ToArray()).ToList();
}
