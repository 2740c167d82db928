using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Web;
using Reciproca.Web.Infrastructure.Web.Api;

namespace Reciproca.Web.Features.Programmes;

public sealed record AddProgrammeMember(string UserName, string Role);

public sealed record ProgrammeMemberView(Guid UserId, string UserName, string Role);

/// <summary>An account that could be given a programme's scope: an HR user (as Manager) or a sponsor (as Sponsor).</summary>
public sealed record MemberCandidate(string UserName, string DisplayName, IReadOnlyList<string> Roles);

/// <summary>
/// Who else manages or sponsors a programme: the programme scope of HR colleagues and sponsors. A manager must hold
/// the ProgrammeManager role, a sponsor the Sponsor role, so that scope never grants more than the role allows.
/// </summary>
public sealed class ProgrammeMemberHandlers(AppDbContext db, ProgrammeAccess access, UserManager<AppUser> users, IStringLocalizer<SharedResource> localizer)
{
    public async Task<Result<IReadOnlyList<ProgrammeMemberView>>> AddAsync(Guid programmeId, AddProgrammeMember command, Actor actor, CancellationToken cancellationToken)
    {
        if (!await access.CanManageAsync(actor, programmeId, cancellationToken))
        {
            return Problem.NotFound(localizer["Programme.NotFound"]);
        }

        var (role, requiredRole) = command.Role switch
        {
            ProgrammeAccess.ManagerRole => (ProgrammeAccess.ManagerRole, Roles.ProgrammeManager),
            ProgrammeAccess.SponsorRole => (ProgrammeAccess.SponsorRole, Roles.Sponsor),
            _ => (null, null),
        };
        if (role is null)
        {
            return Problem.Validation("role", localizer["Members.Role"]);
        }

        var member = await users.FindByNameAsync(command.UserName ?? "");
        if (member is null || !await users.IsInRoleAsync(member, requiredRole!))
        {
            return Problem.Validation("userName", localizer["Members.NoSuchUser", localizer["Role." + requiredRole!].Value]);
        }

        if (!await db.ProgrammeMembers.AnyAsync(m => m.ProgrammeId == programmeId && m.UserId == member.Id && m.Role == role, cancellationToken))
        {
            db.ProgrammeMembers.Add(new ProgrammeMember { ProgrammeId = programmeId, UserId = member.Id, Role = role });
            await db.SaveChangesAsync(cancellationToken);
        }

        return new Result<IReadOnlyList<ProgrammeMemberView>>(await ListAsync(programmeId, cancellationToken), null);
    }

    /// <summary>
    /// Takes an account's scope of the programme away (both roles). The programme always keeps a manager: removing
    /// the last one is a conflict.
    /// </summary>
    public async Task<Result<IReadOnlyList<ProgrammeMemberView>>> RemoveAsync(Guid programmeId, Guid userId, Actor actor, CancellationToken cancellationToken)
    {
        if (!await access.CanManageAsync(actor, programmeId, cancellationToken))
        {
            return Problem.NotFound(localizer["Programme.NotFound"]);
        }

        var memberships = await db.ProgrammeMembers.Where(m => m.ProgrammeId == programmeId && m.UserId == userId).ToListAsync(cancellationToken);
        if (memberships.Count == 0)
        {
            return Problem.NotFound(localizer["Members.NotAMember"]);
        }

        var managers = await db.ProgrammeMembers.CountAsync(m => m.ProgrammeId == programmeId && m.Role == ProgrammeAccess.ManagerRole, cancellationToken);
        if (memberships.Any(m => m.Role == ProgrammeAccess.ManagerRole) && managers == 1)
        {
            return Problem.Conflict(localizer["Members.LastManager"]);
        }

        db.ProgrammeMembers.RemoveRange(memberships);
        await db.SaveChangesAsync(cancellationToken);
        return new Result<IReadOnlyList<ProgrammeMemberView>>(await ListAsync(programmeId, cancellationToken), null);
    }

    /// <summary>HR users and sponsors who may sign in (no lockout: deactivated accounts have one), by user name, for the page's picker (at most <paramref name="limit"/>).</summary>
    public async Task<IReadOnlyList<MemberCandidate>> CandidatesAsync(int limit, CancellationToken cancellationToken)
    {
        var rows = await (from link in db.UserRoles
                          join role in db.Roles on link.RoleId equals role.Id
                          join account in db.Users on link.UserId equals account.Id
                          where (role.Name == Roles.ProgrammeManager || role.Name == Roles.Sponsor) && account.LockoutEnd == null
                          orderby account.NormalizedUserName
                          select new { account.UserName, account.DisplayName, role.Name })
            .Take(limit * 2)
            .ToListAsync(cancellationToken);
        return [.. rows.GroupBy(r => r.UserName!).Take(limit).Select(g => new MemberCandidate(g.Key, g.First().DisplayName, [.. g.Select(r => r.Name!).Order(StringComparer.Ordinal)]))];
    }

    public async Task<Result<PagedList<ProgrammeMemberView>>> ListAsync(Guid programmeId, PageRequest request, Actor actor, CancellationToken cancellationToken) =>
        await access.ManagerOrNotFoundAsync(actor, programmeId, cancellationToken) is { } denied
            ? denied
            : (await ListAsync(programmeId, cancellationToken)).ToPagedList(request);

    public async Task<IReadOnlyList<ProgrammeMemberView>> ListAsync(Guid programmeId, CancellationToken cancellationToken) =>
        await (from member in db.ProgrammeMembers.AsNoTracking()
               join account in db.Users.AsNoTracking() on member.UserId equals account.Id
               where member.ProgrammeId == programmeId
               orderby member.Role, account.UserName
               select new ProgrammeMemberView(member.UserId, account.UserName!, member.Role)).ToListAsync(cancellationToken);
}
