using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Reciproca.Web.Infrastructure.Data;

namespace Reciproca.Web.Infrastructure.Email;

/// <summary>
/// Sends what is due, once. A batch is first claimed with one conditional UPDATE (a lease): two instances polling
/// at the same moment claim disjoint rows, because the database re-checks the condition on each row it
/// updates. A message whose sender died is taken over when its lease runs out. See ADR 0008.
/// </summary>
public sealed class OutboxProcessor(AppDbContext db, IMailTransport transport, TimeProvider time, IOptions<EmailOptions> options, ILogger<OutboxProcessor> logger)
{
    public const int BatchSize = 50;

    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>Claims and sends one batch; returns how many messages it tried.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var claimed = await ClaimAsync(cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        IMailSession? session = null;
        try
        {
            session = await transport.OpenAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "The mail server is unreachable; {Count} messages will be retried", claimed.Count);
            foreach (var message in claimed)
            {
                RecordFailure(message, exception);
            }

            await ReleaseAsync(claimed);
            return claimed.Count;
        }

        await using (session)
        {
            foreach (var message in claimed)
            {
                try
                {
                    await session.SendAsync(ToMime(message), cancellationToken);
                    message.SentUtc = time.GetUtcNow().UtcDateTime;
                    message.Attempts++;
                    message.LastError = null;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogWarning(exception, "Sending {Kind} message {Id} failed", message.Kind, message.Id);
                    RecordFailure(message, exception);
                }

                // Saved one by one: a crash after a send repeats at most that one message.
                await ReleaseAsync([message]);
            }
        }

        return claimed.Count;
    }

    /// <summary>
    /// Deletes the messages sent or given up longer ago than <see cref="EmailOptions.Retention"/>: an e-mail carries
    /// names and links, and once it has left (or never will) keeping it only keeps personal data. Queued messages are
    /// never deleted.
    /// </summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - options.Value.Retention;
        return await db.OutboxMessages
            .Where(m => (m.SentUtc != null && m.SentUtc < cutoff) || (m.FailedUtc != null && m.FailedUtc < cutoff))
            .ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<List<OutboxMessage>> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.SentUtc == null && m.FailedUtc == null && m.NextAttemptUtc <= now && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now))
            .OrderBy(m => m.NextAttemptUtc)
            .Select(m => m.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return [];
        }

        var token = Guid.NewGuid();
        var until = now + Lease;
        await db.OutboxMessages
            .Where(m => due.Contains(m.Id) && m.SentUtc == null && m.FailedUtc == null && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntilUtc, until).SetProperty(m => m.ClaimToken, token), cancellationToken);
        return await db.OutboxMessages.Where(m => m.ClaimToken == token).OrderBy(m => m.NextAttemptUtc).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Saves the outcome and gives the claim up. Then forgets the rows: the next claim reads its rows back after an
    /// <c>ExecuteUpdate</c>, which bypasses the change tracker, so a row still tracked from this pass would come back
    /// stale (without its new claim) and its release would never be saved.
    /// </summary>
    private async Task ReleaseAsync(IReadOnlyList<OutboxMessage> messages)
    {
        foreach (var message in messages)
        {
            message.ClaimedUntilUtc = null;
            message.ClaimToken = null;
        }

        await db.SaveChangesAsync(CancellationToken.None);
        foreach (var message in messages)
        {
            db.Entry(message).State = EntityState.Detached;
        }
    }

    private void RecordFailure(OutboxMessage message, Exception exception)
    {
        var now = time.GetUtcNow().UtcDateTime;
        message.Attempts++;
        message.LastError = exception.Message.Length > 2000 ? exception.Message[..2000] : exception.Message;
        if (message.Attempts >= options.Value.MaxAttempts)
        {
            message.FailedUtc = now;
        }
        else
        {
            // 1, 2, 4, 8 ... minutes, at most six hours: a mail server that is down for a while is waited for.
            message.NextAttemptUtc = now + TimeSpan.FromMinutes(Math.Min(360, Math.Pow(2, message.Attempts - 1)));
        }
    }

    private MimeMessage ToMime(OutboxMessage message)
    {
        var settings = options.Value;
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Date = new DateTimeOffset(message.CreatedUtc, TimeSpan.Zero),
            MessageId = $"{message.Id:N}@{MailboxAddress.Parse(settings.FromAddress).Domain}",
            Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody(),
        };
        mime.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        mime.To.Add(new MailboxAddress(message.ToName ?? "", message.ToAddress));
        // Quoted-printable, short lines: accented names and long paragraphs arrive intact through any server or file.
        mime.Prepare(EncodingConstraint.SevenBit);
        return mime;
    }
}
