using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Email;
using Reciproca.Web.Infrastructure.Jobs;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests.Jobs;

/// <summary>
/// The lease claim every job uses (ADR 0010), on the outbox table: concurrent claimers never get the same row, a
/// leased row is left alone until its lease ends, and a row that stopped being due is not claimed.
/// </summary>
public abstract class LeaseClaimTests(AppFixture fixture)
{
    private static readonly TimeSpan _lease = TimeSpan.FromMinutes(5);

    private ReciprocaFactory Factory => fixture.Require();

    private DateTime Now => Factory.Time.GetUtcNow().UtcDateTime;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact(Timeout = 120_000)]
    public async Task Concurrent_claimers_claim_each_due_row_exactly_once()
    {
        var cancel = TestContext.Current.CancellationToken;
        var ids = await SeedAsync(120);
        var claims = new ConcurrentBag<(int Claimer, Guid Token, Guid Id)>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Each claimer has its own scope and DbContext (its own connection), like separate instances, and claims small
        // batches until nothing unclaimed is left; nobody releases, so every row ends up with exactly one claimer.
        async Task ClaimAllAsync(int claimer)
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await start.Task;
            List<OutboxMessage> batch;
            do
            {
                batch = await ClaimAsync(db, batchSize: 7);
                foreach (var row in batch)
                {
                    claims.Add((claimer, row.ClaimToken!.Value, row.Id));
                }

                await Task.Yield();
            }
            while (batch.Count > 0);
        }

        var claimers = Enumerable.Range(0, 4).Select(i => Task.Run(() => ClaimAllAsync(i), cancel)).ToArray();
        start.SetResult();
        await Task.WhenAll(claimers);

        TestContext.Current.TestOutputHelper?.WriteLine($"Claimed per claimer: {string.Join(", ", claims.GroupBy(c => c.Claimer).OrderBy(g => g.Key).Select(g => g.Count()))}");
        Assert.Equal(ids.Count, claims.Count);
        Assert.Equal(ids.Order(), claims.Select(c => c.Id).Order());
        var rows = await Factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().ToDictionaryAsync(m => m.Id, Cancel));
        Assert.All(claims, claim =>
        {
            // The token each claimer read back is the one the database kept: no claim was overwritten by another.
            Assert.Equal(claim.Token, rows[claim.Id].ClaimToken);
            Assert.Equal(Now + _lease, rows[claim.Id].ClaimedUntilUtc);
        });
    }

    [Fact]
    public async Task A_leased_row_is_claimed_again_only_once_its_lease_has_ended()
    {
        var id = Assert.Single(await SeedAsync(1));
        var first = Assert.Single(await ClaimOnceAsync());
        Assert.Equal(id, first.Id);

        Assert.Empty(await ClaimOnceAsync());
        Factory.Time.Advance(_lease - TimeSpan.FromSeconds(1));
        Assert.Empty(await ClaimOnceAsync());

        Factory.Time.Advance(TimeSpan.FromSeconds(2));
        var second = Assert.Single(await ClaimOnceAsync());
        Assert.Equal(id, second.Id);
        Assert.NotEqual(first.ClaimToken, second.ClaimToken);
        Assert.Equal(Now + _lease, second.ClaimedUntilUtc);
    }

    [Fact]
    public async Task Rows_that_are_not_due_are_not_claimed_and_a_batch_comes_oldest_first()
    {
        var ids = await SeedAsync(5);
        // Due at different times: 3 now (in reverse order of creation), 2 later.
        await Factory.WithDbAsync(async db =>
        {
            for (var i = 0; i < ids.Count; i++)
            {
                var due = i < 3 ? Now.AddMinutes(-10 + (3 - i)) : Now.AddMinutes(10);
                var id = ids[i];
                await db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptUtc, due), Cancel);
            }

            return 0;
        });

        var claimed = await ClaimOnceAsync(batchSize: 2);
        Assert.Equal([ids[2], ids[1]], claimed.Select(m => m.Id));
        Assert.Equal([ids[0]], (await ClaimOnceAsync()).Select(m => m.Id));
        Assert.Empty(await ClaimOnceAsync());
    }

    private async Task<List<OutboxMessage>> ClaimOnceAsync(int batchSize = 50)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await ClaimAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), batchSize);
    }

    private Task<List<OutboxMessage>> ClaimAsync(AppDbContext db, int batchSize)
    {
        var now = Now;
        return Leases.ClaimAsync(db.OutboxMessages, m => m.SentUtc == null && m.NextAttemptUtc <= now, m => m.Id, m => m.NextAttemptUtc, batchSize, now, _lease, "lease-test", Cancel);
    }

    /// <summary>A clean outbox with <paramref name="count"/> due messages; returns their ids in creation order.</summary>
    private async Task<List<Guid>> SeedAsync(int count)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.OutboxMessages.ExecuteDeleteAsync(Cancel);
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var ids = Enumerable.Range(1, count)
            .Select(i => outbox.Enqueue("LeaseTest", $"lease-{i}@example.test", null, new EmailContent($"Lease {i}", "Hello,", ["A test."], null, null, "Reciproca")).Id)
            .ToList();
        await db.SaveChangesAsync(Cancel);
        return ids;
    }
}

public sealed class LeaseClaimSqliteTests(SqliteAppFixture fixture) : LeaseClaimTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class LeaseClaimPostgresTests(PostgresAppFixture fixture) : LeaseClaimTests(fixture), IClassFixture<PostgresAppFixture>;
