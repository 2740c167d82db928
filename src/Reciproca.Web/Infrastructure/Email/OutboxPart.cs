using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MimeKit;

namespace Reciproca.Web.Infrastructure.Email;

public enum OutboxPartKind
{
    /// <summary>Another rendering of the message beside its text and HTML (a <c>text/calendar; method=REQUEST</c> invite).</summary>
    Alternative,

    /// <summary>A file attached to the message (the same invite as an <c>.ics</c> file).</summary>
    Attachment,
}

/// <summary>
/// A MIME part of an <see cref="OutboxMessage"/> besides its text and HTML bodies, stored with the message (a child
/// row, deleted with it). The content is kept as bytes with its full content type (parameters such as
/// <c>method=REQUEST</c> and the charset included), so that the processor rebuilds exactly the part that was queued.
/// </summary>
public sealed class OutboxPart
{
    public const int ContentTypeLength = 200;
    public const int FileNameLength = 255;

    private static readonly char[] _special = [' ', '(', ')', '<', '>', '@', ',', ';', ':', '\\', '"', '/', '[', ']', '?', '='];

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid MessageId { get; set; }

    public OutboxPartKind Kind { get; set; }

    /// <summary>The part's place in the order it was queued in (alternatives and attachments keep their own order).</summary>
    public int Position { get; set; }

    /// <summary>A MIME content type with its parameters, e.g. <c>text/calendar; method=REQUEST; charset=utf-8</c>.</summary>
    public required string ContentType { get; set; }

    /// <summary>The file name an attachment is saved under; none for an alternative.</summary>
    public string? FileName { get; set; }

    public required byte[] Content { get; set; }

    /// <summary>An alternative rendering in text (UTF-8): e.g. <c>Alternative("text/calendar; method=REQUEST", ics)</c>.</summary>
    public static OutboxPart Alternative(string contentType, string text) =>
        new() { Kind = OutboxPartKind.Alternative, ContentType = WithUtf8(contentType), Content = Encoding.UTF8.GetBytes(text) };

    /// <summary>A text file (UTF-8), e.g. <c>Attachment("invite.ics", "text/calendar; method=REQUEST", ics)</c>.</summary>
    public static OutboxPart Attachment(string fileName, string contentType, string text) =>
        new() { Kind = OutboxPartKind.Attachment, ContentType = WithUtf8(contentType), FileName = fileName, Content = Encoding.UTF8.GetBytes(text) };

    /// <summary>A binary file, sent base64-encoded.</summary>
    public static OutboxPart Attachment(string fileName, string contentType, byte[] content) =>
        new() { Kind = OutboxPartKind.Attachment, ContentType = Format(MimeKit.ContentType.Parse(contentType)), FileName = fileName, Content = content };

    // Text is stored as UTF-8 bytes: the content type says so, or the bytes could not be read back.
    private static string WithUtf8(string contentType)
    {
        var parsed = MimeKit.ContentType.Parse(contentType);
        if (!parsed.IsMimeType("text", "*"))
        {
            throw new ArgumentException($"'{contentType}' is not a text type: pass the content as bytes.", nameof(contentType));
        }

        parsed.Charset = "utf-8";
        return Format(parsed);
    }

    // The value of a Content-Type header (ContentType.ToString() writes the header name too), parameters quoted as
    // RFC 2045 asks when they hold special characters.
    private static string Format(MimeKit.ContentType type)
    {
        var text = new StringBuilder(type.MimeType);
        foreach (var parameter in type.Parameters)
        {
            var value = parameter.Value.IndexOfAny(_special) >= 0 ? $"\"{parameter.Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"" : parameter.Value;
            text.Append("; ").Append(parameter.Name).Append('=').Append(value);
        }

        return text.ToString();
    }
}

internal sealed class OutboxPartConfiguration : IEntityTypeConfiguration<OutboxPart>
{
    public void Configure(EntityTypeBuilder<OutboxPart> builder)
    {
        builder.ToTable("OutboxParts");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.ContentType).HasMaxLength(OutboxPart.ContentTypeLength);
        builder.Property(p => p.FileName).HasMaxLength(OutboxPart.FileNameLength);
        // Deleted with their message by the database, so that the retention purge (one DELETE) removes them too.
        builder.HasOne<OutboxMessage>().WithMany(m => m.Parts).HasForeignKey(p => p.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.MessageId, p.Kind, p.Position });
    }
}
