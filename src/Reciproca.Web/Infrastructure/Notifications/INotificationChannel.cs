namespace Reciproca.Web.Infrastructure.Notifications;

/// <summary>
/// One way of reaching people (e-mail today; in-app next). A channel writes into the caller's unit of work and never
/// saves. Per-person preferences, when they come, choose among the channels in <see cref="Notifier"/>, not in features.
/// </summary>
public interface INotificationChannel
{
    /// <summary>Queues <paramref name="notice"/> for <paramref name="to"/>; false when this channel cannot reach them.</summary>
    bool Deliver(Notice notice, Addressee to);
}
