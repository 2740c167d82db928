using Reciproca.Web.Features.Sessions;

namespace Reciproca.Web.Tests.Features.Sessions;

/// <summary>Issue 11: a series at 09:00 in Rome stays at 09:00 there across both daylight-saving changes, and is 08:00 in London.</summary>
public sealed class SessionClockTests
{
    private static readonly TimeZoneInfo _rome = SessionClock.Zone("Europe/Rome")!;
    private static readonly TimeZoneInfo _london = SessionClock.Zone("Europe/London")!;

    [Fact]
    public void A_weekly_series_keeps_its_wall_clock_time_across_the_march_change()
    {
        var starts = SessionClock.Starts(new DateOnly(2027, 3, 22), new TimeOnly(9, 0), _rome, 1, 2, null);

        // 28 March 2027: Europe moves to summer time; the UTC instant moves, the local time does not.
        Assert.Equal([Utc(2027, 3, 22, 8), Utc(2027, 3, 29, 7)], starts);
        Assert.All(starts, s => Assert.Equal(new TimeSpan(9, 0, 0), SessionClock.ToLocal(s, _rome).TimeOfDay));
        Assert.All(starts, s => Assert.Equal(new TimeSpan(8, 0, 0), SessionClock.ToLocal(s, _london).TimeOfDay));
    }

    [Fact]
    public void A_weekly_series_keeps_its_wall_clock_time_across_the_october_change()
    {
        var starts = SessionClock.Starts(new DateOnly(2027, 10, 25), new TimeOnly(9, 0), _rome, 1, 2, null);

        // 31 October 2027: back to winter time.
        Assert.Equal([Utc(2027, 10, 25, 7), Utc(2027, 11, 1, 8)], starts);
        Assert.All(starts, s => Assert.Equal(new TimeSpan(9, 0, 0), SessionClock.ToLocal(s, _rome).TimeOfDay));
        Assert.All(starts, s => Assert.Equal(new TimeSpan(8, 0, 0), SessionClock.ToLocal(s, _london).TimeOfDay));
    }

    [Fact]
    public void A_skipped_time_is_read_after_the_jump_and_a_series_is_bounded_by_its_until_and_the_limit()
    {
        Assert.Equal(Utc(2027, 3, 28, 1, 30), SessionClock.ToUtc(new DateOnly(2027, 3, 28), new TimeOnly(2, 30), _rome));
        var until = SessionClock.EndOfDayUtc(new DateOnly(2027, 2, 15), _rome);
        Assert.Equal(3, SessionClock.Starts(new DateOnly(2027, 2, 1), new TimeOnly(9, 0), _rome, 1, null, until).Count);
        Assert.Equal(SessionClock.MaxOccurrences + 1, SessionClock.Starts(new DateOnly(2027, 1, 4), new TimeOnly(9, 0), _rome, 1, 200, null).Count);
        Assert.Single(SessionClock.Starts(new DateOnly(2027, 1, 4), new TimeOnly(9, 0), _rome, 0, null, null));
    }

    [Fact]
    public void Meeting_links_are_web_links_only_and_rooms_carry_160_random_bits()
    {
        Assert.True(MeetingLinks.IsWebLink("https://teams.microsoft.com/l/meetup-join/x"));
        Assert.True(MeetingLinks.IsWebLink("http://zoom.example/j/1"));
        Assert.False(MeetingLinks.IsWebLink("javascript:alert(1)"));
        Assert.False(MeetingLinks.IsWebLink("ftp://files.example/x"));
        Assert.False(MeetingLinks.IsWebLink("meet.jit.si/room"));
        var links = new MeetingLinks(Microsoft.Extensions.Options.Options.Create(new MeetingOptions()));
        var (one, two) = (links.Create(), links.Create());
        Assert.Matches("^https://meet\\.jit\\.si/Reciproca-[0-9a-f]{40}$", one);
        Assert.NotEqual(one, two);
    }

    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);
}
