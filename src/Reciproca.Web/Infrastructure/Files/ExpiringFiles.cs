namespace Reciproca.Web.Infrastructure.Files;

/// <summary>Files this instance keeps on its own disk that must go once they expire (pickup e-mails, import uploads).</summary>
public interface IExpiringFiles
{
    /// <summary>Deletes what has expired; returns how many items (a message, an upload) went.</summary>
    int DeleteExpired();
}

/// <summary>
/// Runs every <see cref="IExpiringFiles"/> at start and then hourly, on each instance. Not a recurring job of
/// <c>Infrastructure/Jobs</c>: those run once per period across all instances, and each instance has its own disk.
/// </summary>
internal sealed class ExpiringFilesPurge(IEnumerable<IExpiringFiles> stores, TimeProvider time, ILogger<ExpiringFilesPurge> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var store in stores)
            {
                try
                {
                    var deleted = store.DeleteExpired();
                    logger.LogDebug("Deleted {Count} expired files of {Store}", deleted, store.GetType().Name);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    // A file in use or a folder gone: the next period tries again, and one store does not stop the others.
                    logger.LogWarning(exception, "Expired files of {Store} could not be deleted", store.GetType().Name);
                }
            }

            await Task.Delay(Period, time, stoppingToken);
        }
    }
}
