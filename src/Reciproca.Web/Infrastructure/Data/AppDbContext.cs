using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Features.Assessments;
using Reciproca.Web.Features.Invitations;
using Reciproca.Web.Features.Matching;
using Reciproca.Web.Features.PairHealth;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.People;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Features.Sessions;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Auth.PasswordResets;
using Reciproca.Web.Infrastructure.Auth.Sessions;
using Reciproca.Web.Infrastructure.Auth.SignIn;
using Reciproca.Web.Infrastructure.Email;
using Reciproca.Web.Infrastructure.Jobs;
using Reciproca.Web.Infrastructure.Notifications;
using Reciproca.Web.Infrastructure.Web.Api;

namespace Reciproca.Web.Infrastructure.Data;

/// <summary>
/// The application's unit of work. Each database engine has its own subclass so that each keeps its own
/// migration set (see ADR 0002); features depend on this base type only.
/// </summary>
public abstract class AppDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser, AppRole, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>The keys that protect cookies and antiforgery tokens, shared by every instance (see ADR 0009).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<SignInThrottle> SignInThrottles => Set<SignInThrottle>();

    public DbSet<PasswordResetToken> PasswordResetTokens => Set<PasswordResetToken>();

    public DbSet<Programme> Programmes => Set<Programme>();

    public DbSet<ProgrammeMember> ProgrammeMembers => Set<ProgrammeMember>();

    public DbSet<Participant> Participants => Set<Participant>();

    public DbSet<Assessment> Assessments => Set<Assessment>();

    public DbSet<ExperienceTopic> ExperienceTopics => Set<ExperienceTopic>();

    public DbSet<MatchingRun> MatchingRuns => Set<MatchingRun>();

    public DbSet<MatchingConstraint> MatchingConstraints => Set<MatchingConstraint>();

    public DbSet<ParticipantRanking> ParticipantRankings => Set<ParticipantRanking>();

    public DbSet<Pair> Pairs => Set<Pair>();

    public DbSet<PairEvent> PairEvents => Set<PairEvent>();

    public DbSet<Pact> Pacts => Set<Pact>();

    public DbSet<PactGoal> PactGoals => Set<PactGoal>();

    public DbSet<PactRevision> PactRevisions => Set<PactRevision>();

    public DbSet<SessionSeries> SessionSeries => Set<SessionSeries>();

    public DbSet<Session> Sessions => Set<Session>();

    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();

    public DbSet<SessionLog> SessionLogs => Set<SessionLog>();

    public DbSet<PairReflection> PairReflections => Set<PairReflection>();

    public DbSet<PairCheckIn> PairCheckIns => Set<PairCheckIn>();

    public DbSet<PairFollowUp> PairFollowUps => Set<PairFollowUp>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<OutboxPart> OutboxParts => Set<OutboxPart>();

    public DbSet<RecurringJob> RecurringJobs => Set<RecurringJob>();

    public DbSet<DueWork.DueItem> DueItems => Set<DueWork.DueItem>();

    public DbSet<Features.Sessions.Reminders.ReminderChoice> ReminderChoices => Set<Features.Sessions.Reminders.ReminderChoice>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}

/// <summary>The SQLite flavour: the zero-setup default.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite stores instants as text without a zone and reads them back as "unspecified"; every instant here is
        // UTC (ARCHITECTURE.md), so it is read back as UTC and written to JSON with its "Z".
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}

/// <summary>The PostgreSQL flavour: production and multi-instance.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);
