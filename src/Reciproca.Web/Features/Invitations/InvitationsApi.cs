using System.Security.Claims;
using Reciproca.Web.Features.Assessments;
using Reciproca.Web.Infrastructure.Auth;

namespace Reciproca.Web.Features.Invitations;

public static class InvitationsApi
{
    public static RouteGroupBuilder MapInvitationsApi(this RouteGroupBuilder api)
    {
        var programmes = api.MapGroup("/programmes/{id:guid}").WithTags("Programmes").RequireAuthorization(Policies.ManageProgrammes);

        programmes.MapGet("/invitations", async (Guid id, Programmes.ProgrammeAccess check, InvitationHandlers handlers, ClaimsPrincipal user, CancellationToken ct) =>
                await check.CanManageAsync(user, id, ct) ? TypedResults.Ok(await handlers.ListAsync(id, ct)) : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found"))
            .WithName("ListInvitations")
            .Produces<IReadOnlyList<InvitationView>>();

        programmes.MapPost("/invitations", async (Guid id, InviteByEmail command, InvitationHandlers handlers, ClaimsPrincipal user, CancellationToken ct) =>
                (await handlers.InviteAsync(id, command, user, ct)).ToOk())
            .WithName("InviteByEmail")
            .WithSummary("Invite people by e-mail, all or none; each gets a link that joins the programme (and creates their account if needed).")
            .Produces<IReadOnlyList<InvitationView>>()
            .ProducesValidationProblem();

        programmes.MapPost("/invitations/{invitationId:guid}/resend", async (Guid id, Guid invitationId, InvitationHandlers handlers, ClaimsPrincipal user, CancellationToken ct) =>
                (await handlers.ResendAsync(id, invitationId, user, ct)).ToOk())
            .WithName("ResendInvitation")
            .WithSummary("A new link by e-mail; the previous link stops working.");

        programmes.MapDelete("/invitations/{invitationId:guid}", async (Guid id, Guid invitationId, InvitationHandlers handlers, ClaimsPrincipal user, CancellationToken ct) =>
                (await handlers.RevokeAsync(id, invitationId, user, ct)).ToNoContent())
            .WithName("RevokeInvitation");

        programmes.MapPost("/assessment-reminders", async (Guid id, AssessmentReminderHandler handler, ClaimsPrincipal user, CancellationToken ct) =>
                (await handler.RemindAsync(id, user, ct)).ToOk())
            .WithName("RemindToAssess")
            .WithSummary("E-mail the enrolled people who have not completed their assessment (nobody twice within 20 hours).")
            .Produces<ReminderOutcome>();

        return api;
    }

}
