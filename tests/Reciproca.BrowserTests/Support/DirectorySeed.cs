using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Reciproca.Web.Features.People;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;

namespace Reciproca.BrowserTests.Support;

/// <summary>A person of the directory with a participant account linked to them (<see cref="AppUser.PersonId"/>).</summary>
public sealed record SeededPerson(Guid Id, string DisplayName, string UserName);

/// <summary>
/// Puts people in the directory with their own participant accounts, through the application's own services:
/// the UI has no page that links an account to a person, and the journeys need people who can sign in.
/// </summary>
public static class DirectorySeed
{
    public static async Task<SeededPerson> AddPersonWithAccountAsync(
        this AppHost app, string displayName, string department, int birthYear, IReadOnlyList<string> languages, CancellationToken cancellationToken)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var now = time.GetUtcNow().UtcDateTime;
        var parts = displayName.Split(' ', 2);
        var userName = $"{string.Join('.', parts).ToLowerInvariant()}@test.example";

        var person = new Person
        {
            ExternalId = $"BT-{Guid.NewGuid():N}",
            DisplayName = displayName,
            GivenName = parts[0],
            FamilyName = parts.Length > 1 ? parts[1] : null,
            Email = userName,
            Department = department,
            BirthYear = birthYear,
            Languages = [.. languages],
            CreatedUtc = now,
        };
        person.Touch(now);
        db.People.Add(person);
        await db.SaveChangesAsync(cancellationToken);

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = userName, Email = userName, DisplayName = displayName, EmailConfirmed = true, PersonId = person.Id };
        Check(await users.CreateAsync(user, AppHost.Password), $"create {userName}");
        Check(await users.AddToRoleAsync(user, Roles.Participant), $"add {userName} to {Roles.Participant}");
        return new SeededPerson(person.Id, displayName, userName);
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
