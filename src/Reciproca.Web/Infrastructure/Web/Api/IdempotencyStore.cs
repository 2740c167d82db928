using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reciproca.Web.Infrastructure.Data;

namespace Reciproca.Web.Infrastructure.Web.Api;

/// <summary>What a request with a key may do: run (it holds the placeholder), or be answered without running.</summary>
public abstract record IdempotencyClaim
{
    /// <summary>This request inserted the placeholder: it runs, and its outcome is recorded or released.</summary>
    public sealed record Claimed(Guid RecordId) : IdempotencyClaim;

    /// <summary>The same request completed before: its stored answer is replayed.</summary>
    public sealed record Completed(IdempotencyRecord Record) : IdempotencyClaim;

    /// <summary>The same request is still running elsewhere (409).</summary>
    public sealed record InProgress : IdempotencyClaim;

    /// <summary>The key was used for another request (422).</summary>
    public sealed record Mismatch : IdempotencyClaim;
}

/// <summary>
/// The <c>IdempotencyRecords</c> table (ADR 0012). Every statement but the placeholder's insert bypasses the change
/// tracker, and the placeholder is detached once saved, so that the request's own unit of work (the same scoped
/// <see cref="AppDbContext"/>) never sees these rows.
/// </summary>
public sealed class IdempotencyStore(AppDbContext db, TimeProvider time, IOptions<ApiOptions> options)
{
    // A key is looked up, then inserted; between the two another request may insert or (failing) delete it, or the
    // record may have expired. A few rounds settle every such interleaving; more would mean a storm on one key.
    private const int Attempts = 3;

    private TimeSpan Retention => options.Value.IdempotencyRetention;

    public async Task<IdempotencyClaim> ClaimAsync(Guid userId, string key, RequestFingerprint fingerprint, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var existing = await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.UserId == userId && r.Key == key, cancellationToken);
            if (existing is null)
            {
                if (await TryInsertAsync(userId, key, fingerprint, now, cancellationToken) is { } id)
                {
                    return new IdempotencyClaim.Claimed(id);
                }

                continue;
            }

            if (existing.CreatedUtc <= now - Retention)
            {
                // Expired but not purged yet: the key is free again.
                await db.IdempotencyRecords.Where(r => r.Id == existing.Id).ExecuteDeleteAsync(cancellationToken);
                continue;
            }

            if (!existing.IsFor(fingerprint))
            {
                return new IdempotencyClaim.Mismatch();
            }

            return existing.CompletedUtc is null ? new IdempotencyClaim.InProgress() : new IdempotencyClaim.Completed(existing);
        }

        return new IdempotencyClaim.InProgress();
    }

    /// <summary>Keeps a successful answer for replay.</summary>
    public Task CompleteAsync(Guid recordId, int statusCode, string? location, string? contentType, string? body) =>
        // Not cancellable: the request's work is done and its answer must be recorded even if the client has gone.
        db.IdempotencyRecords.Where(r => r.Id == recordId).ExecuteUpdateAsync(
            s => s.SetProperty(r => r.CompletedUtc, time.GetUtcNow().UtcDateTime)
                .SetProperty(r => r.StatusCode, statusCode)
                .SetProperty(r => r.Location, location)
                .SetProperty(r => r.ContentType, contentType)
                .SetProperty(r => r.Body, body),
            CancellationToken.None);

    /// <summary>Forgets a placeholder whose request failed, so that the client may fix it and retry with the same key.</summary>
    public Task ReleaseAsync(Guid recordId) =>
        db.IdempotencyRecords.Where(r => r.Id == recordId && r.CompletedUtc == null).ExecuteDeleteAsync(CancellationToken.None);

    /// <summary>Deletes the records past the retention; returns how many.</summary>
    public Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - Retention;
        return db.IdempotencyRecords.Where(r => r.CreatedUtc <= cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The placeholder's id, or null when another request inserted the key first (the unique index).</summary>
    private async Task<Guid?> TryInsertAsync(Guid userId, string key, RequestFingerprint fingerprint, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var record = new IdempotencyRecord
        {
            Id = Guid.CreateVersion7(nowUtc),
            UserId = userId,
            Key = key,
            Method = fingerprint.Method,
            Path = fingerprint.Path,
            BodyHash = fingerprint.BodyHash,
            CreatedUtc = nowUtc,
        };
        db.IdempotencyRecords.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return record.Id;
        }
        catch (DbUpdateException)
        {
            // Engine-neutral: rather than decode SQLite's and PostgreSQL's error codes, look whether the key is taken.
            // If it is not, the failure was something else and is not ours to hide.
            db.Entry(record).State = EntityState.Detached;
            if (!await db.IdempotencyRecords.AnyAsync(r => r.UserId == userId && r.Key == key, cancellationToken))
            {
                throw;
            }

            return null;
        }
        finally
        {
            db.Entry(record).State = EntityState.Detached;
        }
    }
}
