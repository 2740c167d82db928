using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Reciproca.Web.Features.Sessions;

/// <summary>A person as a calendar names them: ORGANIZER or ATTENDEE.</summary>
public sealed record CalendarParty(Guid PersonId, string Name, string? Email, string? TimeZone = null);

/// <summary>What an event says besides its times: already localised for the reader.</summary>
public sealed record EventText(string Summary, string Description);

/// <summary>
/// iCalendar objects of sessions (RFC 5545, iTIP RFC 5546), built with Ical.Net: a series is one VEVENT with its UID,
/// its RRULE and its SEQUENCE; an occurrence that was moved or cancelled on its own is a second VEVENT of the same UID
/// with a RECURRENCE-ID (its original start). Times are written in the series' zone with its VTIMEZONE, so that every
/// calendar shows the same instant and keeps the wall-clock time across daylight saving.
/// </summary>
public static class SessionCalendar
{
    public const string ProductId = "-//Reciproca//Sessions//EN";
    public const string Request = "REQUEST";
    public const string Cancel = "CANCEL";

    /// <summary>The whole event as it now is (METHOD:REQUEST): the master and its overrides.</summary>
    public static string Invite(SeriesData series, DateTime stampUtc) =>
        Serialise(Request, [series], stampUtc, cancelled: null);

    /// <summary>
    /// METHOD:CANCEL, same UID, the raised SEQUENCE: the whole event when the series is cancelled, else one VEVENT per
    /// cancelled occurrence with its RECURRENCE-ID and STATUS:CANCELLED.
    /// </summary>
    public static string Cancellation(SeriesData series, IReadOnlyCollection<Session> cancelled, DateTime stampUtc) =>
        Serialise(Cancel, [series], stampUtc, cancelled);

    /// <summary>A subscription feed (no METHOD): every series with its overrides, cancelled ones as STATUS:CANCELLED.</summary>
    public static string Feed(IReadOnlyList<SeriesData> series, DateTime stampUtc) =>
        Serialise(method: null, series, stampUtc, cancelled: null);

    private static string Serialise(string? method, IReadOnlyList<SeriesData> all, DateTime stampUtc, IReadOnlyCollection<Session>? cancelled)
    {
        var calendar = new Calendar { ProductId = ProductId };
        if (method is not null)
        {
            calendar.Method = method;
        }

        foreach (var zone in all.Select(s => s.Series.TimeZoneId).Distinct(StringComparer.Ordinal))
        {
            var earliest = all.Where(s => s.Series.TimeZoneId == zone).Min(s => s.Series.StartDate).ToDateTime(TimeOnly.MinValue);
            calendar.AddTimeZone(VTimeZone.FromDateTimeZone(zone, earliest.AddYears(-1), includeHistoricalData: false));
        }

        var stamp = new CalDateTime(DateTime.SpecifyKind(stampUtc, DateTimeKind.Utc));
        foreach (var data in all)
        {
            var series = data.Series;
            if (method == Cancel && !series.Cancelled)
            {
                foreach (var occurrence in cancelled!)
                {
                    calendar.Events.Add(Occurrence(data, occurrence, stamp));
                }

                continue;
            }

            calendar.Events.Add(Master(data, stamp));
            if (method == Cancel || !series.Repeats)
            {
                continue;
            }

            foreach (var occurrence in data.Occurrences.Where(o => o.IsOverride(series)).OrderBy(o => o.OriginalStartUtc))
            {
                calendar.Events.Add(Occurrence(data, occurrence, stamp));
            }
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? throw new InvalidOperationException("Ical.Net wrote no calendar.");
    }

    private static CalendarEvent Master(SeriesData data, CalDateTime stamp)
    {
        var series = data.Series;
        var start = series.StartDate.ToDateTime(series.StartTime);
        var first = data.Occurrences.Where(o => o.Status == SessionStatus.Scheduled).OrderBy(o => o.OriginalStartUtc).FirstOrDefault();
        var master = Event(data, Local(start, series), Local(start.AddMinutes(series.DurationMinutes), series), series.Cancelled, first, stamp);
        if (series.Repeats)
        {
            var rule = new RecurrencePattern(FrequencyType.Weekly, series.IntervalWeeks);
            if (series.Count is { } count)
            {
                rule.Count = count;
            }
            else if (series.UntilUtc is { } until)
            {
                // Beside a DTSTART with a TZID, UNTIL is written in UTC (RFC 5545, 3.3.10).
                rule.Until = new CalDateTime(DateTime.SpecifyKind(until, DateTimeKind.Utc));
            }

            master.RecurrenceRule = rule;
        }

        return master;
    }

    private static CalendarEvent Occurrence(SeriesData data, Session occurrence, CalDateTime stamp)
    {
        var series = data.Series;
        var zone = SessionClock.Zone(series.TimeZoneId)!;
        var change = Event(data, Local(SessionClock.ToLocal(occurrence.StartUtc, zone), series), Local(SessionClock.ToLocal(occurrence.EndUtc, zone), series),
            occurrence.Status == SessionStatus.Cancelled, occurrence, stamp);
        change.RecurrenceIdentifier = new RecurrenceIdentifier(Local(SessionClock.ToLocal(occurrence.OriginalStartUtc, zone), series), null);
        return change;
    }

    private static CalendarEvent Event(SeriesData data, CalDateTime start, CalDateTime end, bool cancelled, Session? answers, CalDateTime stamp)
    {
        var series = data.Series;
        var link = series.Mode == SessionMode.Remote ? series.MeetingUrl : null;
        var calendarEvent = new CalendarEvent
        {
            Uid = series.Uid,
            Sequence = series.Sequence,
            DtStamp = stamp,
            DtStart = start,
            DtEnd = end,
            Summary = data.Text.Summary,
            Description = data.Text.Description,
            Location = link ?? series.Location,
            Status = cancelled ? "CANCELLED" : "CONFIRMED",
        };
        if (link is not null)
        {
            calendarEvent.Url = new Uri(link);
        }

        if (data.Organiser.Email is { } organiser)
        {
            calendarEvent.Organizer = new Organizer($"mailto:{organiser}") { CommonName = data.Organiser.Name };
        }

        foreach (var (party, answer) in new[] { (data.DigitalMentor, answers?.DigitalMentorAnswer), (data.ExperienceMentor, answers?.ExperienceMentorAnswer) })
        {
            if (party.Email is { } email)
            {
                calendarEvent.Attendees.Add(new Attendee($"mailto:{email}")
                {
                    CommonName = party.Name,
                    Role = "REQ-PARTICIPANT",
                    ParticipationStatus = answer switch { AttendanceAnswer.Accepted => "ACCEPTED", AttendanceAnswer.Declined => "DECLINED", _ => "NEEDS-ACTION" },
                });
            }
        }

        return calendarEvent;
    }

    private static CalDateTime Local(DateTime local, SessionSeries series) =>
        new(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), series.TimeZoneId, hasTime: true);
}

/// <summary>A series with its occurrences, its people and its localised text: everything one VEVENT group needs.</summary>
public sealed record SeriesData(SessionSeries Series, IReadOnlyList<Session> Occurrences, CalendarParty Organiser, CalendarParty DigitalMentor, CalendarParty ExperienceMentor, EventText Text);
