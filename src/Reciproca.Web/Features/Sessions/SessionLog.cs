using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.People;

namespace Reciproca.Web.Features.Sessions;

/// <summary>Why a session that was due did not take place, in the words of one partner's log.</summary>
public enum MissedReason
{
    NoShow,
    CancelledLate,
}

/// <summary>How far a pact goal has come, as one partner sees it after a session.</summary>
public enum GoalProgress
{
    NotStarted,
    Started,
    HalfWay,
    Achieved,
}

/// <summary>
/// One partner's account of one session, written after its start. The text (taught, learned, the private note) is the
/// pair's: the programme's HR sees that a log exists, held or not, its rating and its tags, never the words. The
/// private note is its author's alone, not even the partner's.
/// </summary>
public sealed class SessionLog
{
    public const int TextLength = 4000;
    public const int MaxTags = 20;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid SessionId { get; set; }

    /// <summary>Copied from the session so that a pair's logs are one indexed read (health, timeline, outcomes).</summary>
    public Guid PairId { get; set; }

    /// <summary>The partner who wrote it (a person id): one log per partner per session.</summary>
    public Guid AuthorId { get; set; }

    public bool Held { get; set; }

    /// <summary>Set when <see cref="Held"/> is false.</summary>
    public MissedReason? MissedReason { get; set; }

    public string Taught { get; set; } = "";

    public string Learned { get; set; } = "";

    /// <summary>DigComp competence ids and experience topic keys.</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>1 (poor) to 5 (excellent); null when the session was not held.</summary>
    public int? Rating { get; set; }

    public string? PrivateNote { get; set; }

    public List<SessionLogGoal> Goals { get; set; } = [];

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>Progress on one pact goal, as one log reports it.</summary>
public sealed class SessionLogGoal
{
    public Guid LogId { get; set; }

    public Guid GoalId { get; set; }

    public GoalProgress Progress { get; set; }
}

/// <summary>One partner's closing reflection when a pair completes: what I gained, would I recommend it.</summary>
public sealed class PairReflection
{
    public const int TextLength = 4000;

    public Guid PairId { get; set; }

    public Guid PersonId { get; set; }

    public string Gained { get; set; } = "";

    public bool WouldRecommend { get; set; }

    public DateTime CreatedUtc { get; set; }
}

internal sealed class SessionLogConfiguration : IEntityTypeConfiguration<SessionLog>
{
    public void Configure(EntityTypeBuilder<SessionLog> builder)
    {
        builder.ToTable("SessionLogs");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        // A second log by the same partner is refused by the handler and, under a race, by this index.
        builder.HasIndex(l => new { l.SessionId, l.AuthorId }).IsUnique();
        builder.HasIndex(l => new { l.PairId, l.CreatedUtc });
        builder.Property(l => l.MissedReason).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.Taught).HasMaxLength(SessionLog.TextLength);
        builder.Property(l => l.Learned).HasMaxLength(SessionLog.TextLength);
        builder.Property(l => l.PrivateNote).HasMaxLength(SessionLog.TextLength);
        builder.Property(l => l.Version).IsConcurrencyToken();
        builder.HasOne<Session>().WithMany().HasForeignKey(l => l.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(l => l.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(l => l.Goals).WithOne().HasForeignKey(g => g.LogId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SessionLogGoalConfiguration : IEntityTypeConfiguration<SessionLogGoal>
{
    public void Configure(EntityTypeBuilder<SessionLogGoal> builder)
    {
        builder.ToTable("SessionLogGoals");
        builder.HasKey(g => new { g.LogId, g.GoalId });
        builder.Property(g => g.Progress).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class PairReflectionConfiguration : IEntityTypeConfiguration<PairReflection>
{
    public void Configure(EntityTypeBuilder<PairReflection> builder)
    {
        builder.ToTable("PairReflections");
        builder.HasKey(r => new { r.PairId, r.PersonId });
        builder.Property(r => r.Gained).HasMaxLength(PairReflection.TextLength);
        builder.HasOne<Pair>().WithMany().HasForeignKey(r => r.PairId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
