using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web;
using Reciproca.Web.Infrastructure.Web.Api;

namespace Reciproca.Web.Features.Matching;

/// <summary>Matching runs, HR's review (locks, exclusions, "why not these two?") and publication.</summary>
public static class MatchingApi
{
    public static RouteGroupBuilder MapMatchingApi(this RouteGroupBuilder api)
    {
        var programme = api.MapGroup("/programmes/{id}").WithTags("Matching").RequireAuthorization(Policies.ManageProgrammes);

        programme.MapPost("/matching-runs", async (Guid id, MatchingHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.RunAsync(id, actor, ct)).ToCreated(run => $"/api/v1/programmes/{id}/matching-runs/{run.Id}"))
            .WithName("RunMatching")
            .WithSummary("Run the engine on the programme's pool: a draft with proposals (exact integer scores) and the unmatched.")
            .Produces<MatchingRunView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        programme.MapGet("/matching-runs/{runId}", async (Guid id, Guid runId, MatchingHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.GetAsync(id, runId, actor, ct)).ToOk())
            .WithName("GetMatchingRun")
            .WithSummary("A run's proposals and unmatched people.")
            .Produces<MatchingRunView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        programme.MapGet("/matching-runs/{runId}/pairs/{digitalMentorId}/{experienceMentorId}",
                async (Guid id, Guid runId, Guid digitalMentorId, Guid experienceMentorId, MatchingHandlers handlers, Actor actor, CancellationToken ct) =>
                    (await handlers.ExplainAsync(id, runId, digitalMentorId, experienceMentorId, actor, ct)).ToOk())
            .WithName("ExplainPair")
            .WithSummary("Score and explanation of any pair of the pool, or the rule that forbids it.")
            .Produces<PairEvaluationView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        programme.MapPost("/matching-runs/{runId}/publish", async (Guid id, Guid runId, MatchingHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.PublishAsync(id, runId, actor, ct)).ToOk())
            .WithName("PublishMatchingRun")
            .WithSummary("Publish the latest draft as proposed pairs (refused when a newer run or a later change makes it stale).")
            .Produces<PublishOutcome>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        programme.MapGet("/matching-constraints", async (Guid id, int? page, int? pageSize, MatchingHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.ConstraintsAsync(id, PageRequest.Of(page, pageSize), actor, ct)).ToOk())
            .WithName("ListMatchingConstraints")
            .WithSummary("The locks and exclusions the next runs respect.")
            .Produces<PagedList<SetConstraint>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        programme.MapPut("/matching-constraints", async (Guid id, SetConstraint command, MatchingHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.SetConstraintAsync(id, command, actor, ct)).ToOk())
            .WithName("SetMatchingConstraint")
            .WithSummary("Lock (always propose) or exclude (never propose) a pair in the next runs; answers every constraint.")
            .Produces<IReadOnlyList<SetConstraint>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        programme.MapDelete("/matching-constraints/{digitalMentorId}/{experienceMentorId}",
                async (Guid id, Guid digitalMentorId, Guid experienceMentorId, MatchingHandlers handlers, Actor actor, CancellationToken ct) =>
                    (await handlers.RemoveConstraintAsync(id, digitalMentorId, experienceMentorId, actor, ct)).ToOk())
            .WithName("RemoveMatchingConstraint")
            .WithSummary("Forget a lock or exclusion; answers the remaining constraints.")
            .Produces<IReadOnlyList<SetConstraint>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    /// <summary>A participant's ranking of their best candidates, in a programme where participants choose.</summary>
    public static RouteGroupBuilder MapRankingApi(this RouteGroupBuilder api)
    {
        var ranking = api.MapGroup("/programmes/{id}").WithTags("Matching").RequireAuthorization();

        ranking.MapGet("/participants/{personId}/ranking", async (Guid id, Guid personId, RankingHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.GetAsync(id, personId, actor, ct)).ToOk())
            .WithName("GetRanking")
            .WithSummary("A participant's five best candidates (name, job, department, score and explanation) and their ranking; the person or the programme's HR.")
            .Produces<RankingView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        ranking.MapPut("/participants/{personId}/ranking", async (Guid id, Guid personId, SubmitRanking command, RankingHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.SubmitAsync(id, personId, command, actor, ct)).ToOk())
            .WithName("SubmitRanking")
            .WithSummary("Rank some or all of one's candidates, most preferred first (the person only); replaces the previous ranking.")
            .Produces<RankingView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return api;
    }
}
