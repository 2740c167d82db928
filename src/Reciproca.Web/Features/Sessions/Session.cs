using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reciproca.Web.Features.Pairs;

namespace Reciproca.Web.Features.Sessions;

public enum SessionMode
{
    Remote,
    InPerson,
}

public enum SessionStatus
{
    Scheduled,
    Cancelled,
}

public enum AttendanceAnswer
{
    Accepted,
    Declined,
}

/// <summary>
/// What a calendar knows as one event (ADR 0019): one VEVENT with a stable <see cref="Uid"/>, an RRULE when it repeats,
/// and a <see cref="Sequence"/> raised by every change. Its wall-clock start lives in <see cref="TimeZoneId"/>, so that
/// a series at 09:00 in Rome stays at 09:00 across daylight saving; the UTC instants are on the occurrences.
/// </summary>
public sealed class SessionSeries
{
    public const int TitleLength = 200;
    public const int UrlLength = 500;
    public const int LocationLength = 300;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ProgrammeId { get; set; }

    public Guid PairId { get; set; }

    /// <summary>The partner who scheduled it: the ORGANIZER of the invites.</summary>
    public Guid OrganiserId { get; set; }

    public string Title { get; set; } = "";

    /// <summary>The pact goals this session is for (ids of the pact's goals when it was scheduled).</summary>
    public List<Guid> AgendaGoalIds { get; set; } = [];

    public SessionMode Mode { get; set; }

    public string? MeetingUrl { get; set; }

    public string? Location { get; set; }

    /// <summary>An IANA id (Europe/Rome): the zone of <see cref="StartDate"/> and <see cref="StartTime"/> and of the VTIMEZONE.</summary>
    public required string TimeZoneId { get; set; }

    public DateOnly StartDate { get; set; }

    public TimeOnly StartTime { get; set; }

    public int DurationMinutes { get; set; }

    /// <summary>0 for a one-off session, else the weeks between occurrences.</summary>
    public int IntervalWeeks { get; set; }

    /// <summary>The RRULE's COUNT, when the series was made for a number of times and never split.</summary>
    public int? Count { get; set; }

    /// <summary>The RRULE's UNTIL (UTC, as RFC 5545 asks beside a DTSTART with a TZID): a chosen end date, or where a split ended it.</summary>
    public DateTime? UntilUtc { get; set; }

    /// <summary>The iCalendar UID: made once, never changed, so that calendars update the event instead of adding one.</summary>
    public required string Uid { get; set; }

    public int Sequence { get; set; }

    /// <summary>The whole series was cancelled: its invites say METHOD:CANCEL without a RECURRENCE-ID.</summary>
    public bool Cancelled { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();

    public bool Repeats => IntervalWeeks > 0;
}

/// <summary>
/// One occurrence of a series, a session resource of its own (<c>…/sessions/{id}</c>): where it is now
/// (<see cref="StartUtc"/>), where the rule put it (<see cref="OriginalStartUtc"/>, its RECURRENCE-ID), whether it still
/// takes place, and each partner's answer.
/// </summary>
public sealed class Session
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid SeriesId { get; set; }

    public Guid PairId { get; set; }

    /// <summary>The start the series' rule gives this occurrence: what a RECURRENCE-ID names, even after a move.</summary>
    public DateTime OriginalStartUtc { get; set; }

    public DateTime StartUtc { get; set; }

    public DateTime EndUtc { get; set; }

    public SessionStatus Status { get; set; }

    public AttendanceAnswer? DigitalMentorAnswer { get; set; }

    public AttendanceAnswer? ExperienceMentorAnswer { get; set; }

    public DateTime? CancelledUtc { get; set; }

    /// <summary>The partner (person id) who cancelled it: pair health counts each partner's cancellations.</summary>
    public Guid? CancelledById { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>Moved off its rule, or cancelled on its own: an override VEVENT with a RECURRENCE-ID.</summary>
    public bool IsOverride(SessionSeries series) =>
        StartUtc != OriginalStartUtc || EndUtc - StartUtc != TimeSpan.FromMinutes(series.DurationMinutes) || Status == SessionStatus.Cancelled && !series.Cancelled;
}

/// <summary>A person's private calendar feed: only the SHA-256 of its secret is kept, so a database leak opens no feed.</summary>
public sealed class CalendarFeed
{
    public Guid PersonId { get; set; }

    /// <summary>Lower-case hex SHA-256 of the secret in the URL.</summary>
    public required string SecretHash { get; set; }

    public DateTime CreatedUtc { get; set; }
}

internal sealed class SessionSeriesConfiguration : IEntityTypeConfiguration<SessionSeries>
{
    public void Configure(EntityTypeBuilder<SessionSeries> builder)
    {
        builder.ToTable("SessionSeries");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasIndex(s => s.PairId);
        builder.HasIndex(s => s.Uid).IsUnique();
        builder.Property(s => s.Title).HasMaxLength(SessionSeries.TitleLength);
        builder.Property(s => s.Mode).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.MeetingUrl).HasMaxLength(SessionSeries.UrlLength);
        builder.Property(s => s.Location).HasMaxLength(SessionSeries.LocationLength);
        builder.Property(s => s.TimeZoneId).HasMaxLength(100);
        builder.Property(s => s.Uid).HasMaxLength(200);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.Repeats);
        builder.HasOne<Pair>().WithMany().HasForeignKey(s => s.PairId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> builder)
    {
        builder.ToTable("Sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasIndex(s => new { s.SeriesId, s.OriginalStartUtc });
        // The overlap check: a partner's scheduled sessions around a time.
        builder.HasIndex(s => new { s.PairId, s.StartUtc });
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.DigitalMentorAnswer).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.ExperienceMentorAnswer).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasOne<SessionSeries>().WithMany().HasForeignKey(s => s.SeriesId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> builder)
    {
        builder.ToTable("CalendarFeeds");
        builder.HasKey(f => f.PersonId);
        builder.Property(f => f.PersonId).ValueGeneratedNever();
        builder.Property(f => f.SecretHash).HasMaxLength(64);
        builder.HasIndex(f => f.SecretHash).IsUnique();
        builder.HasOne<People.Person>().WithMany().HasForeignKey(f => f.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
