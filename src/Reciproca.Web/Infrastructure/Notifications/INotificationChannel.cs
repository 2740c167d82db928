using Reciproca.Web.Infrastructure.Email;

namespace Reciproca.Web.Infrastructure.Notifications;

/// <summary>
/// One way of reaching people: the notification centre (<see cref="InAppChannel"/>, always) and e-mail
/// (<see cref="EmailChannel"/>, as the person's preferences say). A channel writes into the caller's unit of work and
/// never saves. The preferences are read once, in <see cref="Notifier"/>, and handed to every channel as the
/// delivery's <see cref="NoticeDelivery.Email"/>: features never see them.
/// </summary>
public interface INotificationChannel
{
    /// <summary>Queues the delivery; false when this channel does not carry it (no address, no e-mail wanted).</summary>
    bool Deliver(NoticeDelivery delivery);
}

/// <summary>
/// One notice for one addressee, composed once in the addressee's culture (<see cref="Content"/>), with the e-mail
/// choice that applies to it (the person's preference, or <see cref="EmailChoice.Immediately"/> for an always-email kind).
/// </summary>
public sealed record NoticeDelivery(Notice Notice, Addressee To, EmailContent Content, EmailChoice Email);
