using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Email;
using Reciproca.Web.Infrastructure.Jobs;
using Reciproca.Web.Infrastructure.Web.Localization;

namespace Reciproca.Web.Infrastructure.Notifications;

/// <summary>
/// The daily digest: one e-mail per person listing their notifications that wait for it (<see cref="Notification.Digest"/>),
/// in their language, then marks them digested. Exactly once: a person's rows are claimed with one conditional
/// <c>UPDATE … SET DigestedUtc, DigestId WHERE DigestedUtc IS NULL</c> in the same transaction as the e-mail's outbox
/// row, so a second run (or a second instance) finds nothing, and a run that fails before committing leaves them waiting.
/// </summary>
public sealed class NotificationDigest(
    AppDbContext db,
    AddresseeLookup lookup,
    Outbox outbox,
    EmailLinks links,
    NotificationSettingsLink settings,
    TimeProvider time,
    IStringLocalizer<SharedResource> localizer)
{
    /// <summary>Sends the digests due now; returns how many e-mails were queued.</summary>
    public async Task<int> SendAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var recipients = (await db.Notifications.AsNoTracking()
            .Where(n => n.Digest && n.DigestedUtc == null && n.CreatedUtc <= now)
            .Select(n => new { n.RecipientKind, n.RecipientId })
            .Distinct()
            .ToListAsync(cancellationToken))
            .Select(r => new NoticeRecipient(r.RecipientKind, r.RecipientId))
            .ToList();
        if (recipients.Count == 0)
        {
            return 0;
        }

        var addressees = await lookup.FindAsync(recipients, CultureInfo.CurrentUICulture, cancellationToken);
        // One e-mail per human: what was told to their person and to their account (HR who also takes part) together.
        var owners = recipients.GroupBy(r => addressees.TryGetValue(r, out var a) ? a.PreferencesOwner : r);
        var sent = 0;
        foreach (var owner in owners)
        {
            var to = AddresseeOf(owner.Key, [.. owner], addressees);
            sent += await SendOneAsync([.. owner], to, now, cancellationToken) ? 1 : 0;
        }

        return sent;
    }

    /// <summary>The owner's own addressee when it has an address, else any of its recipients that has one.</summary>
    private static Addressee? AddresseeOf(NoticeRecipient owner, IReadOnlyList<NoticeRecipient> recipients, Dictionary<NoticeRecipient, Addressee> addressees)
    {
        var candidates = recipients.Prepend(owner).Select(r => addressees.GetValueOrDefault(r)).OfType<Addressee>().ToList();
        return candidates.FirstOrDefault(a => !string.IsNullOrWhiteSpace(a.Email)) ?? candidates.FirstOrDefault();
    }

    private async Task<bool> SendOneAsync(IReadOnlyList<NoticeRecipient> recipients, Addressee? to, DateTime now, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var recipient in recipients)
            {
                await db.Notifications
                    .Where(n => n.RecipientKind == recipient.Kind && n.RecipientId == recipient.Id && n.Digest && n.DigestedUtc == null && n.CreatedUtc <= now)
                    .ExecuteUpdateAsync(s => s.SetProperty(n => n.DigestedUtc, now).SetProperty(n => n.DigestId, token), cancellationToken);
            }

            var claimed = await db.Notifications.AsNoTracking().Where(n => n.DigestId == token).OrderBy(n => n.CreatedUtc).ThenBy(n => n.Id).ToListAsync(cancellationToken);
            // Nobody to write to (deleted, or no address): the rows are marked all the same, they stay in the centre.
            var queued = claimed.Count > 0 && to is { Email: { } email } && !string.IsNullOrWhiteSpace(email);
            if (queued)
            {
                var content = EmailLinks.In(to!.Culture, () => settings.AddTo(Compose(to, claimed)));
                outbox.Enqueue(NoticeKinds.Digest, to.Email!.Trim(), to.Name, content);
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return queued;
        });
    }

    private EmailContent Compose(Addressee to, IReadOnlyList<Notification> notifications)
    {
        var paragraphs = new List<string> { localizer.Count("Email.Digest.Intro", notifications.Count) };
        foreach (var notification in notifications)
        {
            var lines = new List<string> { notification.Title };
            if (notification.Body.Length > 0)
            {
                lines.Add(notification.Body);
            }

            if (notification.LinkUrl is { } link)
            {
                lines.Add(links.Absolute(link));
            }

            paragraphs.Add(string.Join("\n", lines));
        }

        return new EmailContent(
            localizer.Count("Email.Digest.Subject", notifications.Count),
            localizer.Greeting(to.Name),
            paragraphs,
            localizer["Email.Digest.Action"],
            links.Absolute(NotificationSettingsLink.CentrePath),
            localizer["Email.Footer"]);
    }
}

/// <summary>Runs the digest once a day across instances (ADR 0010): at once when first seen, then every 24 hours.</summary>
public sealed class NotificationDigestJob(NotificationDigest digest, ILogger<NotificationDigestJob> logger) : IRecurringJob
{
    public string Name => "NotificationDigest";

    public TimeSpan Period => TimeSpan.FromDays(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var sent = await digest.SendAsync(cancellationToken);
        logger.LogInformation("Queued {Count} notification digests", sent);
    }
}
