using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web;

namespace Reciproca.Web.Features.Accounts;

/// <summary>Sign-in accounts, for administrators.</summary>
public static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Accounts").RequireAuthorization(Policies.Administer);

        accounts.MapPost("/{id}/sign-out-everywhere", async (Guid id, SignOutEverywhereHandler handler, Actor actor, CancellationToken ct) =>
                (await handler.HandleAsync(id, actor, ct)).ToOk())
            .WithName("SignOutEverywhere")
            .WithSummary("Ends every session of the account on every instance and revokes all its API tokens; the password is kept.")
            .Produces<SignedOutEverywhere>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }
}
