using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Features.Assessments;
using Reciproca.Web.Infrastructure.Data;

namespace Reciproca.Web.Infrastructure.Startup;

/// <summary>Reference lists every installation has: the built-in experience topics (added when missing, never overwritten).</summary>
internal static class ReferenceData
{
    public static async Task EnsureExperienceTopicsAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var existing = await db.ExperienceTopics.Select(t => t.Key).ToListAsync(cancellationToken);
        var missing = ExperienceTopic.BuiltIns().Where(t => !existing.Contains(t.Key)).ToList();
        if (missing.Count > 0)
        {
            db.ExperienceTopics.AddRange(missing);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
