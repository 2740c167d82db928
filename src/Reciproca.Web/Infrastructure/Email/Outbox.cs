using System.Globalization;
using Reciproca.Web.Infrastructure.Data;

namespace Reciproca.Web.Infrastructure.Email;

/// <summary>
/// Queues e-mails in the caller's unit of work: they are written by the caller's <c>SaveChanges</c>, together with
/// the change they tell about, and the dispatcher is woken as soon as that save succeeds.
/// </summary>
public sealed class Outbox(AppDbContext db, TimeProvider time, OutboxSignal signal)
{
    private bool _listening;

    /// <summary>
    /// Renders the message in the recipient's language (the first of their languages the application speaks, else the
    /// sender's) and queues it. <paramref name="renderParts"/>, rendered in the same language, adds alternatives and
    /// attachments (a calendar invite).
    /// </summary>
    public OutboxMessage Enqueue(string kind, Recipient to, Func<EmailContent> render, Func<IEnumerable<OutboxPart>>? renderParts = null)
    {
        var culture = EmailLinks.CultureFor(to.Languages, CultureInfo.CurrentUICulture);
        var content = EmailLinks.In(culture, render);
        var parts = renderParts is null ? null : EmailLinks.In(culture, () => renderParts().ToList());
        return Enqueue(kind, to.Email, to.Name, content, parts);
    }

    /// <summary>Queues a rendered message, with <paramref name="parts"/> (alternatives, attachments) in the order given.</summary>
    public OutboxMessage Enqueue(string kind, string toAddress, string? toName, EmailContent content, IEnumerable<OutboxPart>? parts = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var message = new OutboxMessage
        {
            Kind = kind,
            ToAddress = toAddress,
            ToName = toName,
            Subject = content.Subject,
            TextBody = content.ToText(),
            HtmlBody = content.ToHtml(),
            CreatedUtc = now,
            NextAttemptUtc = now,
        };
        var position = 0;
        foreach (var part in parts ?? [])
        {
            part.MessageId = message.Id;
            part.Position = position++;
            message.Parts.Add(part);
        }

        db.OutboxMessages.Add(message);
        if (!_listening)
        {
            _listening = true;
            db.SavedChanges += (_, _) => signal.Notify();
        }

        return message;
    }
}

/// <summary>Wakes the dispatcher when a message was queued, so that it need not wait for its next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Notify()
    {
        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up sends everything that is due.
        }
    }

    /// <summary>Waits for a signal or for <paramref name="timeout"/> on <paramref name="time"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        try
        {
            await _semaphore.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed: look for due messages (retries) anyway.
        }
    }
}
