using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Reciproca.Web.Infrastructure.Data;

/// <summary>Reads a stored instant back as UTC (see <see cref="SqliteAppDbContext"/>); writes it unchanged.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value,
    stored => DateTime.SpecifyKind(stored, DateTimeKind.Utc));
