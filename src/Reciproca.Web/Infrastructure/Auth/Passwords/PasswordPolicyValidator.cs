using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Reciproca.Web.Infrastructure.Auth.Passwords;

/// <summary>
/// The rules of <see cref="PasswordPolicy"/> that Identity's own validator lacks: a maximum length, the list of common
/// passwords, and the product's or the user's own name inside the password. Identity checks the minimum length and
/// the distinct characters (its <c>RequiredLength</c> and <c>RequiredUniqueChars</c> options); every refusal is
/// reported, in the user's language.
/// </summary>
public sealed class PasswordPolicyValidator(CommonPasswords common, IStringLocalizer<SharedResource> localizer) : IPasswordValidator<AppUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var errors = new List<IdentityError>();
        if (password.Length > PasswordPolicy.MaximumLength)
        {
            errors.Add(Error("PasswordTooLong", localizer["Identity.PasswordTooLong", PasswordPolicy.MaximumLength]));
        }

        if (password.Contains(PasswordPolicy.ProductName, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(Error("PasswordContainsProductName", localizer["Identity.PasswordContainsProductName"]));
        }

        if (NamesOf(user).Any(name => password.Contains(name, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add(Error("PasswordContainsUserName", localizer["Identity.PasswordContainsUserName"]));
        }

        if (common.Contains(password))
        {
            errors.Add(Error("PasswordCommon", localizer["Identity.PasswordCommon"]));
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    /// <summary>The user name and the local part of the user name and e-mail ("anna.rossi" of anna.rossi@…), long enough to mean something.</summary>
    private static IEnumerable<string> NamesOf(AppUser user) =>
        new[] { user.UserName, user.Email }
            .Where(value => !string.IsNullOrWhiteSpace(value))
            .SelectMany(value => new[] { value!, value!.Split('@')[0] })
            .Select(value => value.Trim())
            .Where(value => value.Length >= PasswordPolicy.MinimumNameLength)
            .Distinct(StringComparer.OrdinalIgnoreCase);

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
