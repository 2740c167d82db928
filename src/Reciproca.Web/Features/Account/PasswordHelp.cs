using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Auth.PasswordResets;
using Reciproca.Web.Infrastructure.Auth.Sessions;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Email;
using Reciproca.Web.Infrastructure.Web;
using Reciproca.Web.Infrastructure.Web.Localization;

namespace Reciproca.Web.Features.Account;

/// <summary>What a password link can do for whoever opened it.</summary>
public enum PasswordLinkState
{
    /// <summary>No link has this token (mistyped, or never sent).</summary>
    Invalid,
    Expired,

    /// <summary>Used already, or replaced by a later link of the same account, or the account exists by now.</summary>
    Used,

    /// <summary>An administrator deactivated the account: no link brings it back.</summary>
    Deactivated,

    /// <summary>Choose a new password for the account.</summary>
    Reset,

    /// <summary>Choose the password of the new account.</summary>
    FirstAccess,
}

public sealed record PasswordLinkLookup(PasswordLinkState State, PasswordResetToken? Link, string? Name, string? UserName);

/// <summary>The password chosen; <paramref name="Created"/> for a first access (the account is new, and signs in).</summary>
public sealed record PasswordChosen(AppUser Account, bool Created);

/// <summary>
/// Forgotten passwords and first access by e-mail (ADR 0015). Anybody may ask for a link for any address: the answer,
/// and the work done, are the same whether the address is an account's, a person's without an account, a deactivated
/// account's or nobody's; only the inbox tells. An address receives at most a few links an hour.
/// </summary>
public sealed class PasswordHelp(
    AppDbContext db,
    UserManager<AppUser> users,
    AccountSessions sessions,
    Outbox outbox,
    EmailLinks links,
    TimeProvider time,
    IOptions<PasswordResetOptions> options,
    NaturalDates dates,
    IStringLocalizer<SharedResource> localizer)
{
    public const string ResetKind = "PasswordReset";
    public const string FirstAccessKind = "FirstAccess";

    /// <summary>Queues the link the address can use, if any; says nothing about which, or whether one was sent.</summary>
    public async Task RequestAsync(string? address, CancellationToken cancellationToken)
    {
        var email = (address ?? "").Trim().ToLowerInvariant();
        if (email.Length is 0 or > 320)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var addressHash = ApiToken.Hash(email);
        var since = now - PasswordResetOptions.Window;
        if (await db.PasswordResetTokens.CountAsync(t => t.AddressHash == addressHash && t.CreatedUtc > since, cancellationToken) >= options.Value.MailsPerAddressPerHour)
        {
            // Silently: the same page as ever, and nothing in the inbox that is being flooded.
            return;
        }

        // Both look-ups always run, whatever the first finds: the work does not depend on who the address is.
        var normalized = users.NormalizeEmail(email);
        var account = await users.Users.AsNoTracking()
            .Where(u => u.NormalizedEmail == normalized || (u.Email == null && u.NormalizedUserName == normalized))
            .OrderBy(u => u.UserName).FirstOrDefaultAsync(cancellationToken);
        var person = await db.People.AsNoTracking()
            .Where(p => p.Email != null && p.Email.ToLower() == email && p.DeactivatedUtc == null)
            .OrderBy(p => p.ExternalId).Select(p => new { p.Id, p.DisplayName, p.Languages }).FirstOrDefaultAsync(cancellationToken);
        var personsAccount = person is null ? null : await users.Users.AsNoTracking().FirstOrDefaultAsync(u => u.PersonId == person.Id, cancellationToken);
        account ??= personsAccount;

        var token = "pwl_" + ApiToken.Generate()[4..];
        var link = new PasswordResetToken { AddressHash = addressHash, TokenHash = ApiToken.Hash(token), CreatedUtc = now, ExpiresUtc = now + options.Value.ResetValidity };
        db.PasswordResetTokens.Add(link);
        if (account is not null)
        {
            // A deactivated account gets nothing: an administrator's decision is not undone by e-mail.
            if (!IsDeactivated(account, now))
            {
                var languages = account.PersonId is { } ownPerson
                    ? await db.People.AsNoTracking().Where(p => p.Id == ownPerson).Select(p => p.Languages).FirstOrDefaultAsync(cancellationToken)
                    : null;
                (link.Purpose, link.UserId) = (PasswordLinkPurpose.Reset, account.Id);
                Send(ResetKind, new Recipient(email, account.DisplayName, languages ?? []), link, token, account.UserName!);
            }
        }
        else if (person is not null)
        {
            (link.Purpose, link.PersonId, link.ExpiresUtc) = (PasswordLinkPurpose.FirstAccess, person.Id, now + options.Value.FirstAccessValidity);
            Send(FirstAccessKind, new Recipient(email, person.DisplayName, person.Languages), link, token, email);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<PasswordLinkLookup> LookupAsync(string? token, CancellationToken cancellationToken)
    {
        var hash = ApiToken.Hash(token ?? "");
        var link = await db.PasswordResetTokens.SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (link is null || link.Purpose == PasswordLinkPurpose.None)
        {
            return new PasswordLinkLookup(PasswordLinkState.Invalid, null, null, null);
        }

        if (link.UsedUtc is not null)
        {
            return new PasswordLinkLookup(PasswordLinkState.Used, link, null, null);
        }

        if (link.ExpiresUtc <= now)
        {
            return new PasswordLinkLookup(PasswordLinkState.Expired, link, null, null);
        }

        if (link.Purpose == PasswordLinkPurpose.Reset)
        {
            var account = await users.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == link.UserId, cancellationToken);
            return account is null ? new PasswordLinkLookup(PasswordLinkState.Invalid, null, null, null)
                : IsDeactivated(account, now) ? new PasswordLinkLookup(PasswordLinkState.Deactivated, link, account.DisplayName, null)
                : new PasswordLinkLookup(PasswordLinkState.Reset, link, account.DisplayName, account.UserName);
        }

        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == link.PersonId && p.DeactivatedUtc == null && p.Email != null, cancellationToken);
        if (person is null)
        {
            return new PasswordLinkLookup(PasswordLinkState.Invalid, null, null, null);
        }

        // Somebody set the account up meanwhile (another link, an invitation): this one has nothing left to do.
        var email = person.Email!.Trim().ToLowerInvariant();
        var normalized = users.NormalizeEmail(email);
        var exists = await users.Users.AnyAsync(u => u.PersonId == person.Id || u.NormalizedUserName == normalized, cancellationToken);
        return exists ? new PasswordLinkLookup(PasswordLinkState.Used, link, person.DisplayName, null)
            : new PasswordLinkLookup(PasswordLinkState.FirstAccess, link, person.DisplayName, email);
    }

    /// <summary>
    /// Uses the link, once: sets the new password (ending every session of the account) or creates the account. A
    /// password the policy refuses leaves the link usable.
    /// </summary>
    public async Task<Result<PasswordChosen>> ChooseAsync(string? token, string password, CancellationToken cancellationToken)
    {
        var lookup = await LookupAsync(token, cancellationToken);
        if (lookup.State is not (PasswordLinkState.Reset or PasswordLinkState.FirstAccess))
        {
            return Problem.Validation("link", localizer[$"ResetPassword.{lookup.State}"]);
        }

        var link = lookup.Link!;
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            // The claim is the single use: of two requests with the same link, one updates the row, the other nothing.
            var claimed = await db.PasswordResetTokens.Where(t => t.Id == link.Id && t.UsedUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedUtc, now), cancellationToken);
            if (claimed == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return Problem.Validation("link", localizer["ResetPassword.Used"]);
            }

            var (account, result) = lookup.State == PasswordLinkState.Reset
                ? await ResetAsync(link.UserId!.Value, password)
                : await users.CreateParticipantAsync(lookup.UserName!, lookup.Name!, link.PersonId!.Value, password);
            if (account is null)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return Problem.Validation("password", string.Join(" ", result.Errors.Select(e => e.Description)));
            }

            // Every other link of the account (or of the person) stops working with this one.
            await db.PasswordResetTokens.Where(t => t.UsedUtc == null && (t.UserId == account.Id || (link.PersonId != null && t.PersonId == link.PersonId)))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedUtc, now), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (lookup.State == PasswordLinkState.Reset)
            {
                // Whoever held a session (the reason to reset, often) is out.
                await sessions.EndAllAsync(account, cancellationToken: cancellationToken);
            }

            return new PasswordChosen(account, lookup.State == PasswordLinkState.FirstAccess);
        }
        catch (DbUpdateException)
        {
            // The account was created at the same moment by another way in: the first wins, nothing of ours stays.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return Problem.Conflict(localizer["ResetPassword.Used"]);
        }
    }

    private async Task<(AppUser? Account, IdentityResult Result)> ResetAsync(Guid userId, string password)
    {
        var account = await users.FindByIdAsync(userId.ToString());
        if (account is null)
        {
            return (null, IdentityResult.Failed(new IdentityError { Description = localizer["ResetPassword.Invalid"] }));
        }

        // Identity's own reset checks the policy and changes the security stamp; it never touches the lockout end.
        var result = await users.ResetPasswordAsync(account, await users.GeneratePasswordResetTokenAsync(account), password);
        if (!result.Succeeded)
        {
            return (null, result);
        }

        account.MustChangePassword = false;
        var updated = await users.UpdateAsync(account);
        return updated.Succeeded ? (account, updated) : (null, updated);
    }

    private static bool IsDeactivated(AppUser account, DateTime now) => account.LockoutEnd is { } end && end.UtcDateTime > now;

    private void Send(string kind, Recipient to, PasswordResetToken link, string token, string userName)
    {
        var prefix = kind == ResetKind ? "ResetPassword.Email" : "FirstAccess.Email";
        var url = links.Absolute($"/Account/ResetPassword/{token}");
        outbox.Enqueue(kind, to, () => new EmailContent(
            localizer[$"{prefix}.Subject"],
            localizer.Greeting(to.Name),
            [
                localizer[$"{prefix}.Body", userName],
                // The moment in the installation's zone, which the e-mail names: the recipient may read it elsewhere.
                localizer["ResetPassword.Email.Expires", dates.Moment(link.ExpiresUtc), dates.ZoneName],
                localizer["ResetPassword.Email.NotYou"],
            ],
            localizer[$"{prefix}.Action"],
            url,
            localizer["ResetPassword.Email.Footer"]));
    }
}
