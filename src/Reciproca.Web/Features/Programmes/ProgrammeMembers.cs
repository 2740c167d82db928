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
            return Problem.Validation("userName", localizer["Members.NoSuchUser", requiredRole!]);
        }

        if (!await db.ProgrammeMembers.AnyAsync(m => m.ProgrammeId == programmeId && m.UserId == member.Id && m.Role == role, cancellationToken))
        {
            db.ProgrammeMembers.Add(new ProgrammeMember { ProgrammeId = programmeId, UserId = member.Id, Role = role });
            await db.SaveChangesAsync(cancellationToken);
        }

        return new Result<IReadOnlyList<ProgrammeMemberView>>(await ListAsync(programmeId, cancellationToken), null);
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
