using Microsoft.AspNetCore.Mvc;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web;
using Reciproca.Web.Infrastructure.Web.Api;

namespace Reciproca.Web.Features.Sessions;

/// <summary>Each partner's log of a session, and the pair's close (complete or end early).</summary>
public static class SessionLogsApi
{
    public static RouteGroupBuilder MapSessionLogsApi(this RouteGroupBuilder api)
    {
        var logs = api.MapGroup("/programmes/{id}/pairs/{pairId}/sessions/{sessionId}/logs").WithTags("Sessions").RequireAuthorization().AddEndpointFilter<ETagFilter>();

        logs.MapPost("/", async (Guid id, Guid pairId, Guid sessionId, WriteSessionLog command, SessionLogHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.CreateAsync(id, pairId, sessionId, command, actor, ct)).ToCreated(l => $"/api/v1/programmes/{id}/pairs/{pairId}/sessions/{sessionId}/logs/{l.Id}"))
            .WithName("LogSession")
            .WithSummary("A partner logs a session after its start, once (409 when they already did: edit it instead). A held log makes an agreed pair active.")
            .Produces<SessionLogView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        logs.MapGet("/", async (Guid id, Guid pairId, Guid sessionId, SessionLogHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.ListAsync(id, pairId, sessionId, actor, ct)).ToOk())
            .WithName("ListSessionLogs")
            .WithSummary("The session's logs. The partners read both (the private note only its author); the programme's HR the metadata only, never the text.")
            .Produces<IReadOnlyList<SessionLogView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        logs.MapPut("/{logId}", async (Guid id, Guid pairId, Guid sessionId, Guid logId, WriteSessionLog command, [FromHeader(Name = Versions.IfMatchHeader)] string? ifMatch, SessionLogHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.UpdateAsync(id, pairId, sessionId, logId, command, Versions.Optional(ifMatch), actor, ct)).ToOk())
            .WithName("EditSessionLog")
            .WithSummary("The author edits their own log, with If-Match.")
            .Produces<SessionLogView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        var pairs = api.MapGroup("/programmes/{id}/pairs/{pairId}").WithTags("Pairs").RequireAuthorization();
        pairs.MapPost("/complete", async (Guid id, Guid pairId, CompletePair command, PairLifeHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.CompleteAsync(id, pairId, command, actor, ct)).ToOk())
            .WithName("CompletePair")
            .WithSummary("A partner completes an agreed or active pair with their closing reflection (the other partner adds theirs later the same way); the programme's HR completes it with a reason.")
            .Produces<PairClose>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        pairs.MapPost("/end", async (Guid id, Guid pairId, EndPair command, PairLifeHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.EndAsync(id, pairId, command, actor, ct)).ToOk())
            .WithName("EndPair")
            .WithSummary("A partner or the programme's HR ends an accepted, agreed or active pair early, with a reason.")
            .Produces<PairClose>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        pairs.MapGet("/reflections", async (Guid id, Guid pairId, PairLifeHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.ReflectionsAsync(id, pairId, actor, ct)).ToOk())
            .WithName("GetPairClose")
            .WithSummary("The pair's state and closing reflections: the partners read both; the programme's HR whether each would recommend it, not the text.")
            .Produces<PairClose>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}
