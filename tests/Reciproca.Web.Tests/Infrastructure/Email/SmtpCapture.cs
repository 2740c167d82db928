using System.Buffers;
using System.Net;
using System.Threading.Channels;
using MimeKit;
using SmtpServer;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpServerHost = SmtpServer.SmtpServer;
using SmtpServiceProvider = SmtpServer.ComponentModel.ServiceProvider;

namespace Reciproca.Web.Tests.Email;

/// <summary>What the SMTP server was given: the envelope and the message, parsed.</summary>
public sealed record ReceivedMail(string EnvelopeFrom, IReadOnlyList<string> EnvelopeTo, MimeMessage Message);

/// <summary>An in-process SMTP server on a free loopback port that keeps every message it receives, parsed.</summary>
public sealed class SmtpCapture : IAsyncDisposable
{
    private readonly SmtpServerHost _server;
    private readonly Task _running;

    private SmtpCapture(SmtpServerHost server, Task running, int port, Channel<ReceivedMail> received)
    {
        (_server, _running, Port, Received) = (server, running, port, received);
    }

    public int Port { get; }

    public Channel<ReceivedMail> Received { get; }

    public static async Task<SmtpCapture> StartAsync(CancellationToken cancellationToken)
    {
        var received = Channel.CreateUnbounded<ReceivedMail>();
        // Port 0: the system picks a free port, which the listener reports once it listens.
        var listeners = new EndpointListenerFactory();
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        listeners.EndpointStarted += (_, e) => listening.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);
        var services = new SmtpServiceProvider();
        services.Add(new Store(received));
        services.Add(listeners);
        var server = new SmtpServerHost(new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, 0))).Build(), services);
        var running = server.StartAsync(CancellationToken.None);
        var port = await listening.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        return new SmtpCapture(server, running, port, received);
    }

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _running.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
    }

    private sealed class Store(Channel<ReceivedMail> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            var envelopeTo = transaction.To.Select(m => $"{m.User}@{m.Host}").ToList();
            received.Writer.TryWrite(new ReceivedMail($"{transaction.From.User}@{transaction.From.Host}", envelopeTo, message));
            return SmtpResponse.Ok;
        }
    }
}
