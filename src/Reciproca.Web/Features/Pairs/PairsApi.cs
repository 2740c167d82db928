using Microsoft.AspNetCore.Mvc;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web;
using Reciproca.Web.Infrastructure.Web.Api;

namespace Reciproca.Web.Features.Pairs;

/// <summary>Published pairs: each partner's answer, and the reciprocity pact the two write and sign.</summary>
public static class PairsApi
{
    public static RouteGroupBuilder MapPairsApi(this RouteGroupBuilder api)
    {
        var pairs = api.MapGroup("/programmes/{id}/pairs").WithTags("Pairs").RequireAuthorization().AddEndpointFilter<ETagFilter>();

        pairs.MapGet("/", async (Guid id, PairState? state, int? page, int? pageSize, PairHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.ListAsync(id, state, PageRequest.Of(page, pageSize), actor, ct)).ToOk())
            .WithName("ListPairs")
            .WithSummary("HR: the programme's pairs, best score first, optionally in one state. Participant: their own pair. Sponsors get 403.")
            .Produces<PagedList<PairView>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        pairs.MapPost("/{pairId}/accept", async (Guid id, Guid pairId, PairHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.AcceptAsync(id, pairId, actor, ct)).ToOk())
            .WithName("AcceptPair")
            .WithSummary("The caller accepts their proposed partner.")
            .Produces<PairView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        pairs.MapPost("/{pairId}/decline", async (Guid id, Guid pairId, DeclinePair command, PairHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.DeclineAsync(id, pairId, command, actor, ct)).ToOk())
            .WithName("DeclinePair")
            .WithSummary("The caller declines, with a reason for HR; both return to the pool.")
            .Produces<PairView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        pairs.MapGet("/{pairId}/partner", async (Guid id, Guid pairId, PartnerHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.PartnerAsync(id, pairId, actor, ct)).ToOk())
            .WithName("GetPartner")
            .WithSummary("The caller's partner in their own pair: job, department, location, languages, availability and, while the pair is open, e-mail. Anyone else gets 404.")
            .Produces<PartnerContactView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        pairs.MapGet("/{pairId}/pact", async (Guid id, Guid pairId, PactHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.GetAsync(id, pairId, actor, ct)).ToOk())
            .WithName("GetPact")
            .WithSummary("The pair's reciprocity pact: visible to the two partners only (its ETag is its version).")
            .Produces<PactView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        pairs.MapPut("/{pairId}/pact", async (Guid id, Guid pairId, WritePact command, [FromHeader(Name = Versions.IfMatchHeader)] string? ifMatch, PactHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.WriteAsync(id, pairId, command, Versions.Optional(ifMatch), actor, ct)).ToOk())
            .WithName("WritePact")
            .WithSummary("Write the pact, or edit it with If-Match (its version). Editing a signed pact starts a new version to sign again.")
            .Produces<PactView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        pairs.MapPost("/{pairId}/pact/sign", async (Guid id, Guid pairId, [FromHeader(Name = Versions.IfMatchHeader)] string? ifMatch, PactHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.SignAsync(id, pairId, Versions.Optional(ifMatch), actor, ct)).ToOk())
            .WithName("SignPact")
            .WithSummary("Sign the pact (If-Match: the version you read). Needs a goal each way and the confidentiality charter.")
            .Produces<PactView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        return api;
    }
}
