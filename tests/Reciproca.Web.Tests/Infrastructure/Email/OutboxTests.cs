using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Email;
using Reciproca.Web.Infrastructure.Jobs;
using Reciproca.Web.Tests.Email;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests;

/// <summary>
/// The e-mail outbox (ADR 0008): each message sent exactly once however many instances poll, retried with back-off
/// and then given up, taken over from a dead instance when its lease runs out, written whole to the pickup folder.
/// </summary>
public abstract class OutboxTests(AppFixture fixture)
{
    private const string RejectedError = "550 5.1.1 Mailbox unavailable (test)";
    private const string UnreachableError = "Connection refused (test)";

    private ReciprocaFactory Factory => fixture.Require();

    private DateTime Now => Factory.Time.GetUtcNow().UtcDateTime;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // A bound, not a wait: a lease left behind would make the instances poll for ever on the fake clock.
    [Fact(Timeout = 120_000)]
    public async Task Concurrent_instances_send_each_message_exactly_once()
    {
        var cancel = TestContext.Current.CancellationToken;
        await ResetAsync();
        var addresses = await EnqueueAsync(150, "burst");
        var transports = Enumerable.Range(0, 3).Select(_ => new FakeTransport()).ToArray();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Each instance has its own scope and DbContext (its own connection), like separate servers, and keeps
        // polling until nothing is left unsent: a message may still be in another instance's hands when its own
        // claim comes back empty.
        async Task RunInstanceAsync(FakeTransport transport)
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var processor = NewProcessor(scope, transport);
            await start.Task;
            while (await processor.SendDueAsync(cancel) > 0 || await db.OutboxMessages.AnyAsync(m => m.SentUtc == null && m.FailedUtc == null, cancel))
            {
                await Task.Yield();
            }
        }

        var instances = transports.Select(t => Task.Run(() => RunInstanceAsync(t), cancel)).ToArray();
        start.SetResult();
        await Task.WhenAll(instances);

        var sent = transports.SelectMany(t => t.Sent).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine($"Sent per instance: {string.Join(", ", transports.Select(t => t.Sent.Count))}");
        Assert.Equal(addresses.Count, sent.Count);
        var byId = sent.ToDictionary(OutboxId);
        Assert.Equal(addresses.Keys.Order(), byId.Keys.Order());
        Assert.All(byId, pair => Assert.Equal(addresses[pair.Key], Assert.Single(pair.Value.To.Mailboxes).Address));
        var rows = await Factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().ToListAsync(cancel));
        Assert.Equal(addresses.Count, rows.Count);
        Assert.All(rows, row =>
        {
            Assert.NotNull(row.SentUtc);
            Assert.Null(row.ClaimToken);
            Assert.Null(row.ClaimedUntilUtc);
            Assert.Equal(1, row.Attempts);
            Assert.Equal(DeliveryStatus.Sent, row.Status);
        });
    }

    [Fact]
    public async Task A_rejected_message_is_retried_with_back_off_then_given_up()
    {
        await ResetAsync();
        var id = (await EnqueueAsync(1, "retry")).Keys.Single();
        var transport = new FakeTransport { Rejects = true };
        var maxAttempts = Factory.Services.GetRequiredService<IOptions<EmailOptions>>().Value.MaxAttempts;
        Assert.Equal(8, maxAttempts);

        var firstTry = Now;
        Assert.Equal(1, await SendOnceAsync(transport));
        var row = await LoadAsync(id);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(RejectedError, row.LastError);
        Assert.Equal(firstTry.AddMinutes(1), row.NextAttemptUtc);
        Assert.Null(row.SentUtc);
        Assert.Null(row.FailedUtc);
        Assert.Null(row.ClaimToken);
        Assert.Null(row.ClaimedUntilUtc);

        // Not due yet: not even tried.
        Assert.Equal(0, await SendOnceAsync(transport));
        Factory.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await SendOnceAsync(transport));
        Assert.Equal(1, transport.Attempts);

        // Each failure doubles the wait: 2, 4, 8 ... minutes.
        for (var attempt = 2; attempt < maxAttempts; attempt++)
        {
            Factory.Time.Advance(row.NextAttemptUtc - Now);
            Assert.Equal(1, await SendOnceAsync(transport));
            row = await LoadAsync(id);
            Assert.Equal(attempt, row.Attempts);
            Assert.Equal(Now.AddMinutes(Math.Pow(2, attempt - 1)), row.NextAttemptUtc);
            Assert.Equal(DeliveryStatus.Queued, row.Status);
        }

        Factory.Time.Advance(row.NextAttemptUtc - Now);
        Assert.Equal(1, await SendOnceAsync(transport));
        row = await LoadAsync(id);
        Assert.Equal(maxAttempts, row.Attempts);
        Assert.Equal(Now, row.FailedUtc);
        Assert.Null(row.SentUtc);
        Assert.Equal(DeliveryStatus.Failed, row.Status);
        Assert.Equal(maxAttempts, transport.Attempts);

        // Given up: never tried again, even once the server accepts mail.
        transport.Rejects = false;
        Factory.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await SendOnceAsync(transport));
        Assert.Equal(maxAttempts, transport.Attempts);
        Assert.Empty(transport.Sent);
    }

    [Fact]
    public async Task A_processor_that_keeps_its_unit_of_work_releases_each_claim_it_makes()
    {
        await ResetAsync();
        var id = (await EnqueueAsync(1, "reused")).Keys.Single();
        var transport = new FakeTransport { Rejects = true };
        await using var scope = Factory.Services.CreateAsyncScope();
        var processor = NewProcessor(scope, transport);

        Assert.Equal(1, await processor.SendDueAsync(Cancel));
        Factory.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await processor.SendDueAsync(Cancel));

        // The second failure released its claim too: the retry is due after 2 minutes, not after the 5-minute lease.
        var row = await LoadAsync(id);
        Assert.Equal((2, (Guid?)null, (DateTime?)null), (row.Attempts, row.ClaimToken, row.ClaimedUntilUtc));
        transport.Rejects = false;
        Factory.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await processor.SendDueAsync(Cancel));
        row = await LoadAsync(id);
        Assert.Equal(DeliveryStatus.Sent, row.Status);
        Assert.Null(row.ClaimToken);
    }

    [Fact]
    public async Task Sent_and_abandoned_messages_are_deleted_after_the_retention_period_and_queued_ones_never()
    {
        await ResetAsync();
        var retention = Factory.Services.GetRequiredService<IOptions<EmailOptions>>().Value.Retention;
        var sent = (await EnqueueAsync(2, "kept-then-purged")).Keys.ToList();
        Assert.Equal(2, await SendOnceAsync(new FakeTransport()));
        var abandoned = (await EnqueueAsync(1, "abandoned")).Keys.Single();
        await Factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == abandoned)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.FailedUtc, Now).SetProperty(m => m.Attempts, 8), Cancel));
        Factory.Time.Advance(retention - TimeSpan.FromMinutes(1));
        var queued = (await EnqueueAsync(1, "still-queued")).Keys.Single();
        await Factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == queued)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.NextAttemptUtc, Now.AddDays(365)), Cancel));

        Assert.Equal(0, await PurgeAsync());

        Factory.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(3, await PurgeAsync());
        var left = await Factory.WithDbAsync(db => db.OutboxMessages.Select(m => m.Id).ToListAsync(Cancel));
        Assert.Equal([queued], left);
        Assert.DoesNotContain(sent[0], left);
    }

    private async Task<int> PurgeAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await NewProcessor(scope, new FakeTransport()).PurgeAsync(Cancel);
    }

    [Fact]
    public async Task An_unreachable_server_fails_the_whole_batch_and_loses_nothing()
    {
        await ResetAsync();
        var addresses = await EnqueueAsync(3, "down");
        var down = new FakeTransport { Unreachable = true };

        var firstTry = Now;
        Assert.Equal(3, await SendOnceAsync(down));
        var rows = await Factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().ToListAsync(Cancel));
        Assert.Equal(3, rows.Count);
        Assert.All(rows, row =>
        {
            Assert.Equal(1, row.Attempts);
            Assert.Equal(UnreachableError, row.LastError);
            Assert.Equal(firstTry.AddMinutes(1), row.NextAttemptUtc);
            Assert.Null(row.SentUtc);
            Assert.Null(row.FailedUtc);
            Assert.Null(row.ClaimToken);
            Assert.Null(row.ClaimedUntilUtc);
        });
        Assert.Equal(0, await SendOnceAsync(down));
        Assert.Equal(1, down.Opened);
        Assert.Equal(0, down.Attempts);

        var up = new FakeTransport();
        Factory.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(3, await SendOnceAsync(up));
        Assert.Equal(addresses.Keys.Order(), up.Sent.Select(OutboxId).Order());
        rows = await Factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().ToListAsync(Cancel));
        Assert.All(rows, row =>
        {
            Assert.Equal(Now, row.SentUtc);
            Assert.Equal(2, row.Attempts);
            Assert.Null(row.LastError);
        });
    }

    [Fact]
    public async Task A_message_claimed_by_a_dead_instance_is_sent_once_its_lease_runs_out()
    {
        await ResetAsync();
        var id = (await EnqueueAsync(1, "lease")).Keys.Single();
        // An instance claimed it and died before sending: its lease stands until it runs out.
        var deadToken = (Guid?)Guid.NewGuid();
        var leaseEnds = (DateTime?)(Now + OutboxProcessor.Lease);
        await Factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimToken, deadToken).SetProperty(m => m.ClaimedUntilUtc, leaseEnds), Cancel));
        var transport = new FakeTransport();

        Assert.Equal(0, await SendOnceAsync(transport));
        Factory.Time.Advance(OutboxProcessor.Lease - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await SendOnceAsync(transport));
        Assert.Empty(transport.Sent);
        Assert.Equal(deadToken, (await LoadAsync(id)).ClaimToken);

        Factory.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await SendOnceAsync(transport));
        Assert.Equal(0, await SendOnceAsync(transport));
        Assert.Equal(id, OutboxId(Assert.Single(transport.Sent)));
        var row = await LoadAsync(id);
        Assert.Equal(Now, row.SentUtc);
        Assert.Null(row.ClaimToken);
        Assert.Null(row.ClaimedUntilUtc);
        Assert.Equal(1, row.Attempts);
    }

    [Fact]
    public async Task The_pickup_folder_receives_one_complete_eml_per_message()
    {
        await ResetAsync();
        await Factory.TakeMailAsync();
        var content = new EmailContent(
            "Benvenuta in «Digitale insieme»",
            "Ciao Giulia,",
            ["sei stata invitata al programma \"Digitale insieme\": è un percorso di sei incontri.", "Una nota di HR\nsu due righe.", string.Concat(Enumerable.Repeat("Perché la reciprocità conta. ", 60))],
            "Accetta l'invito",
            "https://reciproca.example/invito?code=a1&lang=it",
            "Reciproca — reverse mentoring");
        var options = Factory.Services.GetRequiredService<IOptions<EmailOptions>>().Value;

        Guid id;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            id = scope.ServiceProvider.GetRequiredService<Outbox>().Enqueue("Test", "giulia.rossi@example.test", "Giulia Rossi", content).Id;
            // Part of the caller's unit of work: nothing is written before the caller saves.
            Assert.False(await Factory.WithDbAsync(other => other.OutboxMessages.AnyAsync(m => m.Id == id, Cancel)));
            await db.SaveChangesAsync(Cancel);
        }

        Assert.Equal(1, await Factory.DeliverMailAsync());
        Assert.Equal(0, await Factory.DeliverMailAsync());

        Assert.Empty(Directory.GetFiles(Factory.MailFolder, "*.tmp"));
        var file = Assert.Single(Directory.GetFiles(Factory.MailFolder));
        Assert.EndsWith(".eml", file, StringComparison.Ordinal);
        // Transport-safe as written: 7-bit and lines within RFC 5322's limit, whatever the accents and paragraph lengths.
        var raw = await File.ReadAllBytesAsync(file, Cancel);
        Assert.All(raw, b => Assert.True(b < 128, "8-bit byte in the message file"));
        var text = System.Text.Encoding.ASCII.GetString(raw);
        Assert.Equal(text.Count(c => c == '\n'), text.Split("\r\n").Length - 1);
        Assert.All(text.Split("\r\n"), line => Assert.True(line.Length <= 998, $"line of {line.Length} characters"));
        var mail = await MimeMessage.LoadAsync(file, Cancel);
        var to = Assert.Single(mail.To.Mailboxes);
        Assert.Equal("giulia.rossi@example.test", to.Address);
        Assert.Equal("Giulia Rossi", to.Name);
        var from = Assert.Single(mail.From.Mailboxes);
        Assert.Equal(options.FromAddress, from.Address);
        Assert.Equal(options.FromName, from.Name);
        Assert.Equal(content.Subject, mail.Subject);
        Assert.Equal(id, OutboxId(mail));
        Assert.Equal(Lines(content.ToText()), Lines(mail.TextBody));
        Assert.Equal(Lines(content.ToHtml()), Lines(mail.HtmlBody));
        Assert.Contains("https://reciproca.example/invito?code=a1&lang=it", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Una nota di HR<br>su due righe.", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(Now, (await LoadAsync(id)).SentUtc);

        Assert.Single(await Factory.TakeMailAsync());
        Assert.Empty(Directory.GetFiles(Factory.MailFolder));
    }

    private static string Lines(string? text) => (text ?? "<null>").ReplaceLineEndings("\n").TrimEnd('\n');

    /// <summary>The outbox id carried in the Message-Id.</summary>
    internal static Guid OutboxId(MimeMessage message) => Guid.ParseExact((message.MessageId ?? "").Split('@')[0], "N");

    private Task<int> ResetAsync() => Factory.WithDbAsync(db => db.OutboxMessages.ExecuteDeleteAsync(Cancel));

    /// <summary>Queues <paramref name="count"/> messages through the outbox; returns their addresses by id.</summary>
    private async Task<Dictionary<Guid, string>> EnqueueAsync(int count, string tag)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var addresses = new Dictionary<Guid, string>();
        for (var i = 1; i <= count; i++)
        {
            var address = $"{tag}-{i}@example.test";
            var content = new EmailContent($"Message {i}", $"Hello {i},", ["A test message."], null, null, "Reciproca");
            addresses.Add(outbox.Enqueue("Test", address, $"Person {i}", content).Id, address);
        }

        await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync(Cancel);
        return addresses;
    }

    private OutboxProcessor NewProcessor(AsyncServiceScope scope, IMailTransport transport) => new(
        scope.ServiceProvider.GetRequiredService<AppDbContext>(),
        transport,
        Factory.Time,
        scope.ServiceProvider.GetRequiredService<IOptions<EmailOptions>>(),
        scope.ServiceProvider.GetRequiredService<InstanceIdentity>(),
        NullLogger<OutboxProcessor>.Instance);

    /// <summary>One pass with a scope of its own, as the dispatcher makes it.</summary>
    private async Task<int> SendOnceAsync(IMailTransport transport)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await NewProcessor(scope, transport).SendDueAsync(Cancel);
    }

    private Task<OutboxMessage> LoadAsync(Guid id) => Factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id, Cancel));

    /// <summary>Records what it is given (from several threads at once), or fails as a mail server does.</summary>
    private sealed class FakeTransport : IMailTransport
    {
        private readonly ConcurrentQueue<MimeMessage> _sent = new();
        private int _opened;
        private int _attempts;

        public bool Unreachable { get; set; }

        public bool Rejects { get; set; }

        public IReadOnlyCollection<MimeMessage> Sent => _sent;

        public int Opened => Volatile.Read(ref _opened);

        public int Attempts => Volatile.Read(ref _attempts);

        public Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _opened);
            return Unreachable ? Task.FromException<IMailSession>(new IOException(UnreachableError)) : Task.FromResult<IMailSession>(new Session(this));
        }

        private sealed class Session(FakeTransport transport) : IMailSession
        {
            public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref transport._attempts);
                // Lets the other instances run between two sends, as network I/O would.
                await Task.Yield();
                if (transport.Rejects)
                {
                    throw new InvalidOperationException(RejectedError);
                }

                transport._sent.Enqueue(message);
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}

public sealed class OutboxSqliteTests(SqliteAppFixture fixture) : OutboxTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class OutboxPostgresTests(PostgresAppFixture fixture) : OutboxTests(fixture), IClassFixture<PostgresAppFixture>;

/// <summary>
/// Real SMTP: MailKit to an in-process SMTP server, sent by the background dispatcher. The fake clock never moves,
/// so the dispatcher's poll never fires: only the outbox's signal can wake it.
/// </summary>
public sealed class OutboxSmtpTests
{
    [Fact]
    public async Task The_background_dispatcher_sends_over_smtp_as_soon_as_a_message_is_saved()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var smtp = await SmtpCapture.StartAsync(cancel);
        await using var factory = new ReciprocaFactory(Engine.Sqlite, new Dictionary<string, string?>
        {
            ["Email:Delivery"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:FromAddress"] = "mentoring@azienda.example",
            ["Email:FromName"] = "Reciproca Azienda",
            ["Email:SendInBackground"] = "true",
        });
        var clock = factory.Time.GetUtcNow();
        _ = factory.Server;

        var firstId = await EnqueueAsync(factory, "anna.bianchi@example.test", "Anna Bianchi", "Il tuo primo incontro");
        var first = await smtp.Received.Reader.ReadAsync(cancel).AsTask().WaitAsync(TimeSpan.FromSeconds(60), cancel);
        AssertReceived(first, firstId, "anna.bianchi@example.test", "Anna Bianchi", "Il tuo primo incontro");

        // Saved after the dispatcher had claimed (and sent) the first one: only a new wake-up sends it.
        var secondId = await EnqueueAsync(factory, "marco.verdi@example.test", null, "Promemoria: autovalutazione");
        var second = await smtp.Received.Reader.ReadAsync(cancel).AsTask().WaitAsync(TimeSpan.FromSeconds(60), cancel);
        AssertReceived(second, secondId, "marco.verdi@example.test", "", "Promemoria: autovalutazione");

        Assert.Equal(clock, factory.Time.GetUtcNow());
        var firstRow = await factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == firstId, cancel));
        Assert.NotNull(firstRow.SentUtc);
        Assert.Equal(1, firstRow.Attempts);
        Assert.False(smtp.Received.Reader.TryRead(out _));
    }

    private static void AssertReceived(ReceivedMail received, Guid id, string toAddress, string toName, string subject)
    {
        Assert.Equal(toAddress, Assert.Single(received.EnvelopeTo));
        Assert.Equal("mentoring@azienda.example", received.EnvelopeFrom);
        var to = Assert.Single(received.Message.To.Mailboxes);
        Assert.Equal(toAddress, to.Address);
        Assert.Equal(toName, to.Name ?? "");
        var from = Assert.Single(received.Message.From.Mailboxes);
        Assert.Equal("mentoring@azienda.example", from.Address);
        Assert.Equal("Reciproca Azienda", from.Name);
        Assert.Equal(subject, received.Message.Subject);
        Assert.Equal(id, OutboxTests.OutboxId(received.Message));
        Assert.Contains("Un messaggio di prova.", received.Message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Un messaggio di prova.", received.Message.HtmlBody, StringComparison.Ordinal);
    }

    private static async Task<Guid> EnqueueAsync(ReciprocaFactory factory, string toAddress, string? toName, string subject)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var content = new EmailContent(subject, "Ciao,", ["Un messaggio di prova."], null, null, "Reciproca");
        var id = scope.ServiceProvider.GetRequiredService<Outbox>().Enqueue("Test", toAddress, toName, content).Id;
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync(TestContext.Current.CancellationToken);
        return id;
    }
}
