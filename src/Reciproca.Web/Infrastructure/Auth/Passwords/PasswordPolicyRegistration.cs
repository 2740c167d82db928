using Microsoft.AspNetCore.Identity;

namespace Reciproca.Web.Infrastructure.Auth.Passwords;

public static class PasswordPolicyRegistration
{
    /// <summary>Adds <see cref="PasswordPolicyValidator"/> beside Identity's own password validator, and the list it reads.</summary>
    public static IdentityBuilder AddPasswordPolicy(this IdentityBuilder builder)
    {
        builder.Services.AddSingleton<CommonPasswords>();
        return builder.AddPasswordValidator<PasswordPolicyValidator>();
    }
}
