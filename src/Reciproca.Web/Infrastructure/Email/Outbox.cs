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
    /// sender's) and queues it.
    /// </summary>
    public OutboxMessage Enqueue(string kind, Recipient to, Func<EmailContent> render) =>
        Enqueue(kind, to.Email, to.Name, EmailLinks.In(EmailLinks.CultureFor(to.Languages, CultureInfo.CurrentUICulture), render));

    public OutboxMessage Enqueue(string kind, string toAddress, string? toName, EmailContent content)
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
