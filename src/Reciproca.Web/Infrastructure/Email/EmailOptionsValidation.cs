using Microsoft.Extensions.Options;

namespace Reciproca.Web.Infrastructure.Email;

/// <summary>
/// Refuses to start with e-mail settings that would send people to a wrong address or keep their e-mails on disk
/// (ADR 0014): checked when the application starts (<c>ValidateOnStart</c>), not at the first e-mail.
/// </summary>
internal sealed class EmailOptionsValidation(IHostEnvironment environment) : IValidateOptions<EmailOptions>
{
    public const string PublicBaseUrlKey = $"{EmailOptions.SectionName}:{nameof(EmailOptions.PublicBaseUrl)}";

    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.PublicBaseUrl))
        {
            if (!environment.IsDevelopment())
            {
                failures.Add($"{PublicBaseUrlKey} is not set. Outside Development it is required: links in e-mails are built only from it "
                    + "(never from a request's Host header), e.g. https://reciproca.example.com.");
            }
        }
        else if (!IsBaseUrl(options.PublicBaseUrl))
        {
            failures.Add($"{PublicBaseUrlKey} '{options.PublicBaseUrl}' is not an absolute http or https address without query or fragment, e.g. https://reciproca.example.com.");
        }

        if (options.Delivery == EmailDelivery.Pickup && !options.AllowPickupOutsideDevelopment && !environment.IsDevelopment())
        {
            failures.Add($"{EmailOptions.SectionName}:{nameof(EmailOptions.Delivery)} is Pickup outside Development: e-mails would be written to disk and never sent. "
                + $"Set {EmailOptions.SectionName}:{nameof(EmailOptions.Delivery)}=Smtp, or {EmailOptions.SectionName}:{nameof(EmailOptions.AllowPickupOutsideDevelopment)}=true to keep them as files on purpose.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static bool IsBaseUrl(string value) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0;
}
