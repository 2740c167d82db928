using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Infrastructure.Web;

namespace Reciproca.Web.Infrastructure.Data;

public static class ConcurrencyExtensions
{
    /// <summary>
    /// Saves, or answers <paramref name="lostRace"/> when the version token in the UPDATE found that somebody else
    /// changed the row since it was read: the one place where a concurrency exception becomes an expected failure
    /// (412 when the client named the version it read, 409 otherwise). Nothing of the caller's change is written then.
    /// </summary>
    public static async Task<Problem?> SaveOrProblemAsync(this AppDbContext db, Problem lostRace, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return lostRace;
        }
    }
}
