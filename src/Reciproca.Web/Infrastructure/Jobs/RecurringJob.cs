using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Reciproca.Web.Infrastructure.Jobs;

/// <summary>
/// The schedule of one <see cref="IRecurringJob"/>, shared by every instance: the instance that claims the row when
/// it is due runs the job and moves <see cref="NextDueUtc"/> on by a period (ADR 0010).
/// </summary>
public sealed class RecurringJob : ILeased
{
    public required string Name { get; set; }

    public DateTime NextDueUtc { get; set; }

    public DateTime? ClaimedUntilUtc { get; set; }

    public Guid? ClaimToken { get; set; }

    public string? ClaimedBy { get; set; }

    /// <summary>When the last run (successful or not) started.</summary>
    public DateTime? LastRunUtc { get; set; }

    /// <summary>Why the last run failed; empty after a successful one.</summary>
    public string? LastError { get; set; }
}

internal sealed class RecurringJobConfiguration : IEntityTypeConfiguration<RecurringJob>
{
    public const int NameLength = 100;
    public const int ErrorLength = 2000;

    public void Configure(EntityTypeBuilder<RecurringJob> builder)
    {
        builder.ToTable("RecurringJobs");
        builder.HasKey(j => j.Name);
        builder.Property(j => j.Name).HasMaxLength(NameLength);
        builder.Property(j => j.LastError).HasMaxLength(ErrorLength);
        builder.Property(j => j.ClaimedBy).HasMaxLength(InstanceIdentity.MaxLength);
        // Recording a run checks that the claim is still this instance's: one that outlasted its lease records nothing.
        builder.Property(j => j.ClaimToken).IsConcurrencyToken();
    }
}
