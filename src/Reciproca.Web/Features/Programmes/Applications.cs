using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Web;

namespace Reciproca.Web.Features.Programmes;

public sealed record OverrideSide(Side? Side);

/// <summary>
/// The other ways into a cohort and HR's say over it: people apply to a programme that is open for applications
/// and HR approves them; HR overrides the side the assessment proposed.
/// </summary>
public sealed class ApplicationHandlers(AppDbContext db, ProgrammeAccess access, EnrolmentNotifications notifications, TimeProvider time, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>Programmes open for applications that the person is not in yet.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name, DateOnly StartsOn)>> OpenAsync(Actor actor, CancellationToken cancellationToken)
    {
        var personId = actor.PersonId;
        if (personId is null)
        {
            return [];
        }

        var open = await db.Programmes.AsNoTracking()
            .Where(p => p.OpenForApplications && p.Status == ProgrammeStatus.Enrolment && !db.Participants.Any(x => x.ProgrammeId == p.Id && x.PersonId == personId))
            .OrderBy(p => p.StartsOn).Select(p => new { p.Id, p.Name, p.StartsOn }).ToListAsync(cancellationToken);
        return [.. open.Select(p => (p.Id, p.Name, p.StartsOn))];
    }

    public async Task<Result<bool>> ApplyAsync(Guid programmeId, Actor actor, CancellationToken cancellationToken)
    {
        var personId = actor.PersonId;
        var programme = await db.Programmes.AsNoTracking().SingleOrDefaultAsync(p => p.Id == programmeId, cancellationToken);
        if (personId is null || programme is null || !programme.OpenForApplications || programme.Status != ProgrammeStatus.Enrolment)
        {
            return Problem.NotFound(localizer["Programme.NotFound"]);
        }

        if (await db.Participants.AnyAsync(p => p.ProgrammeId == programmeId && p.PersonId == personId, cancellationToken))
        {
            return Problem.Validation("programme", localizer["Apply.Already"]);
        }

        db.Participants.Add(new Participant { ProgrammeId = programmeId, PersonId = personId.Value, Status = ParticipantStatus.Applied, EnrolledUtc = time.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Problem.Validation("programme", localizer["Apply.Already"]);
        }

        return true;
    }

    public async Task<Result<bool>> ApproveAsync(Guid programmeId, Guid personId, Actor actor, CancellationToken cancellationToken)
    {
        var (participant, problem) = await ManagedParticipantAsync(programmeId, personId, actor, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (participant!.Status != ParticipantStatus.Applied)
        {
            return Problem.Validation("person", localizer["Apply.NotPending"]);
        }

        participant.Status = ParticipantStatus.Enrolled;
        participant.EnrolledUtc = time.GetUtcNow().UtcDateTime;
        participant.Version = Guid.NewGuid();
        await notifications.EnrolledAsync(programmeId, [personId], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<Result<bool>> OverrideSideAsync(Guid programmeId, Guid personId, OverrideSide command, Actor actor, CancellationToken cancellationToken)
    {
        var (participant, problem) = await ManagedParticipantAsync(programmeId, personId, actor, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (EnumInput.Problem("side", command.Side, localizer) is { } unknownSide)
        {
            return unknownSide;
        }

        // Choosing the proposed side again clears the override, so a later assessment can still move the person.
        participant!.SideOverride = command.Side == participant.ProposedSide ? null : command.Side;
        participant.Version = Guid.NewGuid();
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The actor's own participation in the programme, if they are in its cohort.</summary>
    public async Task<Participant?> MineAsync(Guid programmeId, Actor actor, CancellationToken cancellationToken) =>
        actor.PersonId is { } personId
            ? await db.Participants.AsNoTracking().SingleOrDefaultAsync(p => p.ProgrammeId == programmeId && p.PersonId == personId, cancellationToken)
            : null;

    /// <summary>The participant confirms they read the readiness checklist (once; a second confirmation keeps the first time).</summary>
    public async Task<Result<bool>> ConfirmReadyAsync(Guid programmeId, Actor actor, CancellationToken cancellationToken)
    {
        var personId = actor.PersonId;
        var me = personId is null ? null : await db.Participants.SingleOrDefaultAsync(p => p.ProgrammeId == programmeId && p.PersonId == personId, cancellationToken);
        if (me is null)
        {
            return Problem.NotFound(localizer["Programme.NotFound"]);
        }

        me.ReadyUtc ??= time.GetUtcNow().UtcDateTime;
        me.Version = Guid.NewGuid();
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private async Task<(Participant? Participant, Problem? Problem)> ManagedParticipantAsync(Guid programmeId, Guid personId, Actor actor, CancellationToken cancellationToken)
    {
        if (!await access.CanManageAsync(actor, programmeId, cancellationToken))
        {
            return (null, Problem.NotFound(localizer["Programme.NotFound"]));
        }

        var participant = await db.Participants.SingleOrDefaultAsync(p => p.ProgrammeId == programmeId && p.PersonId == personId, cancellationToken);
        return participant is null ? (null, Problem.NotFound(localizer["Assessment.NotEnrolled"])) : (participant, null);
    }
}
