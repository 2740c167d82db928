namespace Reciproca.Web.Features.People.Import;

/// <summary>The mapping resolved against the file's header: target field to column index.</summary>
public sealed class ImportMapping
{
    private readonly Dictionary<string, int> _columns;

    private ImportMapping(Dictionary<string, int> columns, IReadOnlyDictionary<string, string> headers)
    {
        _columns = columns;
        Headers = headers;
    }

    /// <summary>Target field to the header text the user mapped it from (for error messages).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    public bool Has(string field) => _columns.ContainsKey(field);

    public int? ColumnOf(string field) => _columns.TryGetValue(field, out var index) ? index : null;

    /// <summary>Checks the mapping against the header; every problem is reported, keyed by target field.</summary>
    public static (ImportMapping? Mapping, Dictionary<string, string[]> Errors) Resolve(
        IReadOnlyDictionary<string, string> mapping, IReadOnlyList<string> header, Func<string, object[], string> message)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);

        foreach (var (rawField, rawColumn) in mapping)
        {
            if (string.IsNullOrWhiteSpace(rawColumn))
            {
                continue;
            }

            var field = ImportFields.Canonical(rawField);
            if (field is null)
            {
                errors[rawField] = [message("Import.UnknownField", [rawField, string.Join(", ", ImportFields.All)])];
                continue;
            }

            var index = IndexOf(header, rawColumn);
            if (index < 0)
            {
                errors[field] = [message("Import.UnknownColumn", [rawColumn.Trim(), string.Join(", ", header)])];
                continue;
            }

            columns[field] = index;
            headers[field] = header[index];
        }

        if (!columns.ContainsKey(ImportFields.ExternalId) && !errors.ContainsKey(ImportFields.ExternalId))
        {
            errors[ImportFields.ExternalId] = [message("Import.KeyNotMapped", [])];
        }

        var birthSources = ImportFields.BirthYearSources.Where(columns.ContainsKey).ToList();
        if (birthSources.Count > 1)
        {
            errors[birthSources[1]] = [message("Import.OneBirthSource", [string.Join(", ", birthSources)])];
        }

        return errors.Count > 0 ? (null, errors) : (new ImportMapping(columns, headers), errors);
    }

    /// <summary>
    /// Every column whose header repeats an earlier one (0-based positions), compared as the mapping compares them:
    /// trimmed, ignoring case. Blank headers (the trailing separators spreadsheets leave) are not names and may repeat.
    /// </summary>
    public static IEnumerable<(int First, int Second, string Header)> DuplicateHeaders(IReadOnlyList<string> header)
    {
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            if (name.Length == 0)
            {
                continue;
            }

            if (seen.TryGetValue(name, out var first))
            {
                yield return (first, i, name);
            }
            else
            {
                seen[name] = i;
            }
        }
    }

    private static int IndexOf(IReadOnlyList<string> header, string column)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (string.Equals(header[i].Trim(), column.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
