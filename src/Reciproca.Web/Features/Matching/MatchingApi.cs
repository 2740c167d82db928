using System.Security.Claims;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;

namespace Reciproca.Web.Features.Matching;

public static class MatchingApi
{
    public static RouteGroupBuilder MapMatchingApi(this RouteGroupBuilder api)
    {
        var programme = api.MapGroup("/programmes/{id:guid}").WithTags("Matching");

        programme.MapPost("/matching-runs", async (Guid id, MatchingHandlers handlers, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var run = await handlers.RunAsync(id, user, ct);
                return run.Succeeded ? TypedResults.Created($"/api/v1/programmes/{id}/matching-runs/{run.Value!.Id}", run.Value) : run.Problem!.ToHttp();
            })
            .RequireAuthorization(Policies.ManageProgrammes)
            .WithName("RunMatching")
            .WithSummary("Run the engine on the programme's pool: a draft with proposals (exact integer scores) and the unmatched.")
            .Produces<MatchingRunView>(StatusCodes.Status201Created);

        programme.MapGet("/matching-runs/{runId:guid}", async (Guid id, Guid runId, MatchingHandlers handlers, ClaimsPrincipal user, CancellationToken ct) =>
                (await handlers.GetAsync(id, runId, user, ct)).ToOk())
            .RequireAuthorization(Policies.ManageProgrammes)
            .WithName("GetMatchingRun");

        programme.MapGet("/matching-runs/{runId:guid}/pairs/{digitalMentorId:guid}/{experienceMentorId:guid}",
                async (Guid id, Guid runId, Guid digitalMentorId, Guid experienceMentorId, MatchingHandlers handlers, ClaimsPrincipal user, CancellationToken ct) =>
                    (await handlers.ExplainAsync(id, runId, digitalMentorId, experienceMentorId, user, ct)).ToOk())
            .RequireAuthorization(Policies.ManageProgrammes)
            .WithName("ExplainPair")
            .WithSummary("Score and explanation of any pair of the pool, or the rule that forbids it.");

        programme.MapPost("/matching-runs/{runId:guid}/publish", async (Guid id, Guid runId, MatchingHandlers handlers, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var result = await handlers.PublishAsync(id, runId, user, ct);
                return result.Succeeded ? TypedResults.Ok(new { published = result.Value }) : result.Problem!.ToHttp();
            })
            .RequireAuthorization(Policies.ManageProgrammes)
            .WithName("PublishMatchingRun")
            .ProducesProblem(StatusCodes.Status409Conflict);

        programme.MapGet("/matching-constraints", async (Guid id, MatchingHandlers handlers, ProgrammeAccess access, ClaimsPrincipal user, CancellationToken ct) =>
                await access.CanManageAsync(user, id, ct) ? TypedResults.Ok(await handlers.ConstraintsAsync(id, ct)) : Results.Problem(statusCode: StatusCodes.Status404NotFound))
            .RequireAuthorization(Policies.ManageProgrammes)
            .WithName("ListMatchingConstraints");

        programme.MapPut("/matching-constraints", async (Guid id, SetConstraint command, MatchingHandlers handlers, ClaimsPrincipal user, CancellationToken ct) =>
                (await handlers.SetConstraintAsync(id, command, user, ct)).ToOk())
            .RequireAuthorization(Policies.ManageProgrammes)
            .WithName("SetMatchingConstraint")
            .WithSummary("Lock (always propose) or exclude (never propose) a pair in the next runs.");

        programme.MapDelete("/matching-constraints/{digitalMentorId:guid}/{experienceMentorId:guid}",
                async (Guid id, Guid digitalMentorId, Guid experienceMentorId, MatchingHandlers handlers, ClaimsPrincipal user, CancellationToken ct) =>
                    (await handlers.RemoveConstraintAsync(id, digitalMentorId, experienceMentorId, user, ct)).ToOk())
            .RequireAuthorization(Policies.ManageProgrammes)
            .WithName("RemoveMatchingConstraint");

        var pairs = programme.MapGroup("/pairs").WithTags("Pairs");
        pairs.MapGet("/", async (Guid id, PairHandlers handlers, ClaimsPrincipal user, CancellationToken ct) => (await handlers.ListAsync(id, user, ct)).ToOk())
            .WithName("ListPairs")
            .WithSummary("HR: the programme's pairs. Participant: their own pair. Sponsors get 403.");
        pairs.MapPost("/{pairId:guid}/accept", async (Guid id, Guid pairId, PairHandlers handlers, ClaimsPrincipal user, CancellationToken ct) =>
                (await handlers.AcceptAsync(id, pairId, user, ct)).ToOk())
            .WithName("AcceptPair");
        pairs.MapPost("/{pairId:guid}/decline", async (Guid id, Guid pairId, DeclinePair command, PairHandlers handlers, ClaimsPrincipal user, CancellationToken ct) =>
                (await handlers.DeclineAsync(id, pairId, command, user, ct)).ToOk())
            .WithName("DeclinePair");
        pairs.MapGet("/{pairId:guid}/pact", async (Guid id, Guid pairId, PactHandlers handlers, ClaimsPrincipal user, CancellationToken ct) =>
                (await handlers.GetAsync(id, pairId, user, ct)).ToOk())
            .WithName("GetPact")
            .WithSummary("The pair's reciprocity pact: visible to the two partners only.");
        pairs.MapPut("/{pairId:guid}/pact", async (Guid id, Guid pairId, WritePact command, [Microsoft.AspNetCore.Mvc.FromHeader(Name = "If-Match")] string? ifMatch, PactHandlers handlers, ClaimsPrincipal user, CancellationToken ct) =>
                (await handlers.WriteAsync(id, pairId, command, ParseVersion(ifMatch), user, ct)).ToOk())
            .WithName("WritePact")
            .WithSummary("Write or edit the pact (send If-Match with its version when it exists). Editing a signed pact starts a new version to sign again.");
        pairs.MapPost("/{pairId:guid}/pact/sign", async (Guid id, Guid pairId, [Microsoft.AspNetCore.Mvc.FromHeader(Name = "If-Match")] string? ifMatch, PactHandlers handlers, ClaimsPrincipal user, CancellationToken ct) =>
                (await handlers.SignAsync(id, pairId, ParseVersion(ifMatch), user, ct)).ToOk())
            .WithName("SignPact")
            .WithSummary("Sign the pact (If-Match: the version you read). Needs a goal each way and the confidentiality charter.");
        return api;
    }

    private static Guid? ParseVersion(string? ifMatch) => Guid.TryParse(ifMatch?.Trim('"'), out var version) ? version : null;

}
