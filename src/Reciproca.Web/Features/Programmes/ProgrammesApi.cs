using Microsoft.AspNetCore.Mvc;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web;
using Reciproca.Web.Infrastructure.Web.Api;

namespace Reciproca.Web.Features.Programmes;

/// <summary>Programme design, the cohort (enrolment, applications, sides) and the programme's members.</summary>
public static class ProgrammesApi
{
    public static RouteGroupBuilder MapProgrammesApi(this RouteGroupBuilder api)
    {
        var programmes = api.MapGroup("/programmes").WithTags("Programmes").RequireAuthorization().AddEndpointFilter<ETagFilter>();
        var managed = programmes.MapGroup("").RequireAuthorization(Policies.ManageProgrammes);

        programmes.MapGet("/", async (ProgrammeHandlers handlers, Actor actor, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await handlers.ListAsync(actor, PageRequest.Of(page, pageSize), ct)))
            .WithName("ListProgrammes")
            .WithSummary("The programmes in the caller's scope, newest start first.")
            .Produces<PagedList<ProgrammeView>>()
            .ProducesValidationProblem();

        managed.MapPost("/", async (ProgrammeInput input, ProgrammeHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.CreateAsync(input, actor, ct)).ToCreated(p => $"/api/v1/programmes/{p.Id}"))
            .WithName("CreateProgramme")
            .WithSummary("Design a programme; the caller becomes its manager.")
            .Produces<ProgrammeView>(StatusCodes.Status201Created)
            .ProducesValidationProblem();

        programmes.MapGet("/{id}", async (Guid id, ProgrammeHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.GetAsync(id, actor, ct)).ToOk())
            .WithName("GetProgramme")
            .WithSummary("One programme (its ETag is its version).")
            .Produces<ProgrammeView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        managed.MapPut("/{id}", async (Guid id, ProgrammeInput input, [FromHeader(Name = Versions.IfMatchHeader)] string? ifMatch, ProgrammeHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.UpdateAsync(id, input, Versions.Optional(ifMatch), actor, ct)).ToOk())
            .WithName("UpdateProgramme")
            .WithSummary("Change a programme's design; If-Match must carry the version read.")
            .Produces<ProgrammeView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        managed.MapGet("/{id}/participants", async (Guid id, ParticipantStatus? status, int? page, int? pageSize, EnrolParticipantsHandler handler, Actor actor, CancellationToken ct) =>
                (await handler.ListAsync(id, status, PageRequest.Of(page, pageSize), actor, ct)).ToOk())
            .WithName("ListParticipants")
            .WithSummary("The cohort, by name, optionally of one status.")
            .Produces<PagedList<ParticipantView>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        managed.MapPost("/{id}/participants", async (Guid id, EnrolParticipants command, EnrolParticipantsHandler handler, Actor actor, CancellationToken ct) =>
                (await handler.HandleAsync(id, command, actor, ct)).ToCreated(_ => $"/api/v1/programmes/{id}/participants"))
            .WithName("EnrolParticipants")
            .WithSummary("Enrol people of the directory, all or none; answers the whole cohort.")
            .Produces<IReadOnlyList<ParticipantView>>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        programmes.MapPost("/{id}/applications", async (Guid id, ApplicationHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.ApplyAsync(id, actor, ct)).ToNoContent())
            .WithName("ApplyToProgramme")
            .WithSummary("The caller applies to a programme open for applications; HR approves.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        managed.MapPost("/{id}/participants/{personId}/approve", async (Guid id, Guid personId, ApplicationHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.ApproveAsync(id, personId, actor, ct)).ToNoContent())
            .WithName("ApproveApplication")
            .WithSummary("Enrol a person who applied.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        managed.MapPut("/{id}/participants/{personId}/side", async (Guid id, Guid personId, OverrideSide command, ApplicationHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.OverrideSideAsync(id, personId, command, actor, ct)).ToNoContent())
            .WithName("OverrideSide")
            .WithSummary("HR decides a participant's side (null returns to the proposal from the assessment).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        managed.MapGet("/{id}/members", async (Guid id, int? page, int? pageSize, ProgrammeMemberHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.ListAsync(id, PageRequest.Of(page, pageSize), actor, ct)).ToOk())
            .WithName("ListProgrammeMembers")
            .WithSummary("The HR colleagues and sponsors who have this programme in their scope.")
            .Produces<PagedList<ProgrammeMemberView>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        managed.MapPost("/{id}/members", async (Guid id, AddProgrammeMember command, ProgrammeMemberHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.AddAsync(id, command, actor, ct)).ToCreated(_ => $"/api/v1/programmes/{id}/members"))
            .WithName("AddProgrammeMember")
            .WithSummary("Give an HR colleague (role Manager) or a sponsor (role Sponsor) this programme's scope.")
            .Produces<IReadOnlyList<ProgrammeMemberView>>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        managed.MapDelete("/{id}/members/{userId}", async (Guid id, Guid userId, ProgrammeMemberHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.RemoveAsync(id, userId, actor, ct)).ToOk())
            .WithName("RemoveProgrammeMember")
            .WithSummary("Take an account's scope of this programme away; the programme keeps at least one manager (409). Answers the members left.")
            .Produces<IReadOnlyList<ProgrammeMemberView>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return api;
    }
}
