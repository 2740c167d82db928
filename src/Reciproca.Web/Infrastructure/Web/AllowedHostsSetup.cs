using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;
using Reciproca.Web.Infrastructure.Email;

namespace Reciproca.Web.Infrastructure.Web;

/// <summary>
/// <c>AllowedHosts</c> defaults to the host of <c>Email:PublicBaseUrl</c> rather than to ASP.NET Core's <c>*</c>:
/// a request for any other host is answered 400 by the host-filtering middleware the web host always runs, so that
/// nothing the application writes from a request (a redirect, a page's absolute URL) can carry a forged
/// <c>Host</c>. A configured <c>AllowedHosts</c> (<c>*</c> included, e.g. behind a proxy that checks hosts
/// itself) is taken as it is (ADR 0014).
/// </summary>
internal sealed class AllowedHostsSetup(IConfiguration configuration) : IConfigureOptions<HostFilteringOptions>
{
    public const string Key = "AllowedHosts";

    // Runs before the web host's own post-configuration, which fills in "*" only when the list is still empty.
    public void Configure(HostFilteringOptions options)
    {
        if (!string.IsNullOrWhiteSpace(configuration[Key]))
        {
            return;
        }

        var baseUrl = configuration[EmailOptionsValidation.PublicBaseUrlKey];
        if (baseUrl is not null && EmailOptionsValidation.IsBaseUrl(baseUrl))
        {
            options.AllowedHosts = [new Uri(baseUrl.Trim()).IdnHost];
        }
    }
}
