using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Web;

namespace Reciproca.Web.Features.People.Import;

/// <summary>Either the file could not be read as asked (<see cref="RequestErrors"/>), or it was checked row by row (<see cref="Result"/>).</summary>
/// <summary>The person an API upsert wrote, and whether it created them.</summary>
public sealed record PersonUpserted(Guid Id, bool Created);

public sealed record ImportOutcome(ImportResult? Result, IReadOnlyDictionary<string, string[]>? RequestErrors, bool Conflict = false);

/// <summary>
/// Streams the file once, in chunks, inside one transaction: memory grows with the number of keys, not with the
/// file. Any rejected row (or a dry run) rolls everything back, so the directory is either fully updated or untouched.
/// </summary>
public sealed class ImportPeopleHandler(AppDbContext db, TimeProvider time, IStringLocalizer<SharedResource> localizer, ILogger<ImportPeopleHandler> logger)
{
    private const int ChunkSize = 1000;

    public async Task<ImportOutcome> HandleAsync(ImportPeople command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var malformed = new List<CsvMalformedRecord>();
        var detected = CsvSource.DetectEncoding(command.File);
        if (detected.Encoding is null)
        {
            return new ImportOutcome(null, new Dictionary<string, string[]> { ["file"] = [Message("Import.BadEncoding", [detected.FirstBadLine!.Value])] });
        }

        using var csv = CsvSource.Open(command.File, detected.Encoding, malformed.Add);

        await csv.ReadHeaderAsync(cancellationToken);
        var header = csv.Headers;
        if (header.Count == 0 || header.All(string.IsNullOrWhiteSpace))
        {
            return RequestError("file", "Import.EmptyFile");
        }

        // Two columns of one name: whichever the mapping took, the other's values would be silently dropped.
        var duplicates = ImportMapping.DuplicateHeaders(header).Select(d => Message("Import.DuplicateHeader", [d.First + 1, d.Second + 1, d.Header])).ToArray();
        if (duplicates.Length > 0)
        {
            return new ImportOutcome(null, new Dictionary<string, string[]> { ["file"] = duplicates });
        }

        var (mapping, mappingErrors) = ImportMapping.Resolve(command.Mapping, header, Message);
        if (mapping is null)
        {
            return new ImportOutcome(null, mappingErrors);
        }

        var reader = new RowReader(mapping, command.Culture, command.AgeReferenceDate ?? DateOnly.FromDateTime(now), header.Count, Message);
        var state = new ImportState(await db.People.AsNoTracking()
            .Select(p => new { p.ExternalId, p.Id, p.ManagerExternalId })
            .ToDictionaryAsync(p => p.ExternalId, p => new ImportState.StoredPerson(p.Id, p.ManagerExternalId), StringComparer.Ordinal, cancellationToken))
        {
            InvitedByEmail = (await db.People.AsNoTracking()
                    .Where(p => p.ExternalId.StartsWith(InvitedKeyPrefix) && p.Email != null)
                    .Select(p => new { p.ExternalId, p.Id, p.ManagerExternalId, p.Email })
                    .ToListAsync(cancellationToken))
                .DistinctBy(p => p.Email!.ToLowerInvariant())
                .ToDictionary(p => p.Email!.ToLowerInvariant(), p => (p.ExternalId, new ImportState.StoredPerson(p.Id, p.ManagerExternalId)), StringComparer.Ordinal),
        };

        var write = !command.DryRun;
        await using var transaction = write ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var chunk = new List<PersonRow>(ChunkSize);
        try
        {
            while (await csv.ReadAsync(cancellationToken))
            {
                RejectMalformed(malformed, state);
                var row = (int)csv.LineNumber;
                var (person, errors) = reader.Read(row, csv.Current.ToArray());
                if (person is null)
                {
                    state.Reject(row, [.. errors]);
                    continue;
                }

                if (!Accept(person, row, mapping, state))
                {
                    continue;
                }

                chunk.Add(person);
                if (chunk.Count == ChunkSize)
                {
                    await FlushAsync(chunk, mapping, state, write && state.Errors.Count == 0, now, cancellationToken);
                }
            }

            RejectMalformed(malformed, state);
            await FlushAsync(chunk, mapping, state, write && state.Errors.Count == 0, now, cancellationToken);
            if (mapping.Has(ImportFields.ManagerExternalId))
            {
                CheckManagers(state, mapping.Headers[ImportFields.ManagerExternalId]);
            }

            var result = state.ToResult(command.DryRun);
            if (transaction is not null && state.Errors.Count == 0)
            {
                await LinkPendingManagersAsync(state, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Imported people: {Created} created, {Updated} updated, {Unchanged} unchanged.", result.Created, result.Updated, result.Unchanged);
            }

            return new ImportOutcome(result, null);
        }
        catch (DbUpdateException exception)
        {
            // Two imports racing on the same new keys: the unique index stops the second; nothing of it is kept.
            logger.LogWarning(exception, "Import rolled back after a conflicting write.");
            return new ImportOutcome(null, new Dictionary<string, string[]> { ["file"] = [Message("Import.Conflict", [])] }, Conflict: true);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// One person from the API (<c>PUT /api/v1/people/by-external-id/{key}</c>): the values, keyed by target field,
    /// go through the import's own row reader, manager checks and write, as a one-row file with those columns would.
    /// Errors are keyed by field; nothing is written unless the row passes. A deactivated person is reactivated (a
    /// rehire), which an import never does.
    /// </summary>
    public async Task<Result<PersonUpserted>> UpsertOneAsync(IReadOnlyList<KeyValuePair<string, string>> values, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var header = values.Select(v => v.Key).ToList();
        var (mapping, mappingErrors) = ImportMapping.Resolve(header.ToDictionary(f => f, f => f, StringComparer.Ordinal), header, Message);
        if (mapping is null)
        {
            return Problem.Validation(mappingErrors);
        }

        const int Row = 1;
        var reader = new RowReader(mapping, null, DateOnly.FromDateTime(now), header.Count, Message);
        var (person, errors) = reader.Read(Row, [.. values.Select(v => v.Value)]);
        if (person is null)
        {
            return Problem.Validation(ByField(errors));
        }

        try
        {
            var state = await LoadStateOfOneAsync(person, cancellationToken);
            Accept(person, Row, mapping, state);
            if (mapping.Has(ImportFields.ManagerExternalId))
            {
                CheckManagers(state, mapping.Headers[ImportFields.ManagerExternalId]);
            }

            if (state.Errors.Count > 0)
            {
                return Problem.Validation(ByField(state.Errors));
            }

            var created = state.NewIds.ContainsKey(person.ExternalId);
            await FlushAsync([person], mapping, state, write: true, now, cancellationToken, rehire: true);
            return new PersonUpserted(state.IdOf(person.ExternalId)!.Value, created);
        }
        catch (DbUpdateException exception)
        {
            // Two clients writing the same key at once: the unique index or the version token stops the second.
            logger.LogWarning(exception, "Upsert of one person refused after a conflicting write.");
            return Problem.Conflict(Message("People.UpsertConflict", []));
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// What the checks of one row need to know, without reading the whole directory: the person (or the invited
    /// person their e-mail adopts) and their manager's chain upwards, as far as it goes or until it loops.
    /// </summary>
    private async Task<ImportState> LoadStateOfOneAsync(PersonRow row, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<string, ImportState.StoredPerson>(StringComparer.Ordinal);
        async Task<string?> LoadAsync(string key)
        {
            var found = await db.People.AsNoTracking().Where(p => p.ExternalId == key)
                .Select(p => new { p.Id, p.ManagerExternalId }).SingleOrDefaultAsync(cancellationToken);
            if (found is null)
            {
                return null;
            }

            stored[key] = new ImportState.StoredPerson(found.Id, found.ManagerExternalId);
            return found.ManagerExternalId;
        }

        await LoadAsync(row.ExternalId);
        for (var key = row.ManagerExternalId; key is not null && key != row.ExternalId && !stored.ContainsKey(key);)
        {
            key = await LoadAsync(key);
        }

        var invitedByEmail = new Dictionary<string, (string Key, ImportState.StoredPerson Person)>(StringComparer.Ordinal);
        if (!stored.ContainsKey(row.ExternalId) && row.Email?.ToLowerInvariant() is { } email)
        {
            var invited = await db.People.AsNoTracking()
                .Where(p => p.ExternalId.StartsWith(InvitedKeyPrefix) && p.Email != null && p.Email.ToLower() == email)
                .OrderBy(p => p.ExternalId)
                .Select(p => new { p.ExternalId, p.Id, p.ManagerExternalId })
                .FirstOrDefaultAsync(cancellationToken);
            if (invited is not null)
            {
                invitedByEmail[email] = (invited.ExternalId, new ImportState.StoredPerson(invited.Id, invited.ManagerExternalId));
            }
        }

        return new ImportState(stored) { InvitedByEmail = invitedByEmail };
    }

    private static Dictionary<string, string[]> ByField(IEnumerable<ImportError> errors) =>
        errors.GroupBy(e => e.Column ?? "body", StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);

    /// <summary>Takes a read row into the run: refuses a key seen before, gives a new key its id, notes the manager.</summary>
    private bool Accept(PersonRow person, int row, ImportMapping mapping, ImportState state)
    {
        if (state.FirstRowOf.TryGetValue(person.ExternalId, out var firstRow))
        {
            state.Reject(row, new ImportError(row, mapping.Headers[ImportFields.ExternalId], Message("Import.DuplicateKey", [person.ExternalId, firstRow])));
            return false;
        }

        state.FirstRowOf[person.ExternalId] = row;
        if (!state.Stored.ContainsKey(person.ExternalId)
            && person.Email?.ToLowerInvariant() is { } email && state.InvitedByEmail.Remove(email, out var invited))
        {
            state.Stored[person.ExternalId] = invited.Person;
            state.Adopted[person.ExternalId] = invited.Key;
        }
        else if (!state.Stored.ContainsKey(person.ExternalId))
        {
            state.NewIds[person.ExternalId] = Guid.CreateVersion7();
        }

        if (mapping.Has(ImportFields.ManagerExternalId))
        {
            state.ManagerOf[person.ExternalId] = person.ManagerExternalId;
        }

        return true;
    }

    /// <summary>The key prefix of people who joined through an invitation (see <c>AcceptInvitationHandler</c>).</summary>
    public const string InvitedKeyPrefix = "invited-";

    /// <param name="rehire">Reactivate a deactivated person (the API's upsert); an import keeps leavers deactivated.</param>
    private async Task FlushAsync(List<PersonRow> chunk, ImportMapping mapping, ImportState state, bool write, DateTime now, CancellationToken cancellationToken, bool rehire = false)
    {
        if (chunk.Count == 0)
        {
            return;
        }

        // An adopted person is still stored under their provisional key: look them up by it.
        string StoredKey(string key) => state.Adopted.GetValueOrDefault(key, key);
        var keys = chunk.Where(r => state.Stored.ContainsKey(r.ExternalId)).Select(r => StoredKey(r.ExternalId)).ToList();
        var stored = keys.Count == 0
            ? []
            : await (write ? db.People : db.People.AsNoTracking()).Where(p => keys.Contains(p.ExternalId)).ToDictionaryAsync(p => p.ExternalId, StringComparer.Ordinal, cancellationToken);

        foreach (var row in chunk)
        {
            if (stored.TryGetValue(StoredKey(row.ExternalId), out var person))
            {
                var changed = row.ApplyTo(person);
                if (person.ExternalId != row.ExternalId)
                {
                    person.ExternalId = row.ExternalId;
                    changed = true;
                }

                if (rehire && person.DeactivatedUtc is not null)
                {
                    person.DeactivatedUtc = null;
                    changed = true;
                }

                if (changed)
                {
                    person.Touch(now);
                }

                LinkManager(person, row, mapping, state, changed);
                state.Count(row.ExternalId, changed ? ImportState.RowOutcome.Updated : ImportState.RowOutcome.Unchanged);
            }
            else
            {
                state.Count(row.ExternalId, ImportState.RowOutcome.Created);
                if (write)
                {
                    var created = row.ToNewPerson(state.NewIds[row.ExternalId], now);
                    LinkManager(created, row, mapping, state, changed: true);
                    db.People.Add(created);
                }
            }
        }

        if (write)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        db.ChangeTracker.Clear();
        chunk.Clear();
    }

    /// <summary>
    /// Points the person at their manager's id when the manager is already written (in the directory or earlier in
    /// the file); a manager further down the file is linked at the end, since the row must exist first.
    /// </summary>
    private static void LinkManager(Person person, PersonRow row, ImportMapping mapping, ImportState state, bool changed)
    {
        if (!mapping.Has(ImportFields.ManagerExternalId) || !changed)
        {
            return;
        }

        if (row.ManagerExternalId is null)
        {
            person.ManagerId = null;
        }
        else if (state.Stored.ContainsKey(row.ManagerExternalId)
            || (state.FirstRowOf.TryGetValue(row.ManagerExternalId, out var managerRow) && managerRow < state.FirstRowOf[row.ExternalId]))
        {
            person.ManagerId = state.IdOf(row.ManagerExternalId);
        }
        else
        {
            person.ManagerId = null;
            state.PendingManagerLinks.Add(row.ExternalId);
        }
    }

    private void RejectMalformed(List<CsvMalformedRecord> malformed, ImportState state)
    {
        foreach (var record in malformed)
        {
            var row = (int)record.LineNumber;
            state.Reject(row, new ImportError(row, null, Message("Import.BadQuotes", [])));
        }

        malformed.Clear();
    }

    /// <summary>Every manager key must name somebody in the file or in the directory, and no chain may loop.</summary>
    private void CheckManagers(ImportState state, string column)
    {
        foreach (var (key, manager) in state.ManagerOf)
        {
            if (manager is null)
            {
                continue;
            }

            var row = state.FirstRowOf[key];
            if (state.IdOf(manager) is null)
            {
                state.Reject(row, key, new ImportError(row, column, Message("Import.UnknownManager", [manager])));
                continue;
            }

            // Walk up the chain; a chain longer than the directory must loop.
            var limit = state.FirstRowOf.Count + state.Stored.Count + 1;
            var current = manager;
            for (var steps = 0; current is not null && steps < limit; steps++)
            {
                if (current == key)
                {
                    state.Reject(row, key, new ImportError(row, column, Message("Import.ManagerCycle", [manager])));
                    break;
                }

                current = state.ManagerKeyOf(current);
            }
        }
    }

    private async Task LinkPendingManagersAsync(ImportState state, CancellationToken cancellationToken)
    {
        foreach (var keys in state.PendingManagerLinks.Chunk(ChunkSize))
        {
            await db.People
                .Where(p => keys.Contains(p.ExternalId))
                .ExecuteUpdateAsync(s => s.SetProperty(
                    p => p.ManagerId,
                    p => db.People.Where(m => m.ExternalId == p.ManagerExternalId).Select(m => (Guid?)m.Id).FirstOrDefault()), cancellationToken);
        }
    }

    private string Message(string key, object[] arguments) => localizer[key, arguments].Value;

    private ImportOutcome RequestError(string field, string key) =>
        new(null, new Dictionary<string, string[]> { [field] = [Message(key, [])] });
}
