using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests.Contract;

/// <summary>
/// ARCHITECTURE.md, API contract: date-times are UTC with <c>Z</c>. Read from the raw JSON of a whole flow, on each
/// engine (SQLite hands back DateTimes without a kind unless the model says otherwise).
/// </summary>
public abstract partial class UtcDateTimeTests(AppFixture fixture)
{
    private ReciprocaFactory Factory => fixture.Require();

    [Fact]
    public async Task Every_date_time_of_a_full_flow_is_utc_with_an_offset()
    {
        var world = await ContractWorld.ArrangeAsync(Factory);
        var ct = TestContext.Current.CancellationToken;
        var url = world.Url;
        var reads = new List<(string What, string Json)>(world.Creations.Select(c => (c.Operation, c.Body)));
        foreach (var path in new[]
        {
            "/api/v1/programmes", url, $"{url}/participants", $"{url}/participants?status=Applied", $"{url}/invitations", $"{url}/members",
            $"{url}/participants/{world.People["J1"]}/assessment", $"{url}/matching-runs/{world.RunId}", $"{url}/matching-constraints", $"{url}/pairs",
            $"/api/v1/people?search={Uri.EscapeDataString("Persona J1")}",
        })
        {
            reads.Add((path, await world.Hr.GetStringAsync(path, ct)));
        }

        reads.Add((world.PactUrl, await world.Junior.GetStringAsync(world.PactUrl, ct)));
        var resent = await world.Hr.PostAsync($"{url}/invitations/{world.InvitationId}/resend", null, ct);
        reads.Add(("ResendInvitation", await resent.Content.ReadAsStringAsync(ct)));

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var wrong = new List<string>();
        foreach (var (what, json) in reads)
        {
            Walk(JsonNode.Parse(json), "$", (path, name, value) =>
            {
                seen.Add(name);
                if (!WithOffset().IsMatch(value) || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    wrong.Add($"{what} {path}: \"{value}\"");
                }
            });
        }

        Assert.True(wrong.Count == 0, $"Date-times without Z or an offset:\n{string.Join("\n", wrong)}");
        Assert.Superset(new HashSet<string>(StringComparer.Ordinal) { "sentUtc", "expiresUtc", "submittedUtc", "createdUtc", "assessmentRemindedUtc" }, seen);
    }

    /// <summary>Calls <paramref name="check"/> for each string held by a property the document marks date-time or named ...Utc.</summary>
    private static void Walk(JsonNode? node, string path, Action<string, string, string> check)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    var isDateTime = ContractDocument.DateTimeProperties.Contains(name) || name.EndsWith("Utc", StringComparison.Ordinal);
                    if (isDateTime && value is JsonValue v && v.TryGetValue<string>(out var text))
                    {
                        check($"{path}.{name}", name, text);
                    }
                    else
                    {
                        Walk(value, $"{path}.{name}", check);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], $"{path}[{i}]", check);
                }

                break;
        }
    }

    [GeneratedRegex("T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$")]
    private static partial Regex WithOffset();
}

public sealed class UtcDateTimeSqliteTests(SqliteAppFixture fixture) : UtcDateTimeTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class UtcDateTimePostgresTests(PostgresAppFixture fixture) : UtcDateTimeTests(fixture), IClassFixture<PostgresAppFixture>;
