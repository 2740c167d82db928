using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Features.Assessments;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;

namespace Reciproca.Web.Features.Programmes;

public static class ProgrammesApi
{
    public static RouteGroupBuilder MapProgrammesApi(this RouteGroupBuilder api)
    {
        var programmes = api.MapGroup("/programmes").WithTags("Programmes");

        programmes.MapGet("/", async (ProgrammeHandlers handlers, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(await handlers.ListAsync(user, ct)))
            .WithName("ListProgrammes")
            .WithSummary("The programmes in the caller's scope.");

        programmes.MapPost("/", async (ProgrammeInput input, ProgrammeHandlers handlers, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var result = await handlers.CreateAsync(input, user, ct);
                return result.Succeeded ? TypedResults.Created($"/api/v1/programmes/{result.Value!.Id}", result.Value) : result.Problem!.ToHttp();
            })
            .RequireAuthorization(Policies.ManageProgrammes)
            .WithName("CreateProgramme")
            .Produces<ProgrammeView>(StatusCodes.Status201Created)
            .ProducesValidationProblem();

        programmes.MapGet("/{id:guid}", async (Guid id, ProgrammeHandlers handlers, ClaimsPrincipal user, CancellationToken ct) =>
                (await handlers.GetAsync(id, user, ct)).ToOk())
            .WithName("GetProgramme")
            .Produces<ProgrammeView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        programmes.MapPut("/{id:guid}", async (Guid id, ProgrammeInput input, [FromHeader(Name = "If-Match")] string? ifMatch, ProgrammeHandlers handlers, ClaimsPrincipal user, CancellationToken ct) =>
            {
                if (!Guid.TryParse(ifMatch?.Trim('"'), out var version))
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "Send If-Match with the programme's version", detail: "Read the programme first; send its `version` in the If-Match header so that concurrent edits are detected.");
                }

                var result = await handlers.UpdateAsync(id, input, version, user, ct);
                return result.ToOk();
            })
            .RequireAuthorization(Policies.ManageProgrammes)
            .WithName("UpdateProgramme")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        programmes.MapGet("/{id:guid}/participants", async (Guid id, ProgrammeAccess access, EnrolParticipantsHandler handler, ClaimsPrincipal user, CancellationToken ct) =>
                await access.CanManageAsync(user, id, ct) ? TypedResults.Ok(await handler.ListAsync(id, ct)) : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found"))
            .RequireAuthorization(Policies.ManageProgrammes)
            .WithName("ListParticipants");

        programmes.MapPost("/{id:guid}/participants", async (Guid id, EnrolParticipants command, EnrolParticipantsHandler handler, ClaimsPrincipal user, CancellationToken ct) =>
                (await handler.HandleAsync(id, command, user, ct)).ToOk())
            .RequireAuthorization(Policies.ManageProgrammes)
            .WithName("EnrolParticipants")
            .ProducesValidationProblem();

        programmes.MapGet("/{id:guid}/participants/{personId:guid}/assessment", async (Guid id, Guid personId, AppDbContext db, ProgrammeAccess access, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var allowed = await access.CanManageAsync(user, id, ct) || ProgrammeAccess.PersonId(user) == personId;
                var participant = allowed ? await db.Participants.AsNoTracking().SingleOrDefaultAsync(p => p.ProgrammeId == id && p.PersonId == personId, ct) : null;
                var assessment = participant is null ? null : await db.Assessments.AsNoTracking().Include(a => a.Levels).SingleOrDefaultAsync(a => a.ParticipantId == participant.Id, ct);
                return assessment is null ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found") : TypedResults.Ok(SubmitAssessmentHandler.ToView(assessment, participant!));
            })
            .WithName("GetAssessment");

        programmes.MapPut("/{id:guid}/participants/{personId:guid}/assessment", async (Guid id, Guid personId, SubmitAssessment command, SubmitAssessmentHandler handler, ClaimsPrincipal user, CancellationToken ct) =>
                (await handler.HandleAsync(id, personId, command, user, ct)).ToOk())
            .WithName("SubmitAssessment")
            .ProducesValidationProblem();

        programmes.MapPost("/{id:guid}/applications", async (Guid id, ApplicationHandlers handlers, ClaimsPrincipal user, CancellationToken ct) =>
                (await handlers.ApplyAsync(id, user, ct)).ToNoContent())
            .WithName("ApplyToProgramme")
            .WithSummary("The caller applies to a programme open for applications; HR approves.");

        programmes.MapPost("/{id:guid}/participants/{personId:guid}/approve", async (Guid id, Guid personId, ApplicationHandlers handlers, ClaimsPrincipal user, CancellationToken ct) =>
                (await handlers.ApproveAsync(id, personId, user, ct)).ToNoContent())
            .RequireAuthorization(Policies.ManageProgrammes)
            .WithName("ApproveApplication");

        programmes.MapPut("/{id:guid}/participants/{personId:guid}/side", async (Guid id, Guid personId, OverrideSide command, ApplicationHandlers handlers, ClaimsPrincipal user, CancellationToken ct) =>
                (await handlers.OverrideSideAsync(id, personId, command, user, ct)).ToNoContent())
            .RequireAuthorization(Policies.ManageProgrammes)
            .WithName("OverrideSide")
            .WithSummary("HR decides a participant's side (null returns to the proposal from the assessment).");

        programmes.MapGet("/{id:guid}/members", async (Guid id, ProgrammeAccess access, ProgrammeMemberHandlers handlers, ClaimsPrincipal user, CancellationToken ct) =>
                await access.CanManageAsync(user, id, ct) ? TypedResults.Ok(await handlers.ListAsync(id, ct)) : Results.Problem(statusCode: StatusCodes.Status404NotFound))
            .RequireAuthorization(Policies.ManageProgrammes)
            .WithName("ListProgrammeMembers");

        programmes.MapPost("/{id:guid}/members", async (Guid id, AddProgrammeMember command, ProgrammeMemberHandlers handlers, ClaimsPrincipal user, CancellationToken ct) =>
                (await handlers.AddAsync(id, command, user, ct)).ToOk())
            .RequireAuthorization(Policies.ManageProgrammes)
            .WithName("AddProgrammeMember")
            .WithSummary("Give an HR colleague (role Manager) or a sponsor (role Sponsor) this programme's scope.");

        return api;
    }
}
