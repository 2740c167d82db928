using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Reciproca.Web.Features.People;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("People");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.ExternalId).HasMaxLength(100);
        builder.HasIndex(p => p.ExternalId).IsUnique();
        builder.Property(p => p.Email).HasMaxLength(320);
        builder.Property(p => p.GivenName).HasMaxLength(200);
        builder.Property(p => p.FamilyName).HasMaxLength(200);
        builder.Property(p => p.DisplayName).HasMaxLength(400);
        builder.Property(p => p.Gender).HasMaxLength(100);
        builder.Property(p => p.Department).HasMaxLength(200);
        builder.Property(p => p.JobTitle).HasMaxLength(200);
        builder.Property(p => p.Location).HasMaxLength(200);
        builder.Property(p => p.ManagerExternalId).HasMaxLength(100);
        builder.Property(p => p.TimeZone).HasMaxLength(100);
        builder.Property(p => p.SearchText).HasMaxLength(2000);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => p.Department);
        builder.HasIndex(p => p.BirthYear);
        builder.HasIndex(p => p.DisplayName);
        builder.HasIndex(p => p.UpdatedUtc);
        builder.HasOne<Person>().WithMany().HasForeignKey(p => p.ManagerId).OnDelete(DeleteBehavior.SetNull);
    }
}
