using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Reciproca.Web.Infrastructure.Auth;

/// <summary>Identity's messages in the user's language: people choosing a password read why it was refused.</summary>
public sealed class LocalizedIdentityErrors(IStringLocalizer<SharedResource> localizer) : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), localizer["Identity.DefaultError"]);

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), localizer["Identity.PasswordMismatch"]);

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), localizer["Identity.PasswordTooShort", length]);

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), localizer["Identity.PasswordRequiresDigit"]);

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), localizer["Identity.PasswordRequiresLower"]);

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), localizer["Identity.PasswordRequiresUpper"]);

    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), localizer["Identity.PasswordRequiresNonAlphanumeric"]);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), localizer["Identity.PasswordRequiresUniqueChars", uniqueChars]);

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), localizer["Identity.DuplicateUserName", userName]);

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), localizer["Identity.DuplicateUserName", email]);

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), localizer["Identity.InvalidUserName", userName ?? ""]);

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), localizer["Identity.InvalidEmail", email ?? ""]);

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
