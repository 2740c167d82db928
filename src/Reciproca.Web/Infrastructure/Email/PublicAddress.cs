using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Reciproca.Web.Infrastructure.Email;

/// <summary>
/// The root of the absolute links the application writes for people to open later (e-mails): the configured
/// <see cref="EmailOptions.PublicBaseUrl"/>, or, in Development only, the address the server listens on. Never a
/// request's <c>Host</c> header: anybody can send any <c>Host</c>, and a link built from it points where the sender
/// likes (ADR 0014). The same for a request and a background job.
/// </summary>
public sealed class PublicAddress(IOptions<EmailOptions> options, IServer server)
{
    /// <summary>The root without a trailing slash, e.g. <c>https://reciproca.example.com</c>.</summary>
    public string Root
    {
        get
        {
            var configured = options.Value.PublicBaseUrl;
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return configured.Trim().TrimEnd('/');
            }

            // Only reachable in Development: elsewhere start-up refuses an empty setting (EmailOptionsValidation).
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            return FromListeningAddresses(addresses)
                ?? throw new InvalidOperationException($"Set {EmailOptions.SectionName}:{nameof(EmailOptions.PublicBaseUrl)}: the server reports no address to build links in e-mails from.");
        }
    }

    /// <summary>
    /// The first http(s) address the server listens on, with a wildcard host (<c>0.0.0.0</c>, <c>[::]</c>, <c>+</c>,
    /// <c>*</c>) read as <c>localhost</c>: a link must name a host one can open.
    /// </summary>
    public static string? FromListeningAddresses(IEnumerable<string> addresses)
    {
        foreach (var address in addresses)
        {
            var separator = address.IndexOf("://", StringComparison.Ordinal);
            if (separator < 0)
            {
                continue;
            }

            var scheme = address[..separator].ToLowerInvariant();
            if (scheme is not ("http" or "https"))
            {
                continue;
            }

            var rest = address[(separator + 3)..];
            var (host, port) = SplitHostAndPort(rest.Split('/', 2)[0]);
            host = host is "0.0.0.0" or "[::]" or "+" or "*" ? "localhost" : host;
            return $"{scheme}://{host}{port}";
        }

        return null;
    }

    private static (string Host, string Port) SplitHostAndPort(string authority)
    {
        // "[::1]:5000" keeps its brackets; the port is what follows the last colon after them.
        var end = authority.StartsWith('[') ? authority.IndexOf(']', StringComparison.Ordinal) + 1 : 0;
        var colon = authority.IndexOf(':', end);
        return colon < 0 ? (authority, "") : (authority[..colon], authority[colon..]);
    }
}
