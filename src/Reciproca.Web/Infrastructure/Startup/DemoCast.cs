using Reciproca.Web.Features.People;
using Reciproca.Web.Infrastructure.Auth;

namespace Reciproca.Web.Infrastructure.Startup;

/// <summary>A participant; the demo accounts act as themselves, the others have no account (user id empty in history).</summary>
internal sealed record DemoActor(Person Person, Guid? UserId);

/// <summary>
/// Who takes part where: a pilot at the Monza site, then the next edition from the whole company. The demo junior and
/// senior accounts are in both: a pair of the pilot (so a newcomer sees a pair's life from the inside) and assessed for
/// the next edition (so they see matching from the participant's side).
/// </summary>
/// <param name="DemoPair">The demo junior and senior people, when both accounts exist: locked together in the pilot.</param>
internal sealed record DemoCast(List<DemoActor> PilotJuniors, List<DemoActor> PilotSeniors, List<DemoActor> Juniors, List<DemoActor> Seniors, (Guid Junior, Guid Senior)? DemoPair)
{
    public static DemoCast? Choose(List<Person> people, Random random, Guid?[] excluded, AppUser? juniorAccount, AppUser? seniorAccount)
    {
        var byId = people.ToDictionary(p => p.Id);
        var accounts = new[] { juniorAccount, seniorAccount }.Where(a => a?.PersonId is not null).ToDictionary(a => a!.PersonId!.Value, a => a!.Id);
        var pool = people.Where(p => !excluded.Contains(p.Id)).ToArray();
        random.Shuffle(pool);

        // Gen Z and young Millennials mentor on digital; Boomers and Gen X on experience (the label, not the rule:
        // the side comes from the assessment, which for these people points the same way).
        static bool Young(Person p) => p.BirthYear >= 1993;
        static bool Senior(Person p) => p.BirthYear <= 1975;
        DemoActor ToActor(Person p) => new(p, accounts.TryGetValue(p.Id, out var user) ? user : null);

        var pilot = pool.Where(p => p.Location == DemoProgrammesSeeder.PilotLocation && !accounts.ContainsKey(p.Id)).ToList();
        var demoPair = Demo(juniorAccount).Concat(Demo(seniorAccount)).ToList() is [var demoJunior, var demoSenior] ? (demoJunior, demoSenior) : ((Person, Person)?)null;
        var pilotJuniors = (demoPair is { } d1 ? [d1.Item1] : Array.Empty<Person>()).Concat(pilot.Where(Young)).Take(DemoProgrammesSeeder.SidePerPilot).ToList();
        var pilotSeniors = (demoPair is { } d2 ? [d2.Item2] : Array.Empty<Person>()).Concat(pilot.Where(Senior)).Take(DemoProgrammesSeeder.SidePerPilot).ToList();
        var rest = pool.Except(pilotJuniors.Where(p => !accounts.ContainsKey(p.Id))).Except(pilotSeniors.Where(p => !accounts.ContainsKey(p.Id))).ToList();

        // A few heads of department next to young people of their own department (two levels below): the draft
        // then shows the reporting-line rule at work.
        bool Reports(Person junior, Person head) =>
            junior.ManagerId is { } m && (m == head.Id || (byId.TryGetValue(m, out var lead) && lead.ManagerId == head.Id));
        var heads = rest.Where(h => Senior(h) && h.ManagerId is not null && rest.Any(j => Young(j) && Reports(j, h))).Take(3).ToList();
        var seniors = Demo(seniorAccount).Concat(heads).Concat(rest.Where(Senior)).Distinct().Take(DemoProgrammesSeeder.SidePerUpcoming).ToList();
        var juniors = Demo(juniorAccount).Concat(heads.Select(h => rest.First(j => Young(j) && Reports(j, h)))).Concat(rest.Where(Young)).Distinct().Take(DemoProgrammesSeeder.SidePerUpcoming).ToList();

        return pilotJuniors.Count < 2 || pilotSeniors.Count < 2 || juniors.Count < 2 || seniors.Count < 2
            ? null
            : new DemoCast([.. pilotJuniors.Select(ToActor)], [.. pilotSeniors.Select(ToActor)], [.. juniors.Select(ToActor)], [.. seniors.Select(ToActor)],
                demoPair is { } pair ? (pair.Item1.Id, pair.Item2.Id) : null);

        IEnumerable<Person> Demo(AppUser? account) =>
            account?.PersonId is { } id && byId.TryGetValue(id, out var person) && !excluded.Contains(id) ? [person] : [];
    }
}
