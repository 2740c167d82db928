using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Reciproca.Web.Infrastructure.Auth;

/// <summary>
/// Who is acting: a signed-in user (account, person, roles) or the system (a job, the demo seeder). Handlers and
/// access checks take an <see cref="Actor"/>, never a <see cref="ClaimsPrincipal"/>, so that a job calls the same
/// handler as the API and the page. Programme scope (which programmes the actor manages, sponsors or takes part in)
/// is decided by <c>ProgrammeAccess</c> on top of these facts.
/// </summary>
public sealed class Actor
{
    private static readonly object _itemKey = new();

    private readonly IReadOnlySet<string> _roles;

    private Actor(Guid userId, Guid? personId, IReadOnlySet<string> roles, string name, bool isSystem)
    {
        UserId = userId;
        PersonId = personId;
        _roles = roles;
        Name = name;
        IsSystem = isSystem;
    }

    /// <summary>Nobody signed in: every scoped check fails.</summary>
    public static Actor Anonymous { get; } = new(Guid.Empty, null, new HashSet<string>(), "", isSystem: false);

    /// <summary>The account acting; <see cref="Guid.Empty"/> for the system and for anonymous callers.</summary>
    public Guid UserId { get; }

    /// <summary>The directory person the account belongs to, if any: what makes someone a participant of a pair.</summary>
    public Guid? PersonId { get; }

    /// <summary>For messages ("Anna Rossi invites you"): the display name, else the user name.</summary>
    public string Name { get; }

    /// <summary>A job or the seeder: acts with an administrator's reach, never as a participant.</summary>
    public bool IsSystem { get; }

    public bool IsAuthenticated => IsSystem || UserId != Guid.Empty;

    public bool IsAdministrator => IsInRole(Roles.Administrator);

    public bool IsInRole(string role) => IsSystem ? role == Roles.Administrator : _roles.Contains(role);

    /// <summary>A background job or the seeder; <paramref name="name"/> says which, for the logs and the e-mails it sends.</summary>
    public static Actor System(string name) => new(Guid.Empty, null, new HashSet<string>(), name, isSystem: true);

    /// <summary>A known account acting outside a request (the demo seeder replaying what HR did).</summary>
    public static Actor ForUser(Guid userId, Guid? personId, string name, params string[] roles) =>
        new(userId, personId, new HashSet<string>(roles, StringComparer.Ordinal), name, isSystem: false);

    public static Actor FromPrincipal(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return Anonymous;
        }

        Guid? personId = Guid.TryParse(principal.FindFirstValue(AppClaimsPrincipalFactory.PersonIdClaim), out var person) ? person : null;
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value);
        var name = principal.FindFirstValue(AppClaimsPrincipalFactory.DisplayNameClaim) is { Length: > 0 } display ? display : principal.Identity.Name ?? "";
        return new Actor(userId, personId, new HashSet<string>(roles, StringComparer.Ordinal), name, isSystem: false);
    }

    /// <summary>The request's actor, built once per request from the authenticated user.</summary>
    public static Actor Of(HttpContext context)
    {
        if (context.Items.TryGetValue(_itemKey, out var cached) && cached is Actor actor)
        {
            return actor;
        }

        actor = FromPrincipal(context.User);
        context.Items[_itemKey] = actor;
        return actor;
    }

    /// <summary>Minimal API parameter binding: an endpoint takes <c>Actor actor</c> like any other parameter.</summary>
    public static ValueTask<Actor?> BindAsync(HttpContext context) => ValueTask.FromResult<Actor?>(Of(context));

    public override string ToString() => IsSystem ? $"system:{Name}" : UserId == Guid.Empty ? "anonymous" : $"user:{UserId}";
}

public static class ActorPageExtensions
{
    extension(PageModel page)
    {
        /// <summary>The signed-in actor of the page's request.</summary>
        public Actor Actor => Actor.Of(page.HttpContext);
    }
}
