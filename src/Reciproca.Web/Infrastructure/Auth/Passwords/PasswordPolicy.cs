namespace Reciproca.Web.Infrastructure.Auth.Passwords;

/// <summary>
/// The password rules, after OWASP ASVS 4 section 2.1 (NIST SP 800-63B): length rather than composition, so a
/// passphrase of lower-case words passes; no password anybody guesses first (a list of common and breached ones, a
/// password made of the product's or the user's name, a few characters repeated).
/// </summary>
public static class PasswordPolicy
{
    /// <summary>ASVS 2.1.1: at least 12 characters.</summary>
    public const int MinimumLength = 12;

    /// <summary>ASVS 2.1.2: at least 64 allowed, more than 128 refused (hashing an unbounded input is a denial of service).</summary>
    public const int MaximumLength = 128;

    /// <summary>Fewer distinct characters than this (<c>aaaaaaaaaaa1</c>) is a repetition, not a password.</summary>
    public const int MinimumDistinctCharacters = 4;

    /// <summary>A user name or e-mail local part shorter than this ("hr") is not looked for in the password: too many false refusals.</summary>
    public const int MinimumNameLength = 4;

    /// <summary>The word every attacker of this product tries first, in any case.</summary>
    public const string ProductName = "reciproca";
}
