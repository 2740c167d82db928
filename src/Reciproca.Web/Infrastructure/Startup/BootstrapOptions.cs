namespace Reciproca.Web.Infrastructure.Startup;

/// <summary>Bound from <c>Bootstrap</c>: how an empty installation gets its first administrator.</summary>
public sealed class BootstrapOptions
{
    public const string SectionName = "Bootstrap";

    /// <summary>User name (and e-mail) of the administrator created on first start.</summary>
    public string AdminUserName { get; set; } = "admin@reciproca.local";

    /// <summary>When set, an administrator API token with exactly this value is registered (only its hash is stored).</summary>
    public string? AdminApiToken { get; set; }
}

/// <summary>Bound from <c>Demo</c>: the demo organisation for laptops and evaluations.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    public bool Enabled { get; set; }

    /// <summary>The password of the demo accounts (not of the administrator). Printed on every start.</summary>
    public string Password { get; set; } = "officine-brianza-2026";

    public int People { get; set; } = 300;
}
