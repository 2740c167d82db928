using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Reciproca.Web.Features.Account;
using Reciproca.Web.Features.Accounts;
using Reciproca.Web.Features.Assessments;
using Reciproca.Web.Features.Culture;
using Reciproca.Web.Features.Invitations;
using Reciproca.Web.Features.Matching;
using Reciproca.Web.Features.Notifications;
using Reciproca.Web.Features.PairHealth;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.People;
using Reciproca.Web.Features.People.Import;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Features.Sessions;
using Reciproca.Web.Features.Sessions.Reminders;
using Reciproca.Web.Infrastructure.Auth.PasswordResets;
using Reciproca.Web.Infrastructure.DueWork;
using Reciproca.Web.Infrastructure.Notifications;
using Reciproca.Web.Infrastructure.Web.Api;

namespace Reciproca.Web.Features;

public static class FeatureRegistration
{
    public static IServiceCollection AddFeatures(this IServiceCollection services)
    {
        services.AddOptions<ImportOptions>()
            .BindConfiguration(ImportOptions.SectionName)
            .Validate(o => o.MaxFileBytes > 0, "Import:MaxFileBytes must be a positive number of bytes.")
            .ValidateOnStart();
        // The import is the only upload: the server reads no request body larger than it (413 beyond), and the form
        // reader accepts as much, so every limit says the same thing.
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ImportOptions>>((kestrel, import) => kestrel.Limits.MaxRequestBodySize = import.Value.MaxRequestBytes);
        services.AddOptions<FormOptions>().Configure<IOptions<ImportOptions>>((form, import) => form.MultipartBodyLengthLimit = import.Value.MaxRequestBytes);
        services.AddScoped<PeopleQuery>();
        services.AddScoped<ImportPeopleHandler>();
        services.AddScoped<PeopleSyncHandler>();
        services.AddSingleton<ImportUploadStore>();
        services.AddSingleton<Infrastructure.Files.IExpiringFiles>(provider => provider.GetRequiredService<ImportUploadStore>());
        services.AddSingleton<DigCompCatalogue>();
        services.AddScoped<TopicCatalogue>();
        services.AddScoped<ProgrammeAccess>();
        services.AddScoped<ProgrammeHandlers>();
        services.AddScoped<EnrolParticipantsHandler>();
        services.AddScoped<EnrolmentNotifications>();
        services.AddScoped<ApplicationHandlers>();
        services.AddScoped<ProgrammeMemberHandlers>();
        services.AddScoped<SubmitAssessmentHandler>();
        services.AddScoped<MatchingHandlers>();
        services.AddScoped<RankingHandlers>();
        services.AddScoped<ReviewQuery>();
        services.AddScoped<PairHandlers>();
        services.AddScoped<PactHandlers>();
        services.AddScoped<PartnerHandlers>();
        services.AddScoped<PairNotifications>();
        services.AddOptions<MeetingOptions>()
            .BindConfiguration(MeetingOptions.SectionName)
            .Validate(o => MeetingLinks.IsWebLink(o.JitsiBaseUrl), "Meetings:JitsiBaseUrl must be an http(s) address.")
            .ValidateOnStart();
        services.AddSingleton<MeetingLinks>();
        services.AddScoped<SessionInvites>();
        services.AddScoped<SessionReminders>();
        services.AddDueWorkHandler<SessionReminderHandler>();
        services.AddScoped<SessionHandlers>();
        services.AddScoped<SessionLogHandlers>();
        services.AddScoped<PairLifeHandlers>();
        services.AddScoped<PairLifeNotifications>();
        services.AddScoped<CalendarFeeds>();
        services.AddScoped<PairHealthQuery>();
        services.AddScoped<PairHealthHandlers>();
        services.AddScoped<InvitationMailer>();
        services.AddScoped<InvitationHandlers>();
        services.AddScoped<AcceptInvitationHandler>();
        services.AddScoped<AssessmentReminderHandler>();
        services.AddScoped<PersonalAccessTokens>();
        services.AddScoped<AccountHandlers>();
        services.AddOptions<PasswordResetOptions>()
            .BindConfiguration(PasswordResetOptions.Section)
            .Validate(o => o.ResetValidity > TimeSpan.Zero && o.FirstAccessValidity > TimeSpan.Zero, "PasswordReset:ResetValidity and FirstAccessValidity must be positive.")
            .Validate(o => o.MailsPerAddressPerHour > 0, "PasswordReset:MailsPerAddressPerHour must be at least 1.")
            .ValidateOnStart();
        services.AddScoped<PasswordHelp>();
        services.AddScoped<ProgrammeOverview.ProgrammeProgressQuery>();
        services.AddScoped<NotificationCentre>();
        // The kinds people choose how to receive, in the order of the settings page (the sessions' calendar e-mails,
        // which always go by e-mail, are registered with the notifier).
        services.AddNoticeKind(EnrolmentNotifications.Kind);
        services.AddNoticeKind(PairNotifications.ProposedKind);
        services.AddNoticeKind(PairNotifications.AcceptedKind);
        services.AddNoticeKind(PairNotifications.BothAcceptedKind);
        services.AddNoticeKind(PairNotifications.DeclinedKind);
        services.AddNoticeKind(PairNotifications.PactWrittenKind);
        services.AddNoticeKind(PairNotifications.PactChangedKind);
        services.AddNoticeKind(PairNotifications.PactAwaitingSignatureKind);
        services.AddNoticeKind(PairNotifications.PactSignedKind);
        services.AddNoticeKind(PairLifeNotifications.LoggedKind);
        services.AddNoticeKind(PairLifeNotifications.ClosedKind);
        services.AddNoticeKind(SessionReminders.ReminderKind);
        services.AddNoticeKind(SessionReminders.LogNudgeKind);
        return services;
    }

    public static WebApplication MapFeatures(this WebApplication app)
    {
        // Every POST of the API (but the multipart people import) honours an Idempotency-Key: see ADR 0012.
        var api = app.MapGroup("/api/v1").WithIdempotencyKeys();
        api.MapPeopleApi();
        api.MapGenerationsApi();
        api.MapProgrammesApi();
        api.MapAssessmentsApi();
        api.MapCatalogueApi();
        api.MapInvitationsApi();
        api.MapMatchingApi();
        api.MapRankingApi();
        api.MapPairsApi();
        api.MapSessionsApi();
        api.MapPairHealthApi();
        api.MapSessionLogsApi();
        api.MapAccountsApi();
        api.MapNotificationsApi();
        app.MapCultureSwitch();
        app.MapCalendarFeed();
        return app;
    }
}
