using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reciproca.Web.Features.People;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;

namespace Reciproca.Web.Infrastructure.Startup;

/// <summary>
/// Seeds the demo organisation once, into an empty directory: an Italian manufacturer of about 300 people in
/// twelve departments and six sites, all five generations, with reporting lines, plus one demo account per
/// role. A second start finds people and does nothing (no duplicates).
/// </summary>
internal sealed class DemoOrganisationSeeder(
    AppDbContext db,
    UserManager<AppUser> users,
    IOptions<DemoOptions> options,
    StartupReport report,
    TimeProvider time)
{
    public const string HrUser = "hr@demo.reciproca.example";
    public const string SponsorUser = "sponsor@demo.reciproca.example";
    public const string JuniorUser = "junior@demo.reciproca.example";
    public const string SeniorUser = "senior@demo.reciproca.example";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var demo = options.Value;
        if (!demo.Enabled)
        {
            return;
        }

        if (!await db.People.AnyAsync(cancellationToken))
        {
            var people = DemoOrganisation.Generate(demo.People, time.GetUtcNow().UtcDateTime);
            db.People.AddRange(people);
            await db.SaveChangesAsync(cancellationToken);
        }

        await EnsureDemoAccountAsync(HrUser, Roles.ProgrammeManager, p => p.Department == DemoOrganisation.HumanResources && p.ManagerExternalId != null, demo.Password, cancellationToken);
        await EnsureDemoAccountAsync(SponsorUser, Roles.Sponsor, p => p.ExternalId == DemoOrganisation.ChiefExecutiveId, demo.Password, cancellationToken);
        await EnsureDemoAccountAsync(JuniorUser, Roles.Participant, p => p.BirthYear >= 1997, demo.Password, cancellationToken);
        await EnsureDemoAccountAsync(SeniorUser, Roles.Participant, p => p.BirthYear <= 1964 && p.ManagerExternalId != null, demo.Password, cancellationToken);

        report.Add($"Demo organisation: {DemoOrganisation.CompanyName}. Demo accounts, password '{demo.Password}':");
        report.Add($"  HR (programme manager): {HrUser}");
        report.Add($"  Sponsor: {SponsorUser}");
        report.Add($"  Participants: {JuniorUser}, {SeniorUser}");
    }

    private async Task EnsureDemoAccountAsync(string userName, string role, System.Linq.Expressions.Expression<Func<Person, bool>> who, string password, CancellationToken cancellationToken)
    {
        if (await users.FindByNameAsync(userName) is not null)
        {
            return;
        }

        var person = await db.People.Where(who).OrderBy(p => p.ExternalId).FirstOrDefaultAsync(cancellationToken);
        var user = new AppUser
        {
            UserName = userName,
            Email = userName,
            EmailConfirmed = true,
            PersonId = person?.Id,
            DisplayName = person?.DisplayName ?? userName,
        };
        AccountBootstrapper.EnsureSucceeded(await users.CreateAsync(user, password), $"create demo account {userName}");
        AccountBootstrapper.EnsureSucceeded(await users.AddToRoleAsync(user, role), $"give {userName} its role");
    }
}
