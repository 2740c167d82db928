using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reciproca.Web.Features.People;
using Reciproca.Web.Infrastructure.Auth;

namespace Reciproca.Web.Features.Programmes;

internal sealed class ProgrammeConfiguration : IEntityTypeConfiguration<Programme>
{
    public void Configure(EntityTypeBuilder<Programme> builder)
    {
        builder.ToTable("Programmes");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Description).HasMaxLength(4000);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.OwnsOne(p => p.Rules, rules =>
        {
            rules.ToTable("ProgrammeMatchingRules");
            rules.Property(r => r.Mode).HasConversion<string>().HasMaxLength(20);
            rules.Property(r => r.ProposingSide).HasConversion<string>().HasMaxLength(20);
        });
        builder.Navigation(p => p.Rules).IsRequired();
        // Columns of the programme row, so that existing programmes get the defaults from the migration.
        builder.OwnsOne(p => p.SessionRules);
        builder.Navigation(p => p.SessionRules).IsRequired();
    }
}

internal sealed class ProgrammeMemberConfiguration : IEntityTypeConfiguration<ProgrammeMember>
{
    public void Configure(EntityTypeBuilder<ProgrammeMember> builder)
    {
        builder.ToTable("ProgrammeMembers");
        builder.HasKey(m => new { m.ProgrammeId, m.UserId, m.Role });
        builder.Property(m => m.Role).HasMaxLength(40);
        builder.HasOne<Programme>().WithMany().HasForeignKey(m => m.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ParticipantConfiguration : IEntityTypeConfiguration<Participant>
{
    public void Configure(EntityTypeBuilder<Participant> builder)
    {
        builder.ToTable("Participants");
        builder.HasKey(p => p.Id);
        builder.HasIndex(p => new { p.ProgrammeId, p.PersonId }).IsUnique();
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.ProposedSide).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.SideOverride).HasConversion<string>().HasMaxLength(20);
        builder.Ignore(p => p.Side);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasOne<Programme>().WithMany().HasForeignKey(p => p.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
