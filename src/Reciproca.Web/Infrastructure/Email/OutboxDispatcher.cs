using Microsoft.Extensions.Options;

namespace Reciproca.Web.Infrastructure.Email;

/// <summary>Sends queued e-mails in the background: at once when woken by a new message, and at each poll for retries.</summary>
public sealed class OutboxDispatcher(IServiceScopeFactory scopes, OutboxSignal signal, TimeProvider time, IOptions<EmailOptions> options, ILogger<OutboxDispatcher> logger)
    : BackgroundService
{
    private static readonly TimeSpan _purgeEvery = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastPurge = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                int tried;
                do
                {
                    await using var scope = scopes.CreateAsyncScope();
                    tried = await scope.ServiceProvider.GetRequiredService<OutboxProcessor>().SendDueAsync(stoppingToken);
                }
                while (tried == OutboxProcessor.BatchSize && !stoppingToken.IsCancellationRequested);

                if (time.GetUtcNow() - lastPurge >= _purgeEvery)
                {
                    // Idempotent, so several instances purging at once is harmless.
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<OutboxProcessor>().PurgeAsync(stoppingToken);
                    lastPurge = time.GetUtcNow();
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The database may be briefly unavailable: log and try again at the next poll, never stop sending.
                logger.LogError(exception, "The e-mail outbox could not be processed");
            }

            await signal.WaitAsync(options.Value.PollInterval, time, stoppingToken);
        }
    }
}
