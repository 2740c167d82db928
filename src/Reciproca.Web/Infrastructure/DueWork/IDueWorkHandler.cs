using Reciproca.Web.Infrastructure.Notifications;

namespace Reciproca.Web.Infrastructure.DueWork;

/// <summary>
/// Turns due items of its <see cref="Kinds"/> into notices, looking at the world as it is when they come due: an
/// item whose reason has gone (the partner logged, the session moved and was planned again) gives no notice and is
/// recorded as skipped. Runs in a DI scope of its own per item, with the notifier of that scope.
/// </summary>
public interface IDueWorkHandler
{
    IReadOnlyCollection<string> Kinds { get; }

    /// <summary>The notices to deliver for <paramref name="item"/>; empty when nothing needs saying any more.</summary>
    Task<IReadOnlyList<Notice>> NoticesAsync(DueItem item, CancellationToken cancellationToken);
}
