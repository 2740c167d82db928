using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Reciproca.Web.Infrastructure.Email;

/// <summary>Where messages go. A session may carry several messages (one SMTP connection per batch).</summary>
public interface IMailTransport
{
    Task<IMailSession> OpenAsync(CancellationToken cancellationToken);
}

public interface IMailSession : IAsyncDisposable
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>Real SMTP with MailKit: TLS as configured, authentication when a user name is set.</summary>
public sealed class SmtpMailTransport(IOptions<EmailOptions> options) : IMailTransport
{
    public async Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password, cancellationToken);
            }

            return new Session(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private sealed class Session(SmtpClient client) : IMailSession
    {
        public Task SendAsync(MimeMessage message, CancellationToken cancellationToken) => client.SendAsync(message, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit: true);
                }
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}

/// <summary>
/// Development delivery: each message becomes an <c>.eml</c> file any mail program opens. Written to a temporary
/// name and then renamed, so that a reader never sees half a message.
/// </summary>
public sealed class PickupFolderMailTransport(IOptions<EmailOptions> options, IWebHostEnvironment environment) : IMailTransport
{
    public string Folder => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.PickupFolder));

    public Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        return Task.FromResult<IMailSession>(new Session(Folder));
    }

    private sealed class Session(string folder) : IMailSession
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            // The Message-Id carries the outbox id: a file can be traced back to its row.
            var id = message.MessageId?.Split('@')[0] is { Length: > 0 } local && local.All(char.IsAsciiLetterOrDigit) ? local : Guid.NewGuid().ToString("N");
            var name = $"{message.Date.UtcDateTime:yyyyMMdd'T'HHmmss}-{id}.eml";
            var temporary = Path.Combine(folder, name + ".tmp");
            // CRLF line ends, as on the wire (RFC 5322): mail programs open the file exactly as they would receive it.
            var format = FormatOptions.Default.Clone();
            format.NewLineFormat = NewLineFormat.Dos;
            await message.WriteToAsync(format, temporary, cancellationToken);
            File.Move(temporary, Path.Combine(folder, name));
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
