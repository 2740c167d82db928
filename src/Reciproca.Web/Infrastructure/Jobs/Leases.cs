using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Reciproca.Web.Infrastructure.Jobs;

/// <summary>
/// Claims due rows with a lease, the one way every job of the application takes its work (ADR 0008, ADR 0010):
/// select the ids of a batch of due, unclaimed rows; claim them with one conditional <c>UPDATE … SET ClaimToken,
/// ClaimedUntilUtc, ClaimedBy WHERE id IN (…) AND due AND (ClaimedUntilUtc IS NULL OR ClaimedUntilUtc &lt; now)</c>; read back
/// only the rows carrying the new token. PostgreSQL re-checks the condition on a row another transaction has just
/// updated (READ COMMITTED) and SQLite has a single writer, so two claimers never get the same row.
/// </summary>
public static class Leases
{
    /// <summary>
    /// Claims at most <paramref name="batchSize"/> rows of <paramref name="rows"/> that satisfy <paramref name="due"/>
    /// and are not leased at <paramref name="nowUtc"/>, for <paramref name="lease"/>. Returns them tracked, ordered by
    /// <paramref name="order"/>; <paramref name="include"/> shapes the read-back (e.g. <c>Include</c> of children).
    /// The context must not already track stale copies of these rows: see <see cref="ReleaseAsync"/>. The claim records
    /// <paramref name="claimant"/>, this instance's <see cref="InstanceIdentity"/>.
    /// </summary>
    public static async Task<List<T>> ClaimAsync<T, TKey, TOrder>(
        DbSet<T> rows,
        Expression<Func<T, bool>> due,
        Expression<Func<T, TKey>> key,
        Expression<Func<T, TOrder>> order,
        int batchSize,
        DateTime nowUtc,
        TimeSpan lease,
        string claimant,
        CancellationToken cancellationToken,
        Func<IQueryable<T>, IQueryable<T>>? include = null)
        where T : class, ILeased
    {
        var available = due.AndAlso(Unclaimed<T>(nowUtc));
        var ids = await rows.AsNoTracking().Where(available).OrderBy(order).Select(key).Take(batchSize).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return [];
        }

        // The due condition is checked again in the UPDATE: a row claimed, worked on and released by another
        // instance between the two statements may no longer be due (a message retried later, a job run already).
        var token = Guid.NewGuid();
        var until = (DateTime?)(nowUtc + lease);
        var claimedToken = (Guid?)token;
        await rows.Where(available.AndAlso(In(key, ids)))
            .ExecuteUpdateAsync(
                s => s.SetProperty(Selector<T, DateTime?>(nameof(ILeased.ClaimedUntilUtc)), until)
                    .SetProperty(Selector<T, Guid?>(nameof(ILeased.ClaimToken)), claimedToken)
                    .SetProperty(Selector<T, string?>(nameof(ILeased.ClaimedBy)), claimant),
                cancellationToken);

        var mine = rows.Where(Property<T, Guid?>(nameof(ILeased.ClaimToken), claimedToken));
        return await (include?.Invoke(mine) ?? mine).OrderBy(order).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Gives the claims up and saves the caller's changes to the rows with them; then forgets the rows. The next
    /// claim reads its rows back after an <c>ExecuteUpdate</c>, which bypasses the change tracker, so a row still
    /// tracked from this pass would come back stale (without its new claim) and its release would never be saved.
    /// </summary>
    public static async Task ReleaseAsync<T>(DbContext db, IReadOnlyList<T> claimed)
        where T : class, ILeased
    {
        foreach (var row in claimed)
        {
            row.ClaimedUntilUtc = null;
            row.ClaimToken = null;
            row.ClaimedBy = null;
        }

        // Not cancellable: an outcome that happened (a message sent) must be recorded.
        await db.SaveChangesAsync(CancellationToken.None);
        foreach (var row in claimed)
        {
            db.Entry(row).State = EntityState.Detached;
        }
    }

    /// <summary>
    /// Gives up every claim <paramref name="claimant"/> holds on <paramref name="rows"/>: called when an instance starts,
    /// before it claims anything, so whatever it held when it stopped (a crash, a kill) is due again at once rather than
    /// after its lease. Safe only because no other running instance has the same identity (<see cref="InstanceIdentity"/>).
    /// </summary>
    public static Task<int> ReleaseClaimsOfAsync<T>(DbSet<T> rows, string claimant, CancellationToken cancellationToken)
        where T : class, ILeased =>
        rows.Where(Property<T, string?>(nameof(ILeased.ClaimedBy), claimant))
            .ExecuteUpdateAsync(
                s => s.SetProperty(Selector<T, DateTime?>(nameof(ILeased.ClaimedUntilUtc)), (DateTime?)null)
                    .SetProperty(Selector<T, Guid?>(nameof(ILeased.ClaimToken)), (Guid?)null)
                    .SetProperty(Selector<T, string?>(nameof(ILeased.ClaimedBy)), (string?)null),
                cancellationToken);

    // The lease columns are read through the entity's own properties (not the interface's), so that EF translates
    // them in queries and in ExecuteUpdate alike.
    private static Expression<Func<T, bool>> Unclaimed<T>(DateTime nowUtc)
    {
        var row = Expression.Parameter(typeof(T), "r");
        var until = Expression.Property(row, typeof(T).GetProperty(nameof(ILeased.ClaimedUntilUtc))!);
        var now = Captured<DateTime?>(nowUtc);
        var body = Expression.OrElse(Expression.Equal(until, Expression.Constant(null, typeof(DateTime?))), Expression.LessThan(until, now));
        return Expression.Lambda<Func<T, bool>>(body, row);
    }

    private static Expression<Func<T, TValue>> Selector<T, TValue>(string name)
    {
        var row = Expression.Parameter(typeof(T), "r");
        return Expression.Lambda<Func<T, TValue>>(Expression.Property(row, typeof(T).GetProperty(name)!), row);
    }

    private static Expression<Func<T, bool>> Property<T, TValue>(string name, TValue value)
    {
        var row = Expression.Parameter(typeof(T), "r");
        var body = Expression.Equal(Expression.Property(row, typeof(T).GetProperty(name)!), Captured(value));
        return Expression.Lambda<Func<T, bool>>(body, row);
    }

    private static Expression<Func<T, bool>> In<T, TKey>(Expression<Func<T, TKey>> key, List<TKey> ids)
    {
        var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(TKey)], Captured(ids), key.Body);
        return Expression.Lambda<Func<T, bool>>(contains, key.Parameters);
    }

    private static Expression<Func<T, bool>> AndAlso<T>(this Expression<Func<T, bool>> left, Expression<Func<T, bool>> right)
    {
        var body = new Rebind(right.Parameters[0], left.Parameters[0]).Visit(right.Body);
        return Expression.Lambda<Func<T, bool>>(Expression.AndAlso(left.Body, body), left.Parameters);
    }

    // A closure field rather than a constant, so that EF sends the value as a parameter (one cached query plan).
    private static MemberExpression Captured<TValue>(TValue value)
    {
        Expression<Func<TValue>> capture = () => value;
        return (MemberExpression)capture.Body;
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
