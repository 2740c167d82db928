using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests.Architecture;

/// <summary>
/// Every endpoint and page of the application, read from its own routing table, with the policy it declares, in one
/// table: a new endpoint or page without an entry here fails, and so does one whose policy changed unnoticed. The
/// parameterless pages are then called as every role.
/// </summary>
public sealed class EndpointPolicyTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private const string Anonymous = "anonymous";
    private const string SignedIn = "signed-in";

    /// <summary>What each endpoint requires: anonymous, any signed-in user, or a named policy (roles in <see cref="Policies"/>).</summary>
    private static readonly Dictionary<string, string> _declared = new(StringComparer.Ordinal)
    {
        // Reciproca's own table; "signed-in" is the fallback policy, also declared by most API groups.
        ["ANY /health"] = "anonymous",
        ["GET /openapi/{documentName}.json"] = "anonymous",
        ["POST /Culture"] = "anonymous",
        ["GET /api/reference/scalar.js"] = "anonymous",
        ["GET /api/reference/scalar.aspnetcore.js"] = "anonymous",
        ["GET /api/reference/favicon.svg"] = "anonymous",
        ["GET /api/reference/{documentName?}"] = "anonymous",
        ["PAGE /Account/AccessDenied"] = "anonymous",
        ["PAGE /Account/AccessTokens"] = "signed-in",
        ["PAGE /Account/ChangePassword"] = "signed-in",
        ["PAGE /Account/Preferences"] = "signed-in",
        ["PAGE /Account/FirstAccess"] = "anonymous",
        ["PAGE /Account/ForgotPassword"] = "anonymous",
        ["PAGE /Account/Login"] = "anonymous",
        ["PAGE /Account/ResetPassword/{token}"] = "anonymous",
        ["PAGE /Account/Logout"] = "signed-in",
        ["PAGE /Assessments/Edit/{programmeId:guid}"] = "signed-in",
        ["PAGE /Assessments/Review/{programmeId:guid}"] = "signed-in",
        ["PAGE /Home/Error"] = "anonymous",
        ["PAGE /Home/Index"] = "signed-in",
        ["PAGE /Home"] = "signed-in",
        ["PAGE /"] = "signed-in",
        ["PAGE /Home/Status"] = "anonymous",
        ["PAGE /Invitations/Accept/{token}"] = "anonymous",
        ["PAGE /Programmes/Matching/{id:guid}"] = "ManageProgrammes",
        ["PAGE /Programmes/Ranking/{id:guid}"] = "signed-in",
        ["PAGE /Programmes/Pair/{id:guid}"] = "signed-in",
        ["PAGE /People/Import"] = "ManagePeople",
        ["PAGE /People/Index"] = "ManagePeople",
        ["PAGE /People"] = "ManagePeople",
        ["PAGE /Programmes/Details/{id:guid}"] = "signed-in",
        ["PAGE /Programmes/Members/{id:guid}"] = "ManageProgrammes",
        ["PAGE /Programmes/Create"] = "ManageProgrammes",
        ["PAGE /Programmes/Edit/{id:guid}"] = "ManageProgrammes",
        ["PAGE /Programmes/Index"] = "signed-in",
        ["PAGE /Programmes"] = "signed-in",
        ["GET /api/v1/people/"] = "ManagePeople",
        ["GET /api/v1/people/{id}"] = "ManagePeople",
        ["PUT /api/v1/people/by-external-id/{externalId}"] = "ManagePeople",
        ["POST /api/v1/people/{id}/deactivate"] = "ManagePeople",
        ["POST /api/v1/people/import"] = "ManagePeople",
        ["GET /api/v1/catalogue/generations"] = "signed-in",
        ["POST /api/v1/programmes/"] = "ManageProgrammes",
        ["PUT /api/v1/programmes/{id}"] = "ManageProgrammes",
        ["GET /api/v1/programmes/{id}/participants"] = "ManageProgrammes",
        ["POST /api/v1/programmes/{id}/participants"] = "ManageProgrammes",
        ["POST /api/v1/programmes/{id}/participants/{personId}/approve"] = "ManageProgrammes",
        ["PUT /api/v1/programmes/{id}/participants/{personId}/side"] = "ManageProgrammes",
        ["GET /api/v1/programmes/{id}/members"] = "ManageProgrammes",
        ["POST /api/v1/programmes/{id}/members"] = "ManageProgrammes",
        ["DELETE /api/v1/programmes/{id}/members/{userId}"] = "ManageProgrammes",
        ["GET /api/v1/programmes/"] = "signed-in",
        ["GET /api/v1/programmes/{id}"] = "signed-in",
        ["POST /api/v1/programmes/{id}/applications"] = "signed-in",
        ["GET /api/v1/programmes/{id}/participants/{personId}/assessment"] = "signed-in",
        ["GET /api/v1/programmes/{id}/participants/{personId}/ranking"] = "signed-in",
        ["PUT /api/v1/programmes/{id}/participants/{personId}/ranking"] = "signed-in",
        ["PUT /api/v1/programmes/{id}/participants/{personId}/assessment"] = "signed-in",
        ["POST /api/v1/programmes/{id}/assessment-reminders"] = "ManageProgrammes",
        ["GET /api/v1/catalogue/competences"] = "signed-in",
        ["GET /api/v1/catalogue/topics"] = "signed-in",
        ["GET /api/v1/catalogue/languages"] = "signed-in",
        ["GET /api/v1/programmes/{id}/invitations/"] = "ManageProgrammes",
        ["POST /api/v1/programmes/{id}/invitations/"] = "ManageProgrammes",
        ["POST /api/v1/programmes/{id}/invitations/{invitationId}/resend"] = "ManageProgrammes",
        ["DELETE /api/v1/programmes/{id}/invitations/{invitationId}"] = "ManageProgrammes",
        ["POST /api/v1/programmes/{id}/matching-runs"] = "ManageProgrammes",
        ["GET /api/v1/programmes/{id}/matching-runs/{runId}"] = "ManageProgrammes",
        ["GET /api/v1/programmes/{id}/matching-runs/{runId}/pairs/{digitalMentorId}/{experienceMentorId}"] = "ManageProgrammes",
        ["POST /api/v1/programmes/{id}/matching-runs/{runId}/publish"] = "ManageProgrammes",
        ["GET /api/v1/programmes/{id}/matching-constraints"] = "ManageProgrammes",
        ["PUT /api/v1/programmes/{id}/matching-constraints"] = "ManageProgrammes",
        ["DELETE /api/v1/programmes/{id}/matching-constraints/{digitalMentorId}/{experienceMentorId}"] = "ManageProgrammes",
        ["GET /api/v1/programmes/{id}/pairs/"] = "signed-in",
        ["POST /api/v1/programmes/{id}/pairs/{pairId}/accept"] = "signed-in",
        ["POST /api/v1/programmes/{id}/pairs/{pairId}/decline"] = "signed-in",
        ["GET /api/v1/programmes/{id}/pairs/{pairId}/partner"] = "signed-in",
        ["GET /api/v1/programmes/{id}/pairs/{pairId}/pact"] = "signed-in",
        ["PUT /api/v1/programmes/{id}/pairs/{pairId}/pact"] = "signed-in",
        ["POST /api/v1/programmes/{id}/pairs/{pairId}/pact/sign"] = "signed-in",
        ["POST /api/v1/programmes/{id}/pairs/{pairId}/sessions/"] = "signed-in",
        ["GET /api/v1/programmes/{id}/pairs/{pairId}/sessions/"] = "signed-in",
        ["GET /api/v1/programmes/{id}/pairs/{pairId}/sessions/{sessionId}"] = "signed-in",
        ["PUT /api/v1/programmes/{id}/pairs/{pairId}/sessions/{sessionId}"] = "signed-in",
        ["DELETE /api/v1/programmes/{id}/pairs/{pairId}/sessions/{sessionId}"] = "signed-in",
        ["GET /api/v1/programmes/{id}/pair-health"] = "ManageProgrammes",
        ["GET /api/v1/programmes/{id}/pairs/{pairId}/timeline"] = "ManageProgrammes",
        ["GET /api/v1/programmes/{id}/pairs/{pairId}/check-ins"] = "ManageProgrammes",
        ["POST /api/v1/programmes/{id}/pairs/{pairId}/check-ins"] = "ManageProgrammes",
        ["PUT /api/v1/programmes/{id}/pairs/{pairId}/follow-up"] = "ManageProgrammes",
        ["POST /api/v1/programmes/{id}/pairs/{pairId}/sessions/{sessionId}/logs/"] = "signed-in",
        ["GET /api/v1/programmes/{id}/pairs/{pairId}/sessions/{sessionId}/logs/"] = "signed-in",
        ["PUT /api/v1/programmes/{id}/pairs/{pairId}/sessions/{sessionId}/logs/{logId}"] = "signed-in",
        ["POST /api/v1/programmes/{id}/pairs/{pairId}/complete"] = "signed-in",
        ["POST /api/v1/programmes/{id}/pairs/{pairId}/end"] = "signed-in",
        ["GET /api/v1/programmes/{id}/pairs/{pairId}/reflections"] = "signed-in",
        ["POST /api/v1/me/calendar-feed/"] = "signed-in",
        ["DELETE /api/v1/me/calendar-feed/"] = "signed-in",
        // The feed's secret is its credential: calendar apps cannot sign in.
        ["GET /calendar/{secret}.ics"] = "anonymous",
        ["PAGE /Sessions/{id:guid}/{pairId:guid}"] = "signed-in",
        ["PAGE /Sessions/Respond/{sessionId:guid}"] = "signed-in",
        ["PAGE /Sessions/CalendarFeed"] = "signed-in",
        ["POST /api/v1/accounts/{id}/sign-out-everywhere"] = "Administer",
        ["GET /api/v1/accounts/"] = "Administer",
        ["POST /api/v1/accounts/"] = "Administer",
        ["PUT /api/v1/accounts/{id}/roles"] = "Administer",
        ["PUT /api/v1/accounts/{id}/person"] = "Administer",
        ["POST /api/v1/accounts/{id}/deactivate"] = "Administer",
        ["POST /api/v1/accounts/{id}/reactivate"] = "Administer",
        ["PAGE /Accounts/Index"] = "Administer",
        ["PAGE /Accounts"] = "Administer",
        ["PAGE /Notifications/Index"] = "signed-in",
        ["PAGE /Notifications"] = "signed-in",
        ["PAGE /Notifications/Settings"] = "signed-in",
        ["GET /api/v1/me/notifications"] = "signed-in",
        ["POST /api/v1/me/notifications/{notificationId}/read"] = "signed-in",
        ["POST /api/v1/me/notifications/read-all"] = "signed-in",
        ["GET /api/v1/me/notification-settings"] = "signed-in",
        ["PUT /api/v1/me/notification-settings"] = "signed-in",
    };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The declared policy of an API operation as the OpenAPI document names it (method, path template).</summary>
    internal static string PolicyOf(string method, string path) =>
        _declared.FirstOrDefault(d => d.Key.Split(' ') is [var verb, var pattern]
            && verb.Split(',').Contains(method.ToUpperInvariant(), StringComparer.Ordinal)
            && pattern.TrimEnd('/') == path.TrimEnd('/')).Value
        ?? throw new InvalidOperationException($"{method} {path} has no entry in the policy table.");

    /// <summary>Whether a signed-in user of <paramref name="role"/> passes <paramref name="policy"/> (programme scope aside).</summary>
    internal static bool Allows(string policy, string role) => Expected(policy, role) == "ok";

    private ReciprocaFactory Factory => fixture.Require();

    [Fact]
    public void Every_endpoint_and_page_has_its_policy_declared_in_the_table()
    {
        var actual = Endpoints().ToDictionary(e => e.Key, e => e.Policy, StringComparer.Ordinal);

        var undeclared = actual.Where(a => !_declared.ContainsKey(a.Key)).Select(a => $"        [\"{a.Key}\"] = \"{a.Value}\",").ToList();
        var changed = actual.Where(a => _declared.TryGetValue(a.Key, out var p) && p != a.Value).Select(a => $"{a.Key}: declared {_declared[a.Key]}, is {a.Value}").ToList();
        var gone = _declared.Keys.Where(k => !actual.ContainsKey(k)).ToList();

        Assert.True(undeclared.Count == 0, "Endpoints without an entry in the table (add them, with the policy they should have):\n" + string.Join("\n", undeclared));
        Assert.True(changed.Count == 0, "Endpoints whose policy differs from the table:\n" + string.Join("\n", changed));
        Assert.True(gone.Count == 0, "Entries for endpoints that no longer exist:\n" + string.Join("\n", gone));
    }

    [Fact]
    public async Task Every_parameterless_page_answers_each_role_as_its_policy_says()
    {
        var pages = _declared.Where(d => d.Key.StartsWith("PAGE /", StringComparison.Ordinal) && !d.Key.Contains('{', StringComparison.Ordinal)).ToList();
        var failures = new List<string>();
        foreach (var role in new string?[] { null, Roles.Participant, Roles.Sponsor, Roles.ProgrammeManager, Roles.Administrator })
        {
            using var client = role is null ? BrowserSession.Create(Factory) : await BrowserSession.SignedInAsync(Factory, role);
            foreach (var (key, policy) in pages)
            {
                var path = key["PAGE ".Length..];
                using var response = await client.GetAsync(path, Cancel);
                // The access-denied page says so with its status, to everyone it is shown to.
                var expected = path == "/Account/AccessDenied" ? "status 403" : Expected(policy, role);
                var actual = Outcome(response);
                if (expected != actual)
                {
                    failures.Add($"{role ?? Anonymous} GET {path}: expected {expected}, got {actual} ({(int)response.StatusCode} {response.Headers.Location})");
                }
            }
        }

        Assert.True(pages.Count >= 8, $"Only {pages.Count} pages: is the table read?");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string Expected(string policy, string? role) => (policy, role) switch
    {
        (Anonymous, _) => "ok",
        (_, null) => "sign-in",
        (SignedIn, _) => "ok",
        (Policies.Administer, Roles.Administrator) => "ok",
        (Policies.ManagePeople or Policies.ManageProgrammes, Roles.Administrator or Roles.ProgrammeManager) => "ok",
        _ => "denied",
    };

    private static string Outcome(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.OK => "ok",
        HttpStatusCode.Redirect when response.Headers.Location?.OriginalString.StartsWith("/Account/Login", StringComparison.Ordinal) == true => "sign-in",
        HttpStatusCode.Redirect when response.Headers.Location?.OriginalString.StartsWith("/Account/AccessDenied", StringComparison.Ordinal) == true => "denied",
        // The sign-out page only answers a POST; its GET sends home.
        HttpStatusCode.Redirect when response.Headers.Location?.OriginalString == "/" => "ok",
        _ => $"status {(int)response.StatusCode}",
    };

    private IEnumerable<(string Key, string Policy)> Endpoints()
    {
        var sources = Factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            var isPage = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor>() is not null
                || endpoint.Metadata.OfType<Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor>().Any();
            var verb = isPage ? "PAGE" : methods is { Count: > 0 } ? string.Join(",", methods.Order(StringComparer.Ordinal)) : "ANY";
            yield return ($"{verb} {pattern}", PolicyOf(endpoint));
        }
    }

    private static string PolicyOf(Microsoft.AspNetCore.Http.Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return Anonymous;
        }

        var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .Select(d => d.Policy ?? (d.Roles is { } roles ? "roles:" + roles : SignedIn))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        // A named policy narrows "any signed-in user"; the fallback policy covers an endpoint that names none.
        var named = policies.Where(p => p != SignedIn).ToList();
        return named.Count > 0 ? string.Join("+", named) : SignedIn;
    }
}
