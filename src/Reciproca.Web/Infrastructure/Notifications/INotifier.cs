namespace Reciproca.Web.Infrastructure.Notifications;

/// <summary>
/// How features tell people what happened. Notices are queued in the caller's unit of work (the caller's
/// <c>SaveChanges</c> saves them with the change they tell about); a recipient nobody can reach gets nothing.
/// </summary>
public interface INotifier
{
    /// <summary>Delivers each notice, in order, through every channel that can reach its recipient; returns how many deliveries were queued.</summary>
    Task<int> NotifyAsync(IReadOnlyList<Notice> notices, CancellationToken cancellationToken);
}

public static class NotifierExtensions
{
    public static Task<int> NotifyAsync(this INotifier notifier, Notice notice, CancellationToken cancellationToken) =>
        notifier.NotifyAsync([notice], cancellationToken);
}
