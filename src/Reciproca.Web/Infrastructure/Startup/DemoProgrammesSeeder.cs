namespace Reciproca.Web.Infrastructure.Startup;

/// <summary>Seeds the demo programmes into the demo organisation (once).</summary>
internal sealed class DemoProgrammesSeeder
{
    public Task RunAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
