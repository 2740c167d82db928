using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Reciproca.Web.Infrastructure.Web.Api;

/// <summary>
/// One use of an <c>Idempotency-Key</c> by one account (ADR 0012): the request it was sent with and, once the request
/// has succeeded, the answer that a retry gets again. While <see cref="CompletedUtc"/> is null the request is in
/// progress (the row is the placeholder that the unique index on (<see cref="UserId"/>, <see cref="Key"/>) makes
/// exclusive).
/// </summary>
public sealed class IdempotencyRecord
{
    public Guid Id { get; set; }

    /// <summary>The account that sent the key: keys of different accounts never meet.</summary>
    public Guid UserId { get; set; }

    public required string Key { get; set; }

    // The request's fingerprint: a retry must be the same request.
    public required string Method { get; set; }

    public required string Path { get; set; }

    /// <summary>SHA-256 of the raw request body, lower-case hex.</summary>
    public required string BodyHash { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime? CompletedUtc { get; set; }

    // The stored answer; only successful (2xx) answers are kept.
    public int? StatusCode { get; set; }

    public string? Location { get; set; }

    public string? ContentType { get; set; }

    public string? Body { get; set; }

    public bool IsFor(RequestFingerprint fingerprint) =>
        Method == fingerprint.Method && Path == fingerprint.Path && BodyHash == fingerprint.BodyHash;
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public const int PathLength = 2048;

    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("IdempotencyRecords");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Key).HasMaxLength(IdempotencyKeys.MaxKeyLength);
        builder.Property(r => r.Method).HasMaxLength(16);
        builder.Property(r => r.Path).HasMaxLength(PathLength);
        builder.Property(r => r.BodyHash).HasMaxLength(64);
        builder.Property(r => r.Location).HasMaxLength(PathLength);
        builder.Property(r => r.ContentType).HasMaxLength(255);
        // The race of two requests with one key is decided here: the second insert fails.
        builder.HasIndex(r => new { r.UserId, r.Key }).IsUnique();
        builder.HasIndex(r => r.CreatedUtc);
    }
}
