using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Web;

namespace Reciproca.Web.Features.Programmes;

/// <summary>
/// Programme scope on top of roles: administrators (and the system) see every programme; programme managers and
/// sponsors the ones they are members of; participants the ones they are enrolled in. Every programme page and
/// endpoint asks here.
/// </summary>
public sealed class ProgrammeAccess(AppDbContext db, IStringLocalizer<SharedResource> localizer)
{
    public const string ManagerRole = "Manager";
    public const string SponsorRole = "Sponsor";

    public IQueryable<Programme> Visible(Actor actor)
    {
        if (actor.IsAdministrator)
        {
            return db.Programmes;
        }

        var userId = actor.UserId;
        var personId = actor.PersonId;
        return db.Programmes.Where(p =>
            db.ProgrammeMembers.Any(m => m.ProgrammeId == p.Id && m.UserId == userId)
            || (personId != null && db.Participants.Any(x => x.ProgrammeId == p.Id && x.PersonId == personId && x.Status != ParticipantStatus.Withdrawn)));
    }

    /// <summary>Design, enrol, assess on behalf, match: HR members of the programme and administrators.</summary>
    public async Task<bool> CanManageAsync(Actor actor, Guid programmeId, CancellationToken cancellationToken)
    {
        if (actor.IsAdministrator)
        {
            return true;
        }

        if (!actor.IsInRole(Roles.ProgrammeManager))
        {
            return false;
        }

        var userId = actor.UserId;
        return await db.ProgrammeMembers.AnyAsync(m => m.ProgrammeId == programmeId && m.UserId == userId && m.Role == ManagerRole, cancellationToken);
    }

    public Task<bool> CanViewAsync(Actor actor, Guid programmeId, CancellationToken cancellationToken) =>
        Visible(actor).AnyAsync(p => p.Id == programmeId, cancellationToken);

    /// <summary>
    /// Null when the actor manages the programme. Otherwise the problem to answer: "not found" when the programme is
    /// outside the actor's scope (it does not exist for them), "forbidden" when they see it but may not manage it.
    /// </summary>
    public async Task<Problem?> ManagerProblemAsync(Actor actor, Guid programmeId, CancellationToken cancellationToken)
    {
        if (!await CanViewAsync(actor, programmeId, cancellationToken))
        {
            return Problem.NotFound(localizer["Programme.NotFound"]);
        }

        return await CanManageAsync(actor, programmeId, cancellationToken) ? null : Problem.Forbidden(localizer["Programme.NotManager"]);
    }

    /// <summary>
    /// "List if manager, else not found": the answer of the read-only lists of a programme's management (participants,
    /// members, invitations, constraints), where a programme outside the actor's reach does not exist for them.
    /// </summary>
    public async Task<Problem?> ManagerOrNotFoundAsync(Actor actor, Guid programmeId, CancellationToken cancellationToken) =>
        await CanManageAsync(actor, programmeId, cancellationToken) ? null : Problem.NotFound(localizer["Programme.NotFound"]);
}
