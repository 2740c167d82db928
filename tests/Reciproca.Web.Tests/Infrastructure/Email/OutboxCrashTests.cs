using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Email;
using Reciproca.Web.Infrastructure.Jobs;
using Reciproca.Web.Tests.Email;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests;

/// <summary>
/// The outbox across a crash (ADR 0014): a message handed to the transport and not yet saved as sent is neither lost
/// nor reported as not delivered; the claims of the instance that crashed are released when it starts again; the
/// pickup folder is private and purged. Each crash is staged in the database and on disk, then the application
/// starts again on the same database.
/// </summary>
public abstract class OutboxCrashTests(Engine engine)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private ReciprocaFactory NewFactory(IDictionary<string, string?>? settings = null, string? connectionString = null)
    {
        if (engine == Engine.Postgres)
        {
            TestEnvironment.PostgresConnectionString();
        }

        return new ReciprocaFactory(engine, settings, connectionString);
    }

    [Fact]
    public async Task A_message_written_to_the_pickup_folder_just_before_a_crash_counts_as_delivered_after_the_restart()
    {
        await using var crashed = NewFactory();
        var id = await EnqueueAsync(crashed, "marta.riva@officine.example");
        // The file was written and renamed, then the process died before the outbox saved the message as sent.
        var rendered = await RenderAsync(crashed, id);
        var other = await EnqueueAsync(crashed, "luca.sala@officine.example");
        await using (var session = await crashed.Services.GetRequiredService<IMailTransport>().OpenAsync(Cancel))
        {
            await session.SendAsync(rendered, Cancel);
        }

        var file = Path.Combine(crashed.MailFolder, PickupFolderMailTransport.FileName(id, await CreatedAsync(crashed, id)));
        var written = await File.ReadAllBytesAsync(file, Cancel);
        var instance = crashed.Services.GetRequiredService<InstanceIdentity>().Name;
        await ClaimAsync(crashed, id, instance);
        // Another instance, alive, holds the other message: its claim is not ours to release.
        await ClaimAsync(crashed, other, "another-instance");

        await using var restarted = NewFactory(new Dictionary<string, string?> { ["Email:PickupFolder"] = crashed.MailFolder }, crashed.ConnectionString);

        Assert.Equal(1, await restarted.DeliverMailAsync());
        var row = await LoadAsync(restarted, id);
        Assert.Equal((DeliveryStatus.Sent, 1, (string?)null, (string?)null, (Guid?)null), (row.Status, row.Attempts, row.LastError, row.ClaimedBy, row.ClaimToken));
        Assert.Equal([file], Directory.GetFiles(crashed.MailFolder));
        Assert.Equal(written, await File.ReadAllBytesAsync(file, Cancel));
        var untouched = await LoadAsync(restarted, other);
        Assert.Equal((DeliveryStatus.Queued, "another-instance", 0), (untouched.Status, untouched.ClaimedBy, untouched.Attempts));
    }

    [Fact]
    public async Task A_temporary_file_left_by_a_crash_during_the_write_is_replaced_by_the_complete_message()
    {
        await using var factory = NewFactory();
        var id = await EnqueueAsync(factory, "elena.conti@officine.example");
        var name = PickupFolderMailTransport.FileName(id, await CreatedAsync(factory, id));
        Directory.CreateDirectory(factory.MailFolder);
        await File.WriteAllTextAsync(Path.Combine(factory.MailFolder, name + ".tmp"), "From: half a mess", Cancel);

        Assert.Equal(1, await factory.DeliverMailAsync());

        Assert.Equal([name], Directory.GetFiles(factory.MailFolder).Select(Path.GetFileName));
        var mail = await MimeMessage.LoadAsync(Path.Combine(factory.MailFolder, name), Cancel);
        Assert.Equal("elena.conti@officine.example", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Contains("Un messaggio di prova.", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(DeliveryStatus.Sent, (await LoadAsync(factory, id)).Status);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Pickup_files_and_their_folder_are_readable_by_the_service_account_only()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        await using var factory = NewFactory();
        // A stray temporary file with wide rights: rewriting it must not keep them.
        var id = await EnqueueAsync(factory, "paolo.neri@officine.example");
        var name = PickupFolderMailTransport.FileName(id, await CreatedAsync(factory, id));
        Directory.CreateDirectory(factory.MailFolder);
        var stray = Path.Combine(factory.MailFolder, name + ".tmp");
        await File.WriteAllTextAsync(stray, "partial", Cancel);
        File.SetUnixFileMode(stray, (UnixFileMode)0b110_110_110);
        File.SetUnixFileMode(factory.MailFolder, (UnixFileMode)0b111_101_101);

        Assert.Equal(1, await factory.DeliverMailAsync());

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(factory.MailFolder));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(factory.MailFolder, name)));
    }

    [Fact]
    public async Task Pickup_files_go_after_the_retention_period_and_stray_temporary_files_after_an_hour()
    {
        await using var factory = NewFactory();
        var id = await EnqueueAsync(factory, "giorgio.fontana@officine.example");
        Assert.Equal(1, await factory.DeliverMailAsync());
        var now = factory.Time.GetUtcNow().UtcDateTime;
        var old = Path.Combine(factory.MailFolder, "20261128T070000-" + Guid.NewGuid().ToString("N") + ".eml.tmp");
        var recent = Path.Combine(factory.MailFolder, "20261128T085000-" + Guid.NewGuid().ToString("N") + ".eml.tmp");
        await File.WriteAllTextAsync(old, "crashed two hours ago", Cancel);
        await File.WriteAllTextAsync(recent, "being written", Cancel);
        File.SetLastWriteTimeUtc(old, now.AddHours(-2));
        File.SetLastWriteTimeUtc(recent, now.AddMinutes(-10));
        var pickup = factory.Services.GetRequiredService<PickupFolderMailTransport>();
        var retention = factory.Services.GetRequiredService<IOptions<EmailOptions>>().Value.Retention;
        var eml = Path.Combine(factory.MailFolder, PickupFolderMailTransport.FileName(id, await CreatedAsync(factory, id)));

        Assert.Equal(1, pickup.DeleteExpired());
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(recent));

        factory.Time.Advance(retention - TimeSpan.FromMinutes(1));
        Assert.Equal(1, pickup.DeleteExpired());
        Assert.Equal([eml], Directory.GetFiles(factory.MailFolder));

        factory.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, pickup.DeleteExpired());
        Assert.Empty(Directory.GetFiles(factory.MailFolder));
        Assert.Contains(factory.Services.GetServices<Reciproca.Web.Infrastructure.Files.IExpiringFiles>(), store => ReferenceEquals(store, pickup));
    }

    [Fact]
    public async Task A_message_sent_over_smtp_again_after_a_crash_carries_the_same_message_id()
    {
        await using var smtp = await SmtpCapture.StartAsync(Cancel);
        var settings = new Dictionary<string, string?>
        {
            ["Email:Delivery"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:FromAddress"] = "mentoring@officine.example",
        };
        await using var crashed = NewFactory(settings);
        var id = await EnqueueAsync(crashed, "sara.galli@officine.example");
        Assert.Equal(1, await crashed.DeliverMailAsync());
        var first = await smtp.Received.Reader.ReadAsync(Cancel).AsTask().WaitAsync(TimeSpan.FromSeconds(60), Cancel);
        // Accepted by the server, then the process died before the outbox saved it as sent.
        await crashed.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentUtc, (DateTime?)null).SetProperty(m => m.Attempts, 0), Cancel));
        await ClaimAsync(crashed, id, crashed.Services.GetRequiredService<InstanceIdentity>().Name);

        await using var restarted = NewFactory(settings, crashed.ConnectionString);
        Assert.Equal(1, await restarted.DeliverMailAsync());
        var again = await smtp.Received.Reader.ReadAsync(Cancel).AsTask().WaitAsync(TimeSpan.FromSeconds(60), Cancel);

        Assert.Equal($"{id:N}@officine.example", first.Message.MessageId);
        Assert.Equal(first.Message.MessageId, again.Message.MessageId);
        Assert.Equal(DeliveryStatus.Sent, (await LoadAsync(restarted, id)).Status);
    }

    [Fact]
    public async Task A_recurring_job_claimed_before_a_crash_runs_at_the_restart_not_after_its_lease()
    {
        await using var crashed = NewFactory();
        var host = crashed.Services.GetRequiredService<RecurringJobHost>();
        var jobs = await host.RunDueAsync(Cancel);
        Assert.Contains("OutboxPurge", jobs);
        Assert.Contains("IdempotencyPurge", jobs);
        var now = crashed.Time.GetUtcNow().UtcDateTime;
        var instance = crashed.Services.GetRequiredService<InstanceIdentity>().Name;
        // Both due again and claimed, one by this instance as it died, one by another instance that is still running.
        await crashed.WithDbAsync(db => db.RecurringJobs.Where(j => j.Name == "OutboxPurge").ExecuteUpdateAsync(s => s
            .SetProperty(j => j.NextDueUtc, now).SetProperty(j => j.ClaimToken, Guid.NewGuid()).SetProperty(j => j.ClaimedUntilUtc, now.AddMinutes(15)).SetProperty(j => j.ClaimedBy, instance), Cancel));
        await crashed.WithDbAsync(db => db.RecurringJobs.Where(j => j.Name == "IdempotencyPurge").ExecuteUpdateAsync(s => s
            .SetProperty(j => j.NextDueUtc, now).SetProperty(j => j.ClaimToken, Guid.NewGuid()).SetProperty(j => j.ClaimedUntilUtc, now.AddMinutes(15)).SetProperty(j => j.ClaimedBy, "another-instance"), Cancel));

        await using var restarted = NewFactory(connectionString: crashed.ConnectionString);
        restarted.Time.SetUtcNow(crashed.Time.GetUtcNow());

        Assert.Equal(["OutboxPurge"], await restarted.Services.GetRequiredService<RecurringJobHost>().RunDueAsync(Cancel));
    }

    private static async Task<Guid> EnqueueAsync(ReciprocaFactory factory, string to)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var content = new EmailContent("Promemoria", "Ciao,", ["Un messaggio di prova."], null, null, "Reciproca");
        var id = scope.ServiceProvider.GetRequiredService<Outbox>().Enqueue("Test", to, null, content).Id;
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync(Cancel);
        return id;
    }

    /// <summary>The message as the processor hands it to the transport (a pass whose save never happened).</summary>
    private static async Task<MimeMessage> RenderAsync(ReciprocaFactory factory, Guid id)
    {
        var capture = new CapturingTransport();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var processor = ActivatorUtilities.CreateInstance<OutboxProcessor>(scope.ServiceProvider, capture);
            Assert.Equal(1, await processor.SendDueAsync(Cancel));
        }

        // Back to queued, as the database was before the crashed pass.
        await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentUtc, (DateTime?)null).SetProperty(m => m.Attempts, 0), Cancel));
        return Assert.Single(capture.Sent);
    }

    private static Task<int> ClaimAsync(ReciprocaFactory factory, Guid id, string claimant)
    {
        var until = (DateTime?)factory.Time.GetUtcNow().UtcDateTime.Add(OutboxProcessor.Lease);
        return factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.ClaimToken, Guid.NewGuid()).SetProperty(m => m.ClaimedUntilUtc, until).SetProperty(m => m.ClaimedBy, claimant), Cancel));
    }

    private static Task<DateTime> CreatedAsync(ReciprocaFactory factory, Guid id) =>
        factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == id).Select(m => m.CreatedUtc).SingleAsync(Cancel));

    private static Task<OutboxMessage> LoadAsync(ReciprocaFactory factory, Guid id) =>
        factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id, Cancel));

    private sealed class CapturingTransport : IMailTransport
    {
        public List<MimeMessage> Sent { get; } = [];

        public Task<IMailSession> OpenAsync(CancellationToken cancellationToken) => Task.FromResult<IMailSession>(new Session(this));

        private sealed class Session(CapturingTransport transport) : IMailSession
        {
            public Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
            {
                transport.Sent.Add(message);
                return Task.CompletedTask;
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}

public sealed class OutboxCrashSqliteTests() : OutboxCrashTests(Engine.Sqlite);

public sealed class OutboxCrashPostgresTests() : OutboxCrashTests(Engine.Postgres);
