using Microsoft.Extensions.Options;
using Reciproca.Web.Infrastructure.Jobs;

namespace Reciproca.Web.Infrastructure.DueWork;

/// <summary>
/// Polls for due items on every instance (ADR 0020): at start it releases the claims this instance held when it stopped,
/// then handles batches until nothing is due and waits one poll interval (<see cref="JobsOptions.PollInterval"/>).
/// </summary>
public sealed class DueWorkDispatcher(DueWorkProcessor processor, TimeProvider time, IOptions<JobsOptions> options, ILogger<DueWorkDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var released = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!released)
                {
                    await processor.ReleaseOwnClaimsAsync(stoppingToken);
                    released = true;
                }

                await processor.RunAllDueAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The database may be briefly unavailable: log and look again at the next poll, never stop.
                logger.LogError(exception, "Due work could not be handled");
            }

            await Task.Delay(options.Value.PollInterval, time, stoppingToken);
        }
    }
}
