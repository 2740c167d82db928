using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Web;

namespace Reciproca.Web.Features.Programmes;

/// <summary>Design a programme: create, read, update (with optimistic concurrency), list.</summary>
public sealed class ProgrammeHandlers(AppDbContext db, ProgrammeAccess access, TimeProvider time, IStringLocalizer<SharedResource> localizer)
{
    public async Task<Result<ProgrammeView>> CreateAsync(ProgrammeInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = input.Validate(localizer);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var programme = new Programme { Name = "", CreatedBy = ProgrammeAccess.UserId(user), CreatedUtc = now, UpdatedUtc = now };
        input.ApplyTo(programme);
        db.Programmes.Add(programme);
        // The creator manages it: that is what puts it in their programme scope.
        db.ProgrammeMembers.Add(new ProgrammeMember { ProgrammeId = programme.Id, UserId = programme.CreatedBy, Role = ProgrammeAccess.ManagerRole });
        await db.SaveChangesAsync(cancellationToken);
        return (await ViewAsync(programme.Id, cancellationToken))!;
    }

    public async Task<Result<ProgrammeView>> GetAsync(Guid id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!await access.CanViewAsync(user, id, cancellationToken))
        {
            return Problem.NotFound(localizer["Programme.NotFound"]);
        }

        return (await ViewAsync(id, cancellationToken))!;
    }

    public async Task<Result<ProgrammeView>> UpdateAsync(Guid id, ProgrammeInput input, Guid expectedVersion, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var programme = await db.Programmes.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (programme is null || !await access.CanViewAsync(user, id, cancellationToken))
        {
            return Problem.NotFound(localizer["Programme.NotFound"]);
        }

        if (!await access.CanManageAsync(user, id, cancellationToken))
        {
            return Problem.Forbidden(localizer["Programme.NotManager"]);
        }

        var errors = input.Validate(localizer);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        if (programme.Version != expectedVersion)
        {
            return Problem.Conflict(localizer["Programme.Stale"]);
        }

        input.ApplyTo(programme);
        programme.Touch(time.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Read-check-write raced with another editor: the version token in the UPDATE caught it.
            return Problem.Conflict(localizer["Programme.Stale"]);
        }

        return (await ViewAsync(id, cancellationToken))!;
    }

    public async Task<IReadOnlyList<ProgrammeView>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var ids = await access.Visible(user).OrderByDescending(p => p.StartsOn).Select(p => p.Id).ToListAsync(cancellationToken);
        var views = new List<ProgrammeView>(ids.Count);
        foreach (var id in ids)
        {
            views.Add((await ViewAsync(id, cancellationToken))!);
        }

        return views;
    }

    private async Task<ProgrammeView?> ViewAsync(Guid id, CancellationToken cancellationToken)
    {
        var programme = await db.Programmes.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (programme is null)
        {
            return null;
        }

        var participants = await db.Participants.CountAsync(p => p.ProgrammeId == id && p.Status == ParticipantStatus.Enrolled, cancellationToken);
        var assessed = await db.Assessments.CountAsync(a => db.Participants.Any(p => p.Id == a.ParticipantId && p.ProgrammeId == id && p.Status == ParticipantStatus.Enrolled), cancellationToken);
        return new ProgrammeView(
            programme.Id, programme.Name, programme.Description, programme.StartsOn, programme.EndsOn, programme.PlannedSessions, programme.CadenceWeeks,
            MatchingRulesInput.From(programme.Rules), programme.AssessDigital, programme.AssessExperience, programme.OpenForApplications,
            programme.Status.ToString(), participants, assessed, programme.Version);
    }
}
