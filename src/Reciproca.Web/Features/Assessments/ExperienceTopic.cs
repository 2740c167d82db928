using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Reciproca.Web.Features.Assessments;

/// <summary>
/// Something a career teaches that a senior can offer and a junior can want (vision, setting a specific
/// objective, ...). A managed list: the built-in topics plus those HR adds; a topic in use is archived, not deleted.
/// </summary>
public sealed class ExperienceTopic
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Stable key used by assessments and the matching engine, e.g. <c>vision</c>.</summary>
    public required string Key { get; set; }

    public required string NameEn { get; set; }

    public required string NameIt { get; set; }

    public bool BuiltIn { get; set; }

    public bool Archived { get; set; }

    public string Name(System.Globalization.CultureInfo culture) => culture.TwoLetterISOLanguageName == "it" ? NameIt : NameEn;

    /// <summary>The topics of the seed article and of common leadership curricula.</summary>
    public static IReadOnlyList<ExperienceTopic> BuiltIns() =>
    [
        new() { Key = "vision", NameEn = "Formulating a vision", NameIt = "Formulare una visione", BuiltIn = true },
        new() { Key = "specific-objective", NameEn = "Setting a specific objective", NameIt = "Definire un obiettivo specifico", BuiltIn = true },
        new() { Key = "problem-solving", NameEn = "Problem solving", NameIt = "Risolvere i problemi", BuiltIn = true },
        new() { Key = "leadership", NameEn = "Leadership", NameIt = "Leadership", BuiltIn = true },
        new() { Key = "project-management", NameEn = "Project management principles", NameIt = "Principi di gestione dei progetti", BuiltIn = true },
        new() { Key = "feedback", NameEn = "Giving and receiving feedback", NameIt = "Dare e ricevere feedback", BuiltIn = true },
        new() { Key = "stakeholder-management", NameEn = "Stakeholder management", NameIt = "Gestione degli stakeholder", BuiltIn = true },
        new() { Key = "negotiation", NameEn = "Negotiation", NameIt = "Negoziazione", BuiltIn = true },
        new() { Key = "organisation-knowledge", NameEn = "How the organisation works", NameIt = "Come funziona l'organizzazione", BuiltIn = true },
        new() { Key = "career-development", NameEn = "Career development", NameIt = "Sviluppo di carriera", BuiltIn = true },
        new() { Key = "public-speaking", NameEn = "Presenting and public speaking", NameIt = "Presentare e parlare in pubblico", BuiltIn = true },
        new() { Key = "decision-making", NameEn = "Decision making", NameIt = "Prendere decisioni", BuiltIn = true },
    ];
}

internal sealed class ExperienceTopicConfiguration : IEntityTypeConfiguration<ExperienceTopic>
{
    public void Configure(EntityTypeBuilder<ExperienceTopic> builder)
    {
        builder.ToTable("ExperienceTopics");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Key).HasMaxLength(60);
        builder.HasIndex(t => t.Key).IsUnique();
        builder.Property(t => t.NameEn).HasMaxLength(200);
        builder.Property(t => t.NameIt).HasMaxLength(200);
    }
}
