using System.Globalization;
using System.Text.RegularExpressions;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using Reciproca.Web.Infrastructure.Files;

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
/// Development delivery: each message becomes an <c>.eml</c> file any mail program opens, readable by the service
/// account only (<see cref="PrivateFiles"/>). Idempotent per message: the file name comes from the outbox id and
/// creation time, the file is written to a temporary name and renamed, so a file under the final name is always
/// complete, and a message handed over again (a crash after the write, before the outbox saved it as sent) finds its
/// file and counts as delivered instead of failing on "file exists". Files go after <see cref="EmailOptions.Retention"/>.
/// </summary>
public sealed partial class PickupFolderMailTransport(IOptions<EmailOptions> options, IWebHostEnvironment environment, TimeProvider time) : IMailTransport, IExpiringFiles
{
    public const string Extension = ".eml";
    public const string TemporaryExtension = ".tmp";

    /// <summary>A temporary file this old was left by a crash (a write takes milliseconds): the purge removes it.</summary>
    public static readonly TimeSpan StrayTemporaryAge = TimeSpan.FromHours(1);

    public string Folder => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.PickupFolder));

    /// <summary>The file a message is written to: the same for every attempt at the same outbox message.</summary>
    public static string FileName(Guid outboxId, DateTime createdUtc) => $"{createdUtc:yyyyMMdd'T'HHmmss}-{outboxId:N}{Extension}";

    public Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        PrivateFiles.EnsureFolder(Folder);
        return Task.FromResult<IMailSession>(new Session(Folder));
    }

    public int DeleteExpired()
    {
        if (!Directory.Exists(Folder))
        {
            return 0;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var deleted = 0;
        foreach (var file in Directory.EnumerateFiles(Folder))
        {
            var name = Path.GetFileName(file);
            var expired = name.EndsWith(TemporaryExtension, StringComparison.Ordinal)
                ? File.GetLastWriteTimeUtc(file) < now - StrayTemporaryAge
                : name.EndsWith(Extension, StringComparison.Ordinal) && WrittenUtc(file, name) < now - options.Value.Retention;
            if (expired)
            {
                File.Delete(file);
                deleted++;
            }
        }

        return deleted;
    }

    // The creation time in the name is the outbox's clock; a file named otherwise (copied in by hand) goes by its own date.
    private static DateTime WrittenUtc(string file, string name) =>
        PickupName().Match(name) is { Success: true } match
            ? DateTime.ParseExact(match.Groups["created"].Value, "yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)
            : File.GetLastWriteTimeUtc(file);

    [GeneratedRegex(@"^(?<created>\d{8}T\d{6})-[0-9a-f]{32}\.eml$")]
    private static partial Regex PickupName();

    private sealed class Session(string folder) : IMailSession
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            // The Message-Id carries the outbox id: a file can be traced back to its row, and the name is stable.
            var id = message.MessageId?.Split('@')[0] is { } local && Guid.TryParseExact(local, "N", out var parsed) ? parsed
                : throw new InvalidOperationException($"A pickup message needs the outbox id in its Message-Id, not '{message.MessageId}'.");
            var final = Path.Combine(folder, FileName(id, message.Date.UtcDateTime));
            var temporary = final + TemporaryExtension;
            if (File.Exists(final))
            {
                // Delivered before a crash: the file under the final name is complete (it only ever gets there by rename).
                File.Delete(temporary);
                return;
            }

            // CRLF line ends, as on the wire (RFC 5322): mail programs open the file exactly as they would receive it.
            var format = FormatOptions.Default.Clone();
            format.NewLineFormat = NewLineFormat.Dos;
            await using (var file = PrivateFiles.Create(temporary))
            {
                await message.WriteToAsync(format, file, cancellationToken);
                // On disk before the rename: after a power cut the final name never holds half a message.
                file.Flush(flushToDisk: true);
            }

            try
            {
                File.Move(temporary, final, overwrite: false);
            }
            catch (IOException) when (File.Exists(final))
            {
                // Another attempt at the same message won the rename: its file is as complete as ours.
                File.Delete(temporary);
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
