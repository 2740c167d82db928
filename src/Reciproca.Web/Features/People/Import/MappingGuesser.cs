namespace Reciproca.Web.Features.People.Import;

/// <summary>
/// Proposes a mapping from the file's headers, in English and Italian, so that common exports need no typing.
/// The user sees and can change every proposal before anything is checked.
/// </summary>
public static class MappingGuesser
{
    private static readonly Dictionary<string, string[]> _synonyms = new()
    {
        [ImportFields.ExternalId] = ["externalid", "employeenumber", "employeeid", "employeeno", "matricola", "codicedipendente", "id"],
        [ImportFields.Email] = ["email", "e-mail", "mail", "emailaddress", "postaelettronica", "indirizzoemail"],
        [ImportFields.GivenName] = ["givenname", "firstname", "nome"],
        [ImportFields.FamilyName] = ["familyname", "lastname", "surname", "cognome"],
        [ImportFields.DisplayName] = ["displayname", "fullname", "name", "nominativo", "nomecompleto"],
        [ImportFields.BirthYear] = ["birthyear", "yearofbirth", "annodinascita", "annonascita"],
        [ImportFields.BirthDate] = ["birthdate", "dateofbirth", "dob", "datadinascita", "datanascita"],
        [ImportFields.Age] = ["age", "eta"],
        [ImportFields.Gender] = ["gender", "sex", "genere", "sesso"],
        [ImportFields.Department] = ["department", "dept", "reparto", "dipartimento", "funzione", "ufficio", "area"],
        [ImportFields.JobTitle] = ["jobtitle", "jobrole", "title", "role", "ruolo", "mansione", "qualifica", "posizione"],
        [ImportFields.Location] = ["location", "site", "office", "city", "sede", "citta"],
        [ImportFields.ManagerExternalId] = ["managerexternalid", "managerid", "manager", "managernumber", "responsabile", "matricolaresponsabile", "capo"],
        [ImportFields.HireDate] = ["hiredate", "startdate", "dataassunzione", "datadiassunzione"],
        [ImportFields.Languages] = ["languages", "language", "lingue", "lingua"],
        [ImportFields.TimeZone] = ["timezone", "fusoorario"],
    };

    public static Dictionary<string, string> Guess(IReadOnlyList<string> headers)
    {
        var normalized = headers.Select(h => (Header: h, Key: Key(h))).ToList();
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (field, synonyms) in _synonyms)
        {
            // Synonyms are in order of preference: the first one present wins.
            foreach (var synonym in synonyms)
            {
                var match = normalized.FirstOrDefault(h => h.Key == synonym && !used.Contains(h.Header));
                if (match.Header is not null)
                {
                    mapping[field] = match.Header;
                    used.Add(match.Header);
                    break;
                }
            }
        }

        // Only one birth-year source may be mapped: prefer the most precise.
        if (mapping.ContainsKey(ImportFields.BirthDate) || mapping.ContainsKey(ImportFields.BirthYear))
        {
            mapping.Remove(ImportFields.Age);
        }

        if (mapping.ContainsKey(ImportFields.BirthDate))
        {
            mapping.Remove(ImportFields.BirthYear);
        }

        return mapping;
    }

    private static string Key(string header) =>
        new([.. SearchNormalizer.Normalize(header).Where(char.IsLetterOrDigit)]);
}
