using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Web;

namespace Reciproca.Web.Features.Programmes;

/// <summary>
/// Programme scope on top of roles: administrators see every programme; programme managers and sponsors the ones
/// they are members of; participants the ones they are enrolled in. Every programme page and endpoint asks here.
/// </summary>
public sealed class ProgrammeAccess(AppDbContext db, IStringLocalizer<SharedResource> localizer)
{
    public const string ManagerRole = "Manager";
    public const string SponsorRole = "Sponsor";

    public static Guid UserId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;

    public static Guid? PersonId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(AppClaimsPrincipalFactory.PersonIdClaim), out var id) ? id : null;

    public IQueryable<Programme> Visible(ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Administrator))
        {
            return db.Programmes;
        }

        var userId = UserId(user);
        var personId = PersonId(user);
        return db.Programmes.Where(p =>
            db.ProgrammeMembers.Any(m => m.ProgrammeId == p.Id && m.UserId == userId)
            || (personId != null && db.Participants.Any(x => x.ProgrammeId == p.Id && x.PersonId == personId && x.Status != ParticipantStatus.Withdrawn)));
    }

    /// <summary>Design, enrol, assess on behalf, match: HR members of the programme and administrators.</summary>
    public async Task<bool> CanManageAsync(ClaimsPrincipal user, Guid programmeId, CancellationToken cancellationToken)
    {
        if (user.IsInRole(Roles.Administrator))
        {
            return true;
        }

        if (!user.IsInRole(Roles.ProgrammeManager))
        {
            return false;
        }

        var userId = UserId(user);
        return await db.ProgrammeMembers.AnyAsync(m => m.ProgrammeId == programmeId && m.UserId == userId && m.Role == ManagerRole, cancellationToken);
    }

    public Task<bool> CanViewAsync(ClaimsPrincipal user, Guid programmeId, CancellationToken cancellationToken) =>
        Visible(user).AnyAsync(p => p.Id == programmeId, cancellationToken);

    /// <summary>
    /// Null when the user manages the programme. Otherwise the problem to answer: "not found" when the programme is
    /// outside the user's scope (it does not exist for them), "forbidden" when they see it but may not manage it.
    /// </summary>
    public async Task<Problem?> ManagerProblemAsync(ClaimsPrincipal user, Guid programmeId, CancellationToken cancellationToken)
    {
        if (!await CanViewAsync(user, programmeId, cancellationToken))
        {
            return Problem.NotFound(localizer["Programme.NotFound"]);
        }

        return await CanManageAsync(user, programmeId, cancellationToken) ? null : Problem.Forbidden(localizer["Programme.NotManager"]);
    }
}
