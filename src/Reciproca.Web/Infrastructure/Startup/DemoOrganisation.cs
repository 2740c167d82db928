using Reciproca.Web.Features.People;

namespace Reciproca.Web.Infrastructure.Startup;

/// <summary>A deterministic, fictional Italian company: the same 300 people on every machine.</summary>
internal static class DemoOrganisation
{
    public const string CompanyName = "Officine Brianza S.p.A. (fictional)";
    public const string ChiefExecutiveId = "OB0001";
    public const string HumanResources = "Risorse Umane";

    private static readonly string[] _departments =
    [
        "Amministrazione e Finanza", HumanResources, "Vendite Italia", "Export", "Marketing", "Produzione",
        "Logistica", "Sistemi Informativi", "Ricerca e Sviluppo", "Qualità", "Acquisti", "Assistenza Clienti",
    ];

    private static readonly string[] _locations = ["Monza", "Milano", "Torino", "Bologna", "Padova", "Bari"];

    private static readonly string[] _femaleNames =
    [
        "Giulia", "Francesca", "Chiara", "Sara", "Martina", "Valentina", "Alessia", "Federica", "Elena", "Silvia",
        "Anna", "Laura", "Maria", "Paola", "Roberta", "Giovanna", "Lucia", "Beatrice", "Aurora", "Sofia",
        "Noemi", "Ilaria", "Rosaria", "Carla", "Gabriella", "Graziella", "Nicoletta", "Maddalena",
    ];

    private static readonly string[] _maleNames =
    [
        "Marco", "Luca", "Andrea", "Giuseppe", "Francesco", "Alessandro", "Matteo", "Lorenzo", "Davide", "Simone",
        "Nicolò", "Niccolò", "Paolo", "Stefano", "Roberto", "Giovanni", "Antonio", "Salvatore", "Mattia", "Riccardo",
        "Gabriele", "Tommaso", "Pietro", "Carlo", "Sergio", "Franco", "Gianluca", "Raffaele",
    ];

    private static readonly string[] _familyNames =
    [
        "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco",
        "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti",
        "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli", "Martini", "Leone",
        "Longo", "Gentile", "Martinelli", "Vitale", "Serra", "Coppola", "De Santis", "D'Angelo", "Marchetti", "Parisi",
        "Cantù", "Carù", "Pirrò", "Sciascia", "Zanè", "Fumagalli", "Brambilla", "Sala", "Villa", "Galbiati",
    ];

    private static readonly string[] _titles = ["Impiegato", "Specialista", "Analista", "Tecnico", "Coordinatore"];

    /// <summary>
    /// Birth years per generation (Pew): two advisers of the Silent generation, then Boomers, Gen X, Millennials
    /// and Gen Z in proportions typical of an Italian manufacturer.
    /// </summary>
    private static int BirthYear(Random random, int index, int count)
    {
        var share = (double)index / count;
        return share switch
        {
            < 0.01 => random.Next(1941, 1946),
            < 0.19 => random.Next(1958, 1965),
            < 0.50 => random.Next(1965, 1981),
            < 0.82 => random.Next(1981, 1997),
            _ => random.Next(1997, 2006),
        };
    }

    public static List<Person> Generate(int count, DateTime nowUtc)
    {
        var random = new Random(20261128);
        var people = new List<Person>(count);
        var usedEmails = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        // Birth years are dealt out shuffled so that generations are spread over departments and levels.
        var years = Enumerable.Range(0, count).Select(i => BirthYear(random, i, count)).OrderBy(_ => random.Next()).ToArray();

        Person NewPerson(int number, string department, string title, string? managerId, int birthYear)
        {
            var female = random.Next(2) == 0;
            var given = female ? _femaleNames[random.Next(_femaleNames.Length)] : _maleNames[random.Next(_maleNames.Length)];
            var family = _familyNames[random.Next(_familyNames.Length)];
            var emailBase = $"{Ascii(given)}.{Ascii(family)}";
            var email = $"{emailBase}@officinebrianza.example";
            for (var n = 2; !usedEmails.Add(email); n++)
            {
                email = $"{emailBase}{n}@officinebrianza.example";
            }

            var languages = new List<string> { "it" };
            if (birthYear >= 1970 || random.Next(3) == 0)
            {
                languages.Add("en");
            }

            if (random.Next(8) == 0)
            {
                languages.Add(new[] { "de", "fr", "es" }[random.Next(3)]);
            }

            var person = new Person
            {
                ExternalId = $"OB{number:0000}",
                GivenName = given,
                FamilyName = family,
                DisplayName = $"{given} {family}",
                Email = email,
                BirthYear = birthYear,
                Gender = female ? "Donna" : "Uomo",
                Department = department,
                JobTitle = title,
                Location = _locations[random.Next(_locations.Length)],
                ManagerExternalId = managerId,
                HireDate = new DateOnly(Math.Max(birthYear + 20, 1975) + random.Next(0, Math.Max(1, 2025 - Math.Max(birthYear + 20, 1975))), random.Next(1, 13), random.Next(1, 28)),
                Languages = languages,
                TimeZone = "Europe/Rome",
                CreatedUtc = nowUtc,
            };
            person.Touch(nowUtc);
            return person;
        }

        var next = 0;
        int TakeYear(int minimum) => Math.Min(years[next++], minimum);

        var ceo = NewPerson(1, "Direzione Generale", "Amministratore Delegato", null, TakeYear(1966));
        ceo.Location = "Monza";
        people.Add(ceo);

        var heads = new List<Person>();
        foreach (var department in _departments)
        {
            var head = NewPerson(people.Count + 1, department, $"Direttore {department}", ceo.ExternalId, TakeYear(1978));
            people.Add(head);
            heads.Add(head);
        }

        var leads = new List<Person>();
        foreach (var head in heads)
        {
            for (var t = 0; t < 2; t++)
            {
                var lead = NewPerson(people.Count + 1, head.Department!, "Responsabile di team", head.ExternalId, TakeYear(1990));
                people.Add(lead);
                leads.Add(lead);
            }
        }

        while (people.Count < count)
        {
            var lead = leads[random.Next(leads.Count)];
            var year = years[next++];
            var title = $"{_titles[random.Next(_titles.Length)]} {lead.Department}";
            people.Add(NewPerson(people.Count + 1, lead.Department!, title, lead.ExternalId, year));
        }

        var byExternalId = people.ToDictionary(p => p.ExternalId);
        foreach (var person in people)
        {
            person.ManagerId = person.ManagerExternalId is { } m ? byExternalId[m].Id : null;
        }

        return people;
    }

    private static string Ascii(string name) =>
        SearchNormalizer.Normalize(name).Replace(" ", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal);
}
