namespace Reciproca.Web.Infrastructure.Notifications;

/// <summary>
/// A kind of notice people may choose how to receive (<see cref="Notice.Kind"/>). Its label is the resource
/// <c>NoticeKind.{Key}</c>. An <see cref="AlwaysEmail"/> kind goes by e-mail whatever the person chose: what a calendar
/// or an account needs (an invite, a cancellation, a password link) must never be suppressed or delayed.
/// </summary>
public sealed record NoticeKind(string Key, bool AlwaysEmail = false)
{
    public string LabelKey => $"NoticeKind.{Key}";
}

/// <summary>The kinds the notification centre knows of: the kinds whose e-mail must never be suppressed, and the registered ones.</summary>
public static class NoticeKinds
{
    /// <summary>A calendar invite (new or changed session): the calendar needs the e-mail to show the event.</summary>
    public const string SessionInvite = "session.invite";

    /// <summary>A session's cancellation: the calendar needs the e-mail to remove the event.</summary>
    public const string SessionCancel = "session.cancel";

    /// <summary>Account e-mails (sent through the outbox directly today); listed so that a notice of these kinds is never suppressed either.</summary>
    public const string PasswordReset = "PasswordReset";

    public const string FirstAccess = "FirstAccess";

    /// <summary>The one daily e-mail that lists the day's notifications of the kinds people chose to read in a digest.</summary>
    public const string Digest = "NotificationDigest";

    /// <summary>Kinds that go by e-mail whatever the preferences say, registered or not.</summary>
    public static IReadOnlySet<string> AlwaysEmail { get; } = new HashSet<string>(StringComparer.Ordinal) { SessionInvite, SessionCancel, PasswordReset, FirstAccess };
}

/// <summary>
/// The registered kinds, in registration order (the order of the settings page). Features register theirs with
/// <see cref="NotificationsServiceCollectionExtensions.AddNoticeKind"/>; a notice of an unregistered kind is still
/// delivered (e-mail immediately unless always-email rules say otherwise) but cannot be configured.
/// </summary>
public sealed class NoticeKindCatalogue
{
    private readonly Dictionary<string, NoticeKind> _byKey;

    public NoticeKindCatalogue(IEnumerable<NoticeKind> kinds)
    {
        All = [.. kinds.DistinctBy(k => k.Key, StringComparer.Ordinal)];
        _byKey = All.ToDictionary(k => k.Key, StringComparer.Ordinal);
    }

    public IReadOnlyList<NoticeKind> All { get; }

    public NoticeKind? Find(string key) => _byKey.GetValueOrDefault(key);

    public bool IsAlwaysEmail(string key) => NoticeKinds.AlwaysEmail.Contains(key) || Find(key)?.AlwaysEmail == true;
}
