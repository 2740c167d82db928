using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Reciproca.Web.Infrastructure.Startup;

/// <summary>
/// What a newcomer needs after <c>dotnet run</c>: where the application listens and how to sign in. Written to
/// the console on purpose (not only to the log), once the server listens.
/// </summary>
public sealed class StartupReport(IServer server)
{
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();

    public void Add(string line)
    {
        lock (_gate)
        {
            _lines.Add(line);
        }
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    public void Print()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var output = new System.Text.StringBuilder();
        output.AppendLine();
        output.AppendLine("==================== Reciproca ====================");
        foreach (var address in addresses)
        {
            output.AppendLine($"  Open: {address}");
        }

        foreach (var line in Lines)
        {
            output.AppendLine($"  {line}");
        }

        output.AppendLine("====================================================");
        Console.Out.Write(output.ToString());
        Console.Out.Flush();
    }
}
