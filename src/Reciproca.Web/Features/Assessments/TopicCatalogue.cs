using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Infrastructure.Data;

namespace Reciproca.Web.Features.Assessments;

/// <summary>The experience topics in use, for the catalogue.</summary>
public sealed class TopicCatalogue(AppDbContext db)
{
    public async Task<IReadOnlyList<CatalogueTopic>> ListAsync(CancellationToken cancellationToken) =>
        await db.ExperienceTopics.AsNoTracking().Where(t => !t.Archived).OrderBy(t => t.Key)
            .Select(t => new CatalogueTopic(t.Key, new LocalizedText(t.NameEn, t.NameIt), t.BuiltIn)).ToListAsync(cancellationToken);
}
