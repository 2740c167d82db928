using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web;
using Reciproca.Web.Infrastructure.Web.Api;

namespace Reciproca.Web.Features.Invitations;

/// <summary>Invitations by e-mail into a programme: HR invites, resends and revokes.</summary>
public static class InvitationsApi
{
    public static RouteGroupBuilder MapInvitationsApi(this RouteGroupBuilder api)
    {
        var invitations = api.MapGroup("/programmes/{id}/invitations").WithTags("Invitations").RequireAuthorization(Policies.ManageProgrammes);

        invitations.MapGet("/", async (Guid id, int? page, int? pageSize, InvitationHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.ListAsync(id, PageRequest.Of(page, pageSize), actor, ct)).ToOk())
            .WithName("ListInvitations")
            .WithSummary("The programme's invitations, newest first, with the state of each link and of its e-mail.")
            .Produces<PagedList<InvitationView>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        invitations.MapPost("/", async (Guid id, InviteByEmail command, InvitationHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.InviteAsync(id, command, actor, ct)).ToCreated(_ => $"/api/v1/programmes/{id}/invitations"))
            .WithName("InviteByEmail")
            .WithSummary("Invite people by e-mail, all or none; each gets a link that joins the programme (and creates their account if needed).")
            .Produces<IReadOnlyList<InvitationView>>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        invitations.MapPost("/{invitationId}/resend", async (Guid id, Guid invitationId, InvitationHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.ResendAsync(id, invitationId, actor, ct)).ToOk())
            .WithName("ResendInvitation")
            .WithSummary("A new link by e-mail; the previous link stops working.")
            .Produces<InvitationView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        invitations.MapDelete("/{invitationId}", async (Guid id, Guid invitationId, InvitationHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.RevokeAsync(id, invitationId, actor, ct)).ToNoContent())
            .WithName("RevokeInvitation")
            .WithSummary("The link stops working.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return api;
    }
}
