using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Jobs;

namespace Reciproca.Web.Infrastructure.Email;

/// <summary>
/// Sends what is due, once. A batch is first claimed with one conditional UPDATE (a lease): two instances polling
/// at the same moment claim disjoint rows, because the database re-checks the condition on each row it
/// updates (the shared claim of <see cref="Leases"/>). A message whose sender died is taken over when its lease runs
/// out, or at once when that sender starts again (it releases its own claims). A message may thus be handed to the
/// transport twice (sent, then a crash before the save): the pickup folder then keeps the file it has, and over SMTP
/// both copies carry the same <c>Message-ID</c>, made from the outbox id. See ADR 0008, ADR 0010 and ADR 0014.
/// </summary>
public sealed class OutboxProcessor(
    AppDbContext db, IMailTransport transport, TimeProvider time, IOptions<EmailOptions> options, InstanceIdentity instance, ILogger<OutboxProcessor> logger)
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

    /// <summary>The due batch, leased to this instance (<see cref="Leases"/>), oldest due first, with its parts.</summary>
    private Task<List<OutboxMessage>> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return Leases.ClaimAsync(
            db.OutboxMessages,
            m => m.SentUtc == null && m.FailedUtc == null && m.NextAttemptUtc <= now,
            m => m.Id,
            m => m.NextAttemptUtc,
            BatchSize,
            now,
            Lease,
            instance.Name,
            cancellationToken,
            claimed => claimed.Include(m => m.Parts));
    }

    private Task ReleaseAsync(IReadOnlyList<OutboxMessage> messages) => Leases.ReleaseAsync(db, messages);

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

    /// <summary>
    /// <c>multipart/alternative</c> { text, HTML, further alternatives } and, with attachments, all of it inside
    /// <c>multipart/mixed</c> { alternative, attachments }. Text parts (alternatives and text attachments alike) are
    /// left to the 7-bit preparation below; binary attachments are base64.
    /// </summary>
    private MimeMessage ToMime(OutboxMessage message)
    {
        var settings = options.Value;
        var alternative = new MultipartAlternative { Text("plain", message.TextBody), Text("html", message.HtmlBody) };
        var parts = message.Parts.OrderBy(p => p.Position).ToList();
        foreach (var part in parts.Where(p => p.Kind == OutboxPartKind.Alternative))
        {
            alternative.Add(ToEntity(part));
        }

        MimeEntity body = alternative;
        if (parts.Any(p => p.Kind == OutboxPartKind.Attachment))
        {
            var mixed = new Multipart("mixed") { alternative };
            foreach (var part in parts.Where(p => p.Kind == OutboxPartKind.Attachment))
            {
                mixed.Add(ToEntity(part));
            }

            body = mixed;
        }

        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Date = new DateTimeOffset(message.CreatedUtc, TimeSpan.Zero),
            MessageId = $"{message.Id:N}@{MailboxAddress.Parse(settings.FromAddress).Domain}",
            Body = body,
        };
        mime.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        mime.To.Add(new MailboxAddress(message.ToName ?? "", message.ToAddress));
        // Quoted-printable, short lines: accented names and long paragraphs arrive intact through any server or file.
        mime.Prepare(EncodingConstraint.SevenBit);
        return mime;
    }

    private static TextPart Text(string subtype, string text)
    {
        var part = new TextPart(subtype);
        part.SetText(Encoding.UTF8, text);
        return part;
    }

    private static MimePart ToEntity(OutboxPart part)
    {
        var type = ContentType.Parse(part.ContentType);
        MimePart entity;
        if (type.IsMimeType("text", "*"))
        {
            // Stored as UTF-8 (OutboxPart); set as text so that the 7-bit preparation picks quoted-printable as for the bodies.
            var text = new TextPart(type.MediaSubtype);
            foreach (var parameter in type.Parameters)
            {
                text.ContentType.Parameters[parameter.Name] = parameter.Value;
            }

            text.SetText(Encoding.UTF8, Encoding.UTF8.GetString(part.Content));
            entity = text;
        }
        else
        {
            entity = new MimePart(type)
            {
                Content = new MimeContent(new MemoryStream(part.Content, writable: false)),
                ContentTransferEncoding = ContentEncoding.Base64,
            };
        }

        if (part.Kind == OutboxPartKind.Attachment)
        {
            entity.ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = part.FileName };
        }

        return entity;
    }
}
