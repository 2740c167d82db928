namespace Reciproca.Web.Features.People.Import;

/// <summary>What an import run has learned so far: keys and their rows, ids, managers, outcomes, errors.</summary>
internal sealed class ImportState(Dictionary<string, ImportState.StoredPerson> stored)
{
    private readonly HashSet<int> _rejectedRows = [];
    private readonly Dictionary<string, RowOutcome> _outcomes = new(StringComparer.Ordinal);

    internal enum RowOutcome : byte
    {
        Created,
        Updated,
        Unchanged,
    }

    /// <summary>A person already in the directory, as far as an import needs to know.</summary>
    internal readonly record struct StoredPerson(Guid Id, string? ManagerExternalId);

    public Dictionary<string, StoredPerson> Stored { get; } = stored;

    /// <summary>The file row of every accepted key (for duplicate detection and error messages).</summary>
    public Dictionary<string, int> FirstRowOf { get; } = new(StringComparer.Ordinal);

    /// <summary>The manager key of every accepted row, when the mapping includes managers.</summary>
    public Dictionary<string, string?> ManagerOf { get; } = new(StringComparer.Ordinal);

    /// <summary>The id of every person the file creates, known once its row is read.</summary>
    public Dictionary<string, Guid> NewIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Rows whose manager comes later in the file: their manager link is set once everybody is written.</summary>
    public List<string> PendingManagerLinks { get; } = [];

    public List<ImportError> Errors { get; } = [];

    /// <summary>
    /// People who joined through an invitation (not from an export), by lower-case e-mail: a row of the file with a new
    /// key and their e-mail is that person, who takes the HR key instead of becoming a second person.
    /// </summary>
    public Dictionary<string, (string Key, StoredPerson Person)> InvitedByEmail { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The HR key a file row gives to an invited person, to their provisional key.</summary>
    public Dictionary<string, string> Adopted { get; } = new(StringComparer.Ordinal);

    public Guid? IdOf(string key) =>
        NewIds.TryGetValue(key, out var id) ? id : Stored.TryGetValue(key, out var person) ? person.Id : null;

    public string? ManagerKeyOf(string key) =>
        ManagerOf.TryGetValue(key, out var fromFile) ? fromFile : Stored.TryGetValue(key, out var person) ? person.ManagerExternalId : null;

    public void Count(string key, RowOutcome outcome) => _outcomes[key] = outcome;

    public void Reject(int row, params ImportError[] errors)
    {
        _rejectedRows.Add(row);
        Errors.AddRange(errors);
    }

    /// <summary>Rejects a row that had already passed the row checks (a manager problem found at the end).</summary>
    public void Reject(int row, string key, ImportError error)
    {
        _outcomes.Remove(key);
        Reject(row, error);
    }

    public ImportResult ToResult(bool dryRun)
    {
        int Of(RowOutcome outcome) => _outcomes.Values.Count(o => o == outcome);
        return new(Of(RowOutcome.Created), Of(RowOutcome.Updated), Of(RowOutcome.Unchanged), _rejectedRows.Count, [.. Errors.OrderBy(e => e.Row)], dryRun);
    }
}
