using Microsoft.Extensions.Options;

namespace Reciproca.Web.Infrastructure.Email;

/// <summary>
/// Sends queued e-mails in the background: at once when woken by a new message, and at each poll for retries. The
/// retention purge is a recurring job (<see cref="OutboxPurgeJob"/>).
/// </summary>
public sealed class OutboxDispatcher(IServiceScopeFactory scopes, OutboxSignal signal, TimeProvider time, IOptions<EmailOptions> options, ILogger<OutboxDispatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
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
