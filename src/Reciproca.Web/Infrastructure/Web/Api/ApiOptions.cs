namespace Reciproca.Web.Infrastructure.Web.Api;

/// <summary>Bound from the <c>Api</c> configuration section.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>
    /// How long an <c>Idempotency-Key</c> is remembered after its first use: a retry within it is answered from the
    /// stored outcome; after it the key is forgotten (and the hourly purge deletes the record).
    /// </summary>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(24);
}
