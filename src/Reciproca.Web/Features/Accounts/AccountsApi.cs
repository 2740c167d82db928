using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web;
using Reciproca.Web.Infrastructure.Web.Api;

namespace Reciproca.Web.Features.Accounts;

/// <summary>Sign-in accounts, for administrators.</summary>
public static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Accounts").RequireAuthorization(Policies.Administer);

        accounts.MapGet("/", async (string? search, int? page, int? pageSize, AccountHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.ListAsync(search, PageRequest.Of(page, pageSize), actor, ct)).ToOk())
            .WithName("ListAccounts")
            .WithSummary("The accounts, by user name, with their roles and whether they may sign in; `search` matches the user name or the display name.")
            .Produces<PagedList<AccountView>>()
            .ProducesValidationProblem();

        accounts.MapPost("/", async (CreateAccount command, AccountHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.CreateAsync(command, actor, ct)).ToCreated(created => $"/api/v1/accounts/{created.Account.Id}"))
            .WithName("CreateAccount")
            .WithSummary("Create an account with its roles (and optionally its person of the directory); the answer carries a one-time password, shown once, to be replaced at first sign-in.")
            .Produces<CreatedAccount>(StatusCodes.Status201Created)
            .ProducesValidationProblem();

        accounts.MapPut("/{id}/roles", async (Guid id, SetRoles command, AccountHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.SetRolesAsync(id, command, actor, ct)).ToOk())
            .WithName("SetAccountRoles")
            .WithSummary("Replace the account's roles; the last active administrator keeps the Administrator role (409).")
            .Produces<AccountView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        accounts.MapPut("/{id}/person", async (Guid id, LinkPerson command, AccountHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.LinkPersonAsync(id, command, actor, ct)).ToOk())
            .WithName("LinkAccountPerson")
            .WithSummary("Link the account to a person of the directory (`personId`), or unlink it (`null`); a person has one account (409). The account's sessions end.")
            .Produces<AccountView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        accounts.MapPost("/{id}/deactivate", async (Guid id, AccountHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.DeactivateAsync(id, actor, ct)).ToOk())
            .WithName("DeactivateAccount")
            .WithSummary("The account can no longer sign in or use its tokens, and its sessions end now; its history stays. Not your own account, nor the last active administrator (409).")
            .Produces<AccountView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        accounts.MapPost("/{id}/reactivate", async (Guid id, AccountHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.ReactivateAsync(id, actor, ct)).ToOk())
            .WithName("ReactivateAccount")
            .WithSummary("The account may sign in again (its earlier sessions and tokens stay ended).")
            .Produces<AccountView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        accounts.MapPost("/{id}/sign-out-everywhere", async (Guid id, AccountHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.SignOutEverywhereAsync(id, actor, ct)).ToOk())
            .WithName("SignOutEverywhere")
            .WithSummary("Ends every session of the account on every instance and revokes all its API tokens; the password is kept.")
            .Produces<SignedOutEverywhere>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }
}
