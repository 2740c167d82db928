namespace Reciproca.Web.Features.Sessions;

/// <summary>
/// Wall-clock times in a zone and the UTC instants they are. Occurrences of a series are computed from the local date
/// and time in the series' zone, never by adding weeks to a UTC instant: 09:00 in Rome is 08:00Z in winter and 07:00Z
/// in summer, and the series must stay at 09:00 for the people who live there.
/// </summary>
public static class SessionClock
{
    public const string DefaultZone = "Europe/Rome";

    public const int MaxOccurrences = 52;

    /// <summary>The zone of an IANA (or Windows) id, or null when this machine knows no such zone.</summary>
    public static TimeZoneInfo? Zone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    /// <summary>
    /// The instant of a wall-clock time. A time the spring change skips (02:30 on the last Sunday of March in Rome) is
    /// read as the same time after the jump; a time the autumn change repeats is its first (summer) instance.
    /// </summary>
    public static DateTime ToUtc(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        if (zone.IsAmbiguousTime(local))
        {
            var offset = zone.GetAmbiguousTimeOffsets(local).Max();
            return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    public static DateTime ToLocal(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    /// <summary>
    /// The starts (UTC) the rule of a series gives, at most <paramref name="limit"/>: every
    /// <paramref name="intervalWeeks"/> weeks from the first, <paramref name="count"/> times or until
    /// <paramref name="untilUtc"/> (inclusive); one start for a one-off.
    /// </summary>
    public static List<DateTime> Starts(DateOnly date, TimeOnly time, TimeZoneInfo zone, int intervalWeeks, int? count, DateTime? untilUtc, int limit = MaxOccurrences + 1)
    {
        var starts = new List<DateTime>();
        for (var k = 0; starts.Count < limit; k++)
        {
            if (intervalWeeks <= 0 && k > 0 || count is { } n && k >= n)
            {
                break;
            }

            var start = ToUtc(date.AddDays(7 * intervalWeeks * k), time, zone);
            if (untilUtc is { } until && start > until)
            {
                break;
            }

            starts.Add(start);
        }

        return starts;
    }

    /// <summary>The end of <paramref name="until"/> in <paramref name="zone"/>: the last instant an "until" date includes.</summary>
    public static DateTime EndOfDayUtc(DateOnly until, TimeZoneInfo zone) => ToUtc(until.AddDays(1), TimeOnly.MinValue, zone).AddSeconds(-1);
}
