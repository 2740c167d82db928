using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Email;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests.Email;

/// <summary>
/// Messages with alternatives and attachments (a calendar invite): stored with the message, rebuilt as
/// <c>multipart/mixed</c> { <c>multipart/alternative</c> { text, HTML, calendar }, attachments }, 7-bit on the wire,
/// identical through the pickup folder and through SMTP, and purged with their message.
/// </summary>
public abstract class OutboxPartsTests(AppFixture fixture)
{
    // RFC 5545: CRLF line ends, a folded long line, an accented summary.
    private const string Invite =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Reciproca//Test//IT\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n" +
        "UID:0193b1e2-7d3c-7000-8000-000000000001@reciproca.example\r\nDTSTAMP:20261128T090000Z\r\n" +
        "DTSTART:20261203T140000Z\r\nDTEND:20261203T150000Z\r\nSUMMARY:Primo incontro: la reciprocità\r\n" +
        "DESCRIPTION:Un incontro di un'ora per conoscersi\\, fissare gli obiettivi del patto e scegliere il\r\n  prossimo appuntamento.\r\n" +
        "ORGANIZER;CN=Reciproca:mailto:reciproca@reciproca.local\r\nATTENDEE;CN=Giulia Rossi;RSVP=TRUE:mailto:giulia.rossi@example.test\r\n" +
        "END:VEVENT\r\nEND:VCALENDAR\r\n";

    private static readonly byte[] _binary = [.. Enumerable.Range(0, 256).Select(i => (byte)i), .. "%PDF-1.7 tail"u8.ToArray()];

    private ReciprocaFactory Factory => fixture.Require();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_calendar_invite_goes_as_an_alternative_and_as_an_attachment_through_the_pickup_folder()
    {
        await ResetAsync();
        await Factory.TakeMailAsync();
        var id = await EnqueueInviteAsync();

        Assert.Equal(1, await Factory.DeliverMailAsync());
        var file = Assert.Single(Directory.GetFiles(Factory.MailFolder, "*.eml"));
        // Transport-safe as written, parts included: 7-bit bytes only.
        var raw = await File.ReadAllBytesAsync(file, Cancel);
        Assert.All(raw, b => Assert.True(b < 128, "8-bit byte in the message file"));
        var text = Encoding.ASCII.GetString(raw);
        Assert.Equal(text.Count(c => c == '\n'), text.Split("\r\n").Length - 1);
        Assert.All(text.Split("\r\n"), line => Assert.True(line.Length <= 998, $"line of {line.Length} characters"));
        var mail = await MimeMessage.LoadAsync(file, Cancel);
        AssertInvite(mail, id);
        File.Delete(file);
    }

    [Fact]
    public async Task A_calendar_invite_arrives_whole_over_smtp()
    {
        await ResetAsync();
        var id = await EnqueueInviteAsync();
        await using var smtp = await SmtpCapture.StartAsync(Cancel);
        var options = Factory.Services.GetRequiredService<IOptions<EmailOptions>>().Value;
        var smtpOptions = Options.Create(new EmailOptions
        {
            Delivery = EmailDelivery.Smtp,
            FromAddress = options.FromAddress,
            FromName = options.FromName,
            Smtp = new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port, Security = MailKit.Security.SecureSocketOptions.None },
        });

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var processor = new OutboxProcessor(
                scope.ServiceProvider.GetRequiredService<AppDbContext>(), new SmtpMailTransport(smtpOptions), Factory.Time, smtpOptions,
                scope.ServiceProvider.GetRequiredService<Reciproca.Web.Infrastructure.Jobs.InstanceIdentity>(), NullLogger<OutboxProcessor>.Instance);
            Assert.Equal(1, await processor.SendDueAsync(Cancel));
        }

        var received = await smtp.Received.Reader.ReadAsync(Cancel).AsTask().WaitAsync(TimeSpan.FromSeconds(60), Cancel);
        AssertInvite(received.Message, id);
        Assert.NotNull((await Factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id, Cancel))).SentUtc);
    }

    [Fact]
    public async Task A_message_without_parts_keeps_its_text_and_html_alternative_only()
    {
        await ResetAsync();
        await Factory.TakeMailAsync();
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<Outbox>().Enqueue("Test", "plain@example.test", null, Content());
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync(Cancel);
        }

        var mail = Assert.Single(await Factory.TakeMailAsync());
        var alternative = Assert.IsType<MultipartAlternative>(mail.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Empty(mail.Attachments);
    }

    [Fact]
    public async Task Parts_are_stored_in_order_and_purged_with_their_message()
    {
        await ResetAsync();
        var id = await EnqueueInviteAsync();
        var parts = await Factory.WithDbAsync(db => db.OutboxParts.AsNoTracking().Where(p => p.MessageId == id).OrderBy(p => p.Kind).ThenBy(p => p.Position).ToListAsync(Cancel));
        Assert.Equal(
            [(OutboxPartKind.Alternative, 0, "text/calendar; method=REQUEST; charset=utf-8", (string?)null), (OutboxPartKind.Attachment, 1, "text/calendar; method=REQUEST; charset=utf-8", "invito.ics"), (OutboxPartKind.Attachment, 2, "application/pdf", "agenda.pdf")],
            parts.Select(p => (p.Kind, p.Position, p.ContentType, p.FileName)));
        Assert.Equal(Encoding.UTF8.GetBytes(Invite), parts[0].Content);
        Assert.Equal(_binary, parts[2].Content);

        Assert.Equal(1, await Factory.DeliverMailAsync());
        Factory.Time.Advance(Factory.Services.GetRequiredService<IOptions<EmailOptions>>().Value.Retention + TimeSpan.FromMinutes(1));
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<OutboxProcessor>().PurgeAsync(Cancel));
        }

        Assert.Equal(0, await Factory.WithDbAsync(db => db.OutboxParts.CountAsync(Cancel)));
    }

    [Fact]
    public void A_text_part_must_have_a_text_type()
    {
        Assert.Throws<ArgumentException>(() => OutboxPart.Alternative("application/ics", Invite));
        Assert.Equal("text/calendar; method=REQUEST; charset=utf-8", OutboxPart.Alternative("text/calendar; method=REQUEST; charset=iso-8859-1", Invite).ContentType);
    }

    private static void AssertInvite(MimeMessage mail, Guid id)
    {
        Assert.Equal(id, Guid.ParseExact((mail.MessageId ?? "").Split('@')[0], "N"));
        var mixed = Assert.IsType<Multipart>(mail.Body);
        Assert.Equal("multipart/mixed", mixed.ContentType.MimeType);
        Assert.Equal(3, mixed.Count);

        var alternative = Assert.IsType<MultipartAlternative>(mixed[0]);
        Assert.Equal(["text/plain", "text/html", "text/calendar"], alternative.Select(p => p.ContentType.MimeType));
        var calendar = Assert.IsType<TextPart>(alternative[2]);
        Assert.Equal("REQUEST", calendar.ContentType.Parameters["method"]);
        Assert.Null(calendar.ContentDisposition);
        // MimeKit hands decoded text back with local line ends; on the wire every line ends in CRLF (checked on the file).
        Assert.Equal(Lines(Invite), Lines(calendar.Text));
        Assert.Equal(Lines(Content().ToText()), Lines(mail.TextBody));
        Assert.Equal(Lines(Content().ToHtml()), Lines(mail.HtmlBody));

        var ics = Assert.IsType<TextPart>(mixed[1]);
        Assert.Equal("text/calendar", ics.ContentType.MimeType);
        Assert.Equal("REQUEST", ics.ContentType.Parameters["method"]);
        Assert.True(ics.IsAttachment);
        Assert.Equal("invito.ics", ics.FileName);
        Assert.Equal(Lines(Invite), Lines(ics.Text));

        // Every text part is 7-bit (quoted-printable where it needs to be, as the bodies always were); binary is base64.
        Assert.All(
            alternative.Cast<MimePart>().Append(ics),
            part => Assert.Contains(part.ContentTransferEncoding, new[] { ContentEncoding.SevenBit, ContentEncoding.QuotedPrintable }));
        Assert.Equal(ContentEncoding.QuotedPrintable, calendar.ContentTransferEncoding);

        var pdf = Assert.IsType<MimePart>(mixed[2]);
        Assert.Equal("application/pdf", pdf.ContentType.MimeType);
        Assert.Equal("agenda.pdf", pdf.FileName);
        Assert.True(pdf.IsAttachment);
        Assert.Equal(ContentEncoding.Base64, pdf.ContentTransferEncoding);
        using var decoded = new MemoryStream();
        Assert.NotNull(pdf.Content);
        pdf.Content.DecodeTo(decoded);
        Assert.Equal(_binary, decoded.ToArray());

        Assert.Equal(["invito.ics", "agenda.pdf"], mail.Attachments.Select(a => a.ContentDisposition?.FileName));
    }

    private static string Lines(string? text) => (text ?? "<null>").ReplaceLineEndings("\n").TrimEnd('\n');

    private static EmailContent Content() => new(
        "Invito: primo incontro",
        "Ciao Giulia,",
        ["il primo incontro con Marco è fissato per giovedì 3 dicembre alle 15:00.", string.Concat(Enumerable.Repeat("La reciprocità conta. ", 40))],
        "Apri la coppia",
        "https://reciproca.example/Programmes/Pair/1",
        "Reciproca");

    /// <summary>Queues an invite with the calendar as an alternative, the same calendar as an .ics file, and a binary file.</summary>
    private async Task<Guid> EnqueueInviteAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var recipient = new Recipient("giulia.rossi@example.test", "Giulia Rossi", ["it"]);
        var message = scope.ServiceProvider.GetRequiredService<Outbox>().Enqueue("SessionInvite", recipient, Content, () =>
        [
            OutboxPart.Alternative("text/calendar; method=REQUEST", Invite),
            OutboxPart.Attachment("invito.ics", "text/calendar; method=REQUEST", Invite),
            OutboxPart.Attachment("agenda.pdf", "application/pdf", _binary),
        ]);
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync(Cancel);
        return message.Id;
    }

    private Task<int> ResetAsync() => Factory.WithDbAsync(db => db.OutboxMessages.ExecuteDeleteAsync(Cancel));
}

public sealed class OutboxPartsSqliteTests(SqliteAppFixture fixture) : OutboxPartsTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class OutboxPartsPostgresTests(PostgresAppFixture fixture) : OutboxPartsTests(fixture), IClassFixture<PostgresAppFixture>;
