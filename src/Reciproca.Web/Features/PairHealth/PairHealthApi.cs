using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web.Api;

namespace Reciproca.Web.Features.PairHealth;

/// <summary>Pair health for the programme's HR: the list, a pair's timeline, check-in notes and the followed-up mark.</summary>
public static class PairHealthApi
{
    public static RouteGroupBuilder MapPairHealthApi(this RouteGroupBuilder api)
    {
        var programme = api.MapGroup("/programmes/{id}").WithTags("Pair health").RequireAuthorization(Policies.ManageProgrammes);

        programme.MapGet("/pair-health", async (Guid id, HealthSort? sort, int? page, int? pageSize, PairHealthHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.ListAsync(id, sort ?? HealthSort.Severity, PageRequest.Of(page, pageSize), actor, ct)).ToOk())
            .WithName("ListPairHealth")
            .WithSummary("Every pair of the programme with its health (OnTrack, CheckIn, AtRisk; none for pairs not agreed or active) and the reasons in words, most severe first unless sort says Name or Quiet.")
            .Produces<PagedList<PairHealthItem>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var pair = programme.MapGroup("/pairs/{pairId}");
        pair.MapGet("/timeline", async (Guid id, Guid pairId, int? page, int? pageSize, PairHealthHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.TimelineAsync(id, pairId, PageRequest.Of(page, pageSize), actor, ct)).ToOk())
            .WithName("GetPairTimeline")
            .WithSummary("The pair's life in order: state changes, sessions scheduled, held, missed, cancelled and upcoming, logs written (held or not and the rating, never the text).")
            .Produces<PagedList<TimelineEntry>>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        pair.MapGet("/check-ins", async (Guid id, Guid pairId, int? page, int? pageSize, PairHealthHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.CheckInsAsync(id, pairId, PageRequest.Of(page, pageSize), actor, ct)).ToOk())
            .WithName("ListPairCheckIns")
            .WithSummary("HR's private check-in notes about the pair, newest first (never shown to the partners).")
            .Produces<PagedList<PairCheckInView>>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        pair.MapPost("/check-ins", async (Guid id, Guid pairId, AddCheckIn command, PairHealthHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.AddCheckInAsync(id, pairId, command, actor, ct)).ToCreated(_ => $"/api/v1/programmes/{id}/pairs/{pairId}/check-ins"))
            .WithName("AddPairCheckIn")
            .WithSummary("Record a private HR note about the pair (text required, at most 2000 characters). The Location is the pair's list of notes, newest first.")
            .Produces<PairCheckInView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        pair.MapPut("/follow-up", async (Guid id, Guid pairId, SetFollowUp command, PairHealthHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.SetFollowUpAsync(id, pairId, command, actor, ct)).ToOk())
            .WithName("SetPairFollowUp")
            .WithSummary("Mark the pair as followed up by HR, or clear the mark (idempotent).")
            .Produces<FollowUpView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}
