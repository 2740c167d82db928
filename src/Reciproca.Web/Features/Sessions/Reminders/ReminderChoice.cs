using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reciproca.Web.Features.People;

namespace Reciproca.Web.Features.Sessions.Reminders;

/// <summary>
/// A partner who also wants a reminder one hour before each session (issue 11: the programme's reminder, 24 h by
/// default, goes to everybody; the hour before is a personal choice). No row: not wanted.
/// </summary>
public sealed class ReminderChoice
{
    public Guid PersonId { get; set; }

    public bool HourBefore { get; set; }
}

internal sealed class ReminderChoiceConfiguration : IEntityTypeConfiguration<ReminderChoice>
{
    public void Configure(EntityTypeBuilder<ReminderChoice> builder)
    {
        builder.ToTable("ReminderChoices");
        builder.HasKey(c => c.PersonId);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
