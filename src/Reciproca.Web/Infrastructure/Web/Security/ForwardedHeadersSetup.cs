using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Reciproca.Web.Infrastructure.Web.Security;

/// <summary>
/// Behind a reverse proxy the client's address (for rate limits and sign-in throttling) and the scheme (for Secure
/// cookies) arrive in X-Forwarded-For / X-Forwarded-Proto. Those headers are believed only from the proxies named in
/// <c>ForwardedHeaders:KnownProxies</c> (addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR ranges); from anyone
/// else they are ignored, so a client cannot pose as another address. With none configured, nothing is believed.
/// </summary>
public static class ForwardedHeadersSetup
{
    public const string Section = "ForwardedHeaders";

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var proxies = section.GetSection("KnownProxies").Get<string[]>() ?? [];
        var networks = section.GetSection("KnownNetworks").Get<string[]>() ?? [];
        var parsedProxies = proxies.Select(p => IPAddress.TryParse(p, out var address)
            ? address
            : throw new InvalidOperationException($"{Section}:KnownProxies has \"{p}\", which is not an IP address.")).ToList();
        var parsedNetworks = networks.Select(n => System.Net.IPNetwork.TryParse(n, out var network)
            ? network
            : throw new InvalidOperationException($"{Section}:KnownNetworks has \"{n}\", which is not a CIDR range such as 10.0.0.0/8.")).ToList();

        services.Configure<ForwardedHeadersOptions>(options =>
        {
            // The Host is not forwarded: links come from Email:PublicBaseUrl and AllowedHosts checks the Host itself.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = section.GetValue("ForwardLimit", 1);
            // ASP.NET trusts loopback by default; here only what is configured counts.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            parsedProxies.ForEach(options.KnownProxies.Add);
            parsedNetworks.ForEach(options.KnownIPNetworks.Add);
        });
        return services;
    }
}
