using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Reciproca.Web.Infrastructure.Jobs;

/// <summary>
/// Who holds a claim (<see cref="ILeased.ClaimedBy"/>): <c>Jobs:InstanceName</c>, else the machine name and a hash of
/// the application folder and the configured listening addresses. The same after a restart, so an instance that
/// crashed takes back its own claims when it starts (<see cref="Leases.ReleaseClaimsOfAsync"/>); different for two
/// instances running at once, even on one machine from one folder as long as they listen on different addresses.
/// Instances that share all three (containers recreated with one host name) need <c>Jobs:InstanceName</c>.
/// </summary>
public sealed class InstanceIdentity
{
    public const int MaxLength = 200;

    public InstanceIdentity(IOptions<JobsOptions> options, IHostEnvironment environment, IConfiguration configuration)
    {
        var configured = options.Value.InstanceName?.Trim();
        Name = !string.IsNullOrEmpty(configured)
            ? configured[..Math.Min(configured.Length, MaxLength)]
            : Derive(Environment.MachineName, environment.ContentRootPath, configuration["urls"]);
    }

    public string Name { get; }

    public static string Derive(string machine, string contentRoot, string? urls)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{Path.GetFullPath(contentRoot)}|{urls}"));
        var suffix = Convert.ToHexStringLower(hash.AsSpan(0, 6));
        var prefix = machine.Length > MaxLength - suffix.Length - 1 ? machine[..(MaxLength - suffix.Length - 1)] : machine;
        return $"{prefix}-{suffix}";
    }
}
