using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Web;
using Reciproca.Web.Infrastructure.Web.Api;

namespace Reciproca.Web.Features.Programmes;

/// <summary>Design a programme: create, read, update (with optimistic concurrency), list.</summary>
public sealed class ProgrammeHandlers(AppDbContext db, ProgrammeAccess access, TimeProvider time, IStringLocalizer<SharedResource> localizer)
{
    public async Task<Result<ProgrammeView>> CreateAsync(ProgrammeInput input, Actor actor, CancellationToken cancellationToken)
    {
        var errors = input.Validate(localizer);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var programme = new Programme { Name = "", CreatedBy = actor.UserId, CreatedUtc = now, UpdatedUtc = now };
        input.ApplyTo(programme);
        db.Programmes.Add(programme);
        // The creator manages it: that is what puts it in their programme scope.
        db.ProgrammeMembers.Add(new ProgrammeMember { ProgrammeId = programme.Id, UserId = programme.CreatedBy, Role = ProgrammeAccess.ManagerRole });
        await db.SaveChangesAsync(cancellationToken);
        return (await ViewAsync(programme.Id, cancellationToken))!;
    }

    public async Task<Result<ProgrammeView>> GetAsync(Guid id, Actor actor, CancellationToken cancellationToken)
    {
        if (!await access.CanViewAsync(actor, id, cancellationToken))
        {
            return Problem.NotFound(localizer["Programme.NotFound"]);
        }

        return (await ViewAsync(id, cancellationToken))!;
    }

    public async Task<Result<ProgrammeView>> UpdateAsync(Guid id, ProgrammeInput input, Guid? expectedVersion, Actor actor, CancellationToken cancellationToken)
    {
        var programme = await db.Programmes.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (programme is null)
        {
            return Problem.NotFound(localizer["Programme.NotFound"]);
        }

        if (await access.ManagerProblemAsync(actor, id, cancellationToken) is { } denied)
        {
            return denied;
        }

        // Only those who may edit learn that an edit needs the version: the scope check comes first.
        if (expectedVersion is null)
        {
            return Problem.PreconditionRequired(localizer["Programme.SendVersion"]);
        }

        var errors = input.Validate(localizer);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var stale = Problem.Stale(localizer["Programme.Stale"]);
        if (programme.Version != expectedVersion)
        {
            return stale;
        }

        input.ApplyTo(programme);
        programme.Touch(time.GetUtcNow().UtcDateTime);
        // Read-check-write may still race with another editor: the version token in the UPDATE catches it.
        return await db.SaveOrProblemAsync(stale, cancellationToken) ?? new Result<ProgrammeView>((await ViewAsync(id, cancellationToken))!, null);
    }

    /// <summary>Every programme in scope, for the programmes page (an organisation runs tens, not thousands).</summary>
    public async Task<IReadOnlyList<ProgrammeView>> ListAsync(Actor actor, CancellationToken cancellationToken) =>
        (await ListAsync(actor, PageRequest.All, cancellationToken)).Items;

    public async Task<PagedList<ProgrammeView>> ListAsync(Actor actor, PageRequest request, CancellationToken cancellationToken)
    {
        var programmes = await access.Visible(actor).AsNoTracking().OrderByDescending(p => p.StartsOn).ThenBy(p => p.Id).ToPagedListAsync(request, cancellationToken);
        var ids = programmes.Items.Select(p => p.Id).ToList();
        var counts = await CountsAsync(db.Participants.Where(p => ids.Contains(p.ProgrammeId)), cancellationToken);
        return new PagedList<ProgrammeView>(programmes.Total, programmes.Page, programmes.PageSize, [.. programmes.Items.Select(p => ToView(p, counts.GetValueOrDefault(p.Id)))]);
    }

    private async Task<ProgrammeView?> ViewAsync(Guid id, CancellationToken cancellationToken)
    {
        var programme = await db.Programmes.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (programme is null)
        {
            return null;
        }

        var counts = await CountsAsync(db.Participants.Where(p => p.ProgrammeId == id), cancellationToken);
        return ToView(programme, counts.GetValueOrDefault(id));
    }

    /// <summary>Enrolled and assessed participants per programme, in one query.</summary>
    private async Task<Dictionary<Guid, (int Participants, int Assessed)>> CountsAsync(IQueryable<Participant> participants, CancellationToken cancellationToken)
    {
        var rows = await participants
            .Where(p => p.Status == ParticipantStatus.Enrolled)
            .GroupBy(p => p.ProgrammeId)
            .Select(g => new { Id = g.Key, Participants = g.Count(), Assessed = g.Count(p => p.AssessedUtc != null) })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r => (r.Participants, r.Assessed));
    }

    private static ProgrammeView ToView(Programme programme, (int Participants, int Assessed) counts) => new(
        programme.Id, programme.Name, programme.Description, programme.StartsOn, programme.EndsOn, programme.PlannedSessions, programme.CadenceWeeks,
        MatchingRulesInput.From(programme.Rules), programme.AssessDigital, programme.AssessExperience, programme.OpenForApplications,
        programme.Status, counts.Participants, counts.Assessed, programme.Version);
}
