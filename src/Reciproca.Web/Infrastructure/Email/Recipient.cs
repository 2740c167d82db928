using Microsoft.Extensions.Localization;

namespace Reciproca.Web.Infrastructure.Email;

/// <summary>Whom a message goes to: address, name if known, and the languages that choose the message's language.</summary>
public sealed record Recipient(string Email, string? Name, IReadOnlyList<string> Languages);

/// <summary>The words every message shares.</summary>
public static class EmailText
{
    public static string Greeting(this IStringLocalizer localizer, string? name) =>
        string.IsNullOrWhiteSpace(name) ? localizer["Email.GreetingAnonymous"] : localizer["Email.Greeting", name];
}
