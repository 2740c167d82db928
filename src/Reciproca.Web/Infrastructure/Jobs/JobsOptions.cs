namespace Reciproca.Web.Infrastructure.Jobs;

/// <summary>Bound from the <c>Jobs</c> configuration section.</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>
    /// Whether this instance runs recurring jobs itself. Every instance may: a job is claimed before it runs, so it
    /// runs once per period however many instances poll.
    /// </summary>
    public bool RunInBackground { get; set; } = true;

    /// <summary>How often an instance looks for due jobs: the delay a job may have past its due time.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a claimed job is reserved for the instance running it. Longer than any run: a run still going when
    /// its lease ends may be started a second time by another instance.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// This instance's name in the claims it makes (<see cref="InstanceIdentity"/>): stable across restarts and different
    /// for every instance running at the same time. Empty: the machine name and a hash of the application folder and
    /// the configured addresses.
    /// </summary>
    public string? InstanceName { get; set; }
}
